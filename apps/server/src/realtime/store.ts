import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

/**
 * Membership checks made at send time, one query per event whatever the number of connections.
 * `userIds` are the distinct users connected to this node.
 */

/**
 * A channel's member ids, read from its primary key (an index-only scan); the hub matches them
 * against its connected users in memory, far cheaper than sending every connected user's id to the
 * database with each event. They come back as one space-separated string: one value to decode
 * instead of a row object per member (up to thousands per event, on the hub's hot path).
 */
export async function channelMemberIds(db: Db, channelId: string): Promise<string[]> {
  const row = await db
    .selectFrom('channel_members')
    .select(sql<string | null>`string_agg(user_id, ' ')`.as('ids'))
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return row?.ids ? row.ids.split(' ') : [];
}

export async function teamMembersAmong(db: Db, teamId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('delete_at', '=', 0)
    .where('user_id', '=', sql<string>`ANY(${userIds}::varchar[])`)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Of these sessions, the ones that still exist and have not expired. */
export async function findLiveSessions(db: Db, ids: string[], now: number) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('sessions')
    .select(['id', 'expires_at'])
    .where('id', 'in', ids)
    .where('expires_at', '>=', now)
    .execute();
}
