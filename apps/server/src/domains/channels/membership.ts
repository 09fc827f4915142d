import type { Db } from '../../db/connection.ts';
import { newId } from '../../platform/ids.ts';

/** Channel rows and memberships that teams need: default channels on creation and on join. */

export const TOWN_SQUARE = 'town-square';
export const OFF_TOPIC = 'off-topic';

export function defaultChannelMemberNotifyProps(): Record<string, string> {
  return {
    desktop: 'default',
    email: 'default',
    push: 'default',
    mark_unread: 'all',
    ignore_channel_mentions: 'default',
    channel_auto_follow_threads: 'off',
    desktop_threads: 'default',
    push_threads: 'default',
  };
}

/** Town Square and Off-Topic for a new team, created in the caller's transaction. */
export async function createTeamDefaultChannels(db: Db, teamId: string, creatorId: string): Promise<void> {
  const now = Date.now();
  await db
    .insertInto('channels')
    .values([
      {
        id: newId(),
        create_at: now,
        update_at: now,
        team_id: teamId,
        type: 'O',
        display_name: 'Town Square',
        name: TOWN_SQUARE,
        creator_id: creatorId,
      },
      {
        id: newId(),
        create_at: now,
        update_at: now,
        team_id: teamId,
        type: 'O',
        display_name: 'Off-Topic',
        name: OFF_TOPIC,
        creator_id: creatorId,
      },
    ])
    .execute();
}

/**
 * Adds a user to a team's default public channels (Town Square, Off-Topic and
 * TeamSettings.ExperimentalDefaultChannels), skipping archived ones and existing memberships.
 * Returns the ids of channels joined.
 */
export async function joinTeamDefaultChannels(
  db: Db,
  teamId: string,
  userId: string,
  extraNames: string[],
  asGuest: boolean,
): Promise<string[]> {
  if (asGuest) return [];
  const names = [...new Set([TOWN_SQUARE, OFF_TOPIC, ...extraNames])];
  const channels = await db
    .selectFrom('channels')
    .select('id')
    .where('team_id', '=', teamId)
    .where('name', 'in', names)
    .where('type', '=', 'O')
    .where('delete_at', '=', 0)
    .execute();
  if (channels.length === 0) return [];
  const now = Date.now();
  const rows = await db
    .insertInto('channel_members')
    .values(
      channels.map((c) => ({
        channel_id: c.id,
        user_id: userId,
        notify_props: defaultChannelMemberNotifyProps(),
        last_viewed_at: now,
        last_update_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['channel_id', 'user_id']).doNothing())
    .returning('channel_id')
    .execute();
  return rows.map((r) => r.channel_id);
}

/** Removes a user from every channel of a team (when they leave or are removed from it). */
export async function leaveTeamChannels(db: Db, teamId: string, userId: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('channel_members')
    .where('user_id', '=', userId)
    .where('channel_id', 'in', (eb) => eb.selectFrom('channels').select('id').where('team_id', '=', teamId))
    .returning('channel_id')
    .execute();
  return rows.map((r) => r.channel_id);
}
