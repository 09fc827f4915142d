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

/** Of `viewerIds`, those sharing at least one channel with `userId`. */
export async function channelMatesAmong(db: Db, userId: string, viewerIds: string[]): Promise<string[]> {
  if (viewerIds.length === 0) return [];
  const rows = await db
    .selectFrom('channel_members as theirs')
    .innerJoin('channel_members as mine', 'mine.channel_id', 'theirs.channel_id')
    .select('mine.user_id')
    .distinct()
    .where('theirs.user_id', '=', userId)
    .where('mine.user_id', '=', sql<string>`ANY(${viewerIds}::varchar[])`)
    .execute();
  return rows.map((r) => r.user_id);
}

/** The team memberships of `viewerIds` in teams `userId` also belongs to (one row per viewer and team). */
export async function sharedTeamMemberships(db: Db, userId: string, viewerIds: string[]) {
  if (viewerIds.length === 0) return [];
  return db
    .selectFrom('team_members as theirs')
    .innerJoin('team_members as mine', 'mine.team_id', 'theirs.team_id')
    .select(['mine.user_id', 'mine.roles', 'mine.scheme_guest', 'mine.scheme_user', 'mine.scheme_admin'])
    .where('theirs.user_id', '=', userId)
    .where('theirs.delete_at', '=', 0)
    .where('mine.delete_at', '=', 0)
    .where('mine.user_id', '=', sql<string>`ANY(${viewerIds}::varchar[])`)
    .execute();
}
