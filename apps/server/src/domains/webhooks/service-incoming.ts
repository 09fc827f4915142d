import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, invalidParam, notFound } from '../../errors/app-error.ts';
import {
  hasPermissionToChannel,
  hasPermissionToSystem,
  requireSystemPermission,
  requireTeamPermission,
} from '../../permissions/authorize.ts';
import { isValidId, newId } from '../../platform/ids.ts';
import { findChannel, type ChannelRow } from '../channels/store.ts';
import { findUser } from '../users/store.ts';
import { canManageOthers, requireHookManager, requireIncomingEnabled, userNotFound } from './access.ts';
import { incomingProblem, readIncoming } from './policy.ts';
import * as store from './store.ts';

/** Managing incoming webhooks (Mattermost's api4/webhook.go, incoming half). */

type Input = Record<string, unknown>;

const hookNotFound = () => notFound('app.webhooks.get_incoming.app_error', 'Unable to get the webhook.');
const channelNotFound = () =>
  notFound('app.channel.get.existing.app_error', 'Unable to find the existing channel.');

/** A private channel's hook is only for those who can read the channel. */
async function requireChannelReadable(app: App, session: Session, channel: ChannelRow) {
  if (
    channel.type !== 'O' &&
    !(await hasPermissionToChannel(app, session, channel.id, 'read_channel_content'))
  )
    throw forbidden();
}

async function channelFor(app: App, channelId: string | undefined): Promise<ChannelRow> {
  if (!channelId || !isValidId(channelId)) throw invalidParam('channel_id');
  const channel = await findChannel(app.db, channelId);
  if (!channel) throw channelNotFound();
  return channel;
}

function checkFields(h: Parameters<typeof incomingProblem>[0]) {
  const problem = incomingProblem(h);
  if (problem) throw badRequest(problem[0], problem[1]);
}

export async function createIncoming(app: App, session: Session, input: Input) {
  requireIncomingEnabled(app);
  const f = readIncoming(input);
  const channel = await channelFor(app, f.channel_id);
  await requireTeamPermission(app, session, channel.team_id, 'manage_own_incoming_webhooks');
  await requireChannelReadable(app, session, channel);
  let userId = session.userId;
  if (f.user_id && f.user_id !== session.userId) {
    if (!(await canManageOthers(app, session, 'incoming', channel.team_id))) throw forbidden();
    const owner = isValidId(f.user_id) ? await findUser(app.db, f.user_id) : undefined;
    if (!owner) throw userNotFound();
    userId = owner.id;
  }
  const fields = {
    display_name: f.display_name ?? '',
    description: f.description ?? '',
    username: f.username ?? '',
    icon_url: f.icon_url ?? '',
  };
  checkFields(fields);
  const now = Date.now();
  return store.insertIncoming(app.db, {
    id: newId(),
    create_at: now,
    update_at: now,
    user_id: userId,
    channel_id: channel.id,
    team_id: channel.team_id,
    channel_locked: f.channel_locked ?? false,
    ...fields,
  });
}

/**
 * GET /hooks/incoming: a team's hooks (or, without team_id, all the caller may see); callers who
 * cannot manage others' hooks see only their own.
 */
export async function listIncoming(
  app: App,
  session: Session,
  opts: { teamId: string; limit: number; offset: number; withCount: boolean },
) {
  requireIncomingEnabled(app);
  let userId: string | undefined = session.userId;
  if (opts.teamId) {
    if (!isValidId(opts.teamId)) throw invalidParam('team_id');
    await requireTeamPermission(app, session, opts.teamId, 'manage_own_incoming_webhooks');
    if (await canManageOthers(app, session, 'incoming', opts.teamId)) userId = undefined;
  } else {
    requireSystemPermission(app, session, 'manage_own_incoming_webhooks');
    if (hasPermissionToSystem(app, session, 'manage_others_incoming_webhooks')) userId = undefined;
  }
  const filter = { teamId: opts.teamId || undefined, userId };
  const hooks = await store.listIncoming(app.db, { ...filter, limit: opts.limit, offset: opts.offset });
  const total = opts.withCount ? await store.countIncoming(app.db, filter) : null;
  return { hooks, total };
}

/** A live hook the caller may manage (404 when unknown, 403 when not theirs to manage). */
async function manageable(app: App, session: Session, hookId: string): Promise<store.IncomingRow> {
  requireIncomingEnabled(app);
  const hook = await store.findIncoming(app.db, hookId);
  if (!hook) throw hookNotFound();
  await requireHookManager(app, session, 'incoming', hook.team_id, hook.user_id);
  const channel = await findChannel(app.db, hook.channel_id);
  if (channel) await requireChannelReadable(app, session, channel);
  return hook;
}

export const getIncoming = manageable;

export async function updateIncoming(app: App, session: Session, hookId: string, input: Input) {
  if (input.id !== undefined && input.id !== hookId) throw invalidParam('hook_id');
  const f = readIncoming(input);
  const old = await manageable(app, session, hookId);
  if (f.team_id && f.team_id !== old.team_id)
    throw badRequest('api.webhook.team_mismatch.app_error', 'Unable to update webhook across teams.');
  const channel = await channelFor(app, f.channel_id || old.channel_id);
  if (channel.team_id !== old.team_id) throw invalidParam('channel_id');
  await requireChannelReadable(app, session, channel);
  // PUT replaces the editable fields, as upstream.
  const fields = {
    display_name: f.display_name ?? '',
    description: f.description ?? '',
    username: f.username ?? '',
    icon_url: f.icon_url ?? '',
  };
  checkFields(fields);
  const updated = await store.updateIncoming(app.db, hookId, {
    ...fields,
    channel_id: channel.id,
    channel_locked: f.channel_locked ?? false,
    update_at: Date.now(),
  });
  if (!updated) throw hookNotFound();
  return updated;
}

export async function deleteIncoming(app: App, session: Session, hookId: string): Promise<void> {
  await manageable(app, session, hookId);
  await store.deleteIncoming(app.db, hookId, Date.now());
}
