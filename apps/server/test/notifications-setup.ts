import type { Channel } from '@mattermost/types/channels';
import { deepMerge } from '../src/config/merge.ts';
import { setStatus, type StatusName } from '../src/domains/status/service.ts';
import { channelWorld, newChannelFields, type ChannelWorld } from './channels-setup.ts';
import { unique, type LoggedIn } from './harness.ts';

/**
 * Shared set-up for the notification suites: the channel world (admin, alice, bob, a team) plus
 * carol, and a channel the four share. Automatic statuses are off, so each test sets who is online.
 */
export const SITE = 'http://chat.example.test';

export interface NotifyWorld extends ChannelWorld {
  carol: LoggedIn;
  channel: Channel;
}

export async function notifyWorld(config: Record<string, unknown> = {}): Promise<NotifyWorld> {
  const world = await channelWorld(
    deepMerge({ ServiceSettings: { SiteURL: SITE, EnableUserStatuses: false } }, config),
  );
  const carol = await world.server.userByAdmin(world.admin.client, { username: unique('carol') });
  await world.admin.client.addToTeam(world.team.id, carol.user.id);
  const channel = await world.admin.client.createChannel(newChannelFields(world.team.id));
  for (const u of [world.alice, world.bob, carol])
    await world.admin.client.addToChannel(u.user.id, channel.id);
  return { ...world, carol, channel };
}

export async function statusOf(world: ChannelWorld, who: LoggedIn, status: StatusName): Promise<void> {
  await setStatus(world.server.parley.app, who.user.id, status, true);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (polling), failing after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
