import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';

/** SQL deciding where a searcher may look, and resolving the names of in:/from: to ids. */

export interface SearchableChannel {
  id: string;
  name: string;
  type: string;
  total_msg_count: number;
}

/**
 * Channels the user is a member of (Mattermost searches only those, public ones included), in
 * teams they still belong to, or direct and group messages; optionally one team (plus DMs and
 * GMs, as Mattermost's team search does) and optionally archived ones too. Most active first,
 * so the bound keeps the channels that matter.
 */
export async function searchableChannels(
  db: Db,
  userId: string,
  teamId: string | null,
  includeArchived: boolean,
  limit: number,
): Promise<SearchableChannel[]> {
  let q = db
    .selectFrom('channel_members as cm')
    .innerJoin('channels as c', 'c.id', 'cm.channel_id')
    .select(['c.id', 'c.name', 'c.type', 'c.total_msg_count'])
    .where('cm.user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('c.team_id', '=', ''),
        eb(
          'c.team_id',
          'in',
          eb
            .selectFrom('team_members as tm')
            .select('tm.team_id')
            .where('tm.user_id', '=', userId)
            .where('tm.delete_at', '=', 0),
        ),
      ]),
    );
  if (teamId !== null) q = q.where((eb) => eb.or([eb('c.team_id', '=', teamId), eb('c.team_id', '=', '')]));
  if (!includeArchived) q = q.where('c.delete_at', '=', 0);
  return q.orderBy('c.last_post_at', 'desc').limit(limit).execute();
}

/**
 * Among `channelIds`, the group messages whose members are exactly `memberIds` (for
 * `in:@alice,bob`, which names a group message by its members).
 */
export async function groupChannelsWithMembers(
  db: Db,
  channelIds: readonly string[],
  memberIds: readonly string[],
): Promise<string[]> {
  if (channelIds.length === 0 || memberIds.length === 0) return [];
  const { rows } = await sql<{ channel_id: string }>`
    SELECT cm.channel_id FROM channel_members cm
    JOIN channels c ON c.id = cm.channel_id AND c.type = 'G'
    WHERE cm.channel_id = ANY(${[...channelIds]}::varchar[])
    GROUP BY cm.channel_id
    HAVING count(*) = ${memberIds.length}
       AND bool_and(cm.user_id = ANY(${[...memberIds]}::varchar[]))
    LIMIT 10`.execute(db);
  return rows.map((r) => r.channel_id);
}

/** Ids of the users with these usernames (lower-case), at most as many as asked. */
export async function userIdsByUsernames(db: Db, usernames: readonly string[]): Promise<Map<string, string>> {
  if (usernames.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', [...usernames])
    .limit(usernames.length)
    .execute();
  return new Map(rows.map((r) => [r.username, r.id]));
}
