import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { ChannelMembersTable } from '../../db/schema.ts';

/** SQL for channel memberships and the user/team facts they depend on. Lists are bounded. */

export type MemberRow = Selectable<ChannelMembersTable>;

/** A user's memberships in a team's channels plus their DMs and GMs (live channels). */
export async function listUserMembersInTeam(
  db: Db,
  userId: string,
  teamId: string,
  limit: number,
): Promise<MemberRow[]> {
  return db
    .selectFrom('channel_members as cm')
    .innerJoin('channels as c', 'c.id', 'cm.channel_id')
    .selectAll('cm')
    .where('cm.user_id', '=', userId)
    .where('c.team_id', 'in', [teamId, ''])
    .where('c.delete_at', '=', 0)
    .orderBy('cm.channel_id')
    .limit(limit)
    .execute();
}

export async function listUserMembers(
  db: Db,
  userId: string,
  offset: number,
  limit: number,
): Promise<MemberRow[]> {
  return db
    .selectFrom('channel_members')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('channel_id')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function findMember(db: Db, channelId: string, userId: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom('channel_members')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function listMembers(
  db: Db,
  channelId: string,
  offset: number,
  limit: number,
): Promise<MemberRow[]> {
  return db
    .selectFrom('channel_members')
    .selectAll()
    .where('channel_id', '=', channelId)
    .orderBy('user_id')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function listMembersByIds(db: Db, channelId: string, userIds: string[]): Promise<MemberRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('channel_members')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .execute();
}

/** Inserts memberships, leaving existing ones alone; returns the rows actually inserted. */
export async function insertMembers(db: Db, rows: Insertable<ChannelMembersTable>[]): Promise<MemberRow[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('channel_members')
    .values(rows)
    .onConflict((oc) => oc.columns(['channel_id', 'user_id']).doNothing())
    .returningAll()
    .execute();
}

export async function deleteMember(db: Db, channelId: string, userId: string): Promise<boolean> {
  const rows = await db
    .deleteFrom('channel_members')
    .where('channel_id', '=', channelId)
    .where('user_id', '=', userId)
    .returning('user_id')
    .execute();
  return rows.length > 0;
}

export async function updateMember(
  db: Db,
  channelId: string,
  userId: string,
  patch: Updateable<ChannelMembersTable>,
): Promise<MemberRow | undefined> {
  return db
    .updateTable('channel_members')
    .set(patch)
    .where('channel_id', '=', channelId)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

/** Marks channels read for a user: counts caught up with the channel's totals, mentions cleared. */
export async function markChannelsViewed(
  db: Db,
  userId: string,
  channelIds: string[],
  now: number,
): Promise<string[]> {
  if (channelIds.length === 0) return [];
  const rows = await db
    .updateTable('channel_members as cm')
    .from('channels as c')
    .set((eb) => ({
      last_viewed_at: now,
      last_update_at: now,
      msg_count: eb.ref('c.total_msg_count'),
      msg_count_root: eb.ref('c.total_msg_count_root'),
      mention_count: 0,
      mention_count_root: 0,
      urgent_mention_count: 0,
    }))
    .whereRef('c.id', '=', 'cm.channel_id')
    .where('cm.user_id', '=', userId)
    .where('cm.channel_id', 'in', channelIds)
    .returning('cm.channel_id')
    .execute();
  return rows.map((r) => r.channel_id);
}

export async function channelMemberCounts(
  db: Db,
  channelId: string,
): Promise<{ members: number; guests: number }> {
  const row = await db
    .selectFrom('channel_members as cm')
    .innerJoin('users as u', 'u.id', 'cm.user_id')
    .select((eb) => [
      eb.fn.countAll<string>().as('members'),
      eb.fn.count<string>('cm.user_id').filterWhere('cm.scheme_guest', '=', true).as('guests'),
    ])
    .where('cm.channel_id', '=', channelId)
    .where('u.delete_at', '=', 0)
    .executeTakeFirstOrThrow();
  return { members: Number(row.members), guests: Number(row.guests) };
}

/** Distinct time zones of a channel's active members (automatic or manual, as each user chose). */
export async function channelTimezones(db: Db, channelId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('channel_members as cm')
    .innerJoin('users as u', 'u.id', 'cm.user_id')
    .select(
      sql<string>`CASE WHEN u.timezone->>'useAutomaticTimezone' = 'true'
        THEN u.timezone->>'automaticTimezone' ELSE u.timezone->>'manualTimezone' END`.as('tz'),
    )
    .distinct()
    .where('cm.channel_id', '=', channelId)
    .where('u.delete_at', '=', 0)
    .limit(limit)
    .execute();
  return rows.map((r) => r.tz).filter((tz): tz is string => !!tz);
}

/** Active team memberships among these users (who may be added to a team's channel). */
export async function teamMembersAmong(db: Db, teamId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('team_members')
    .select(['user_id', 'scheme_guest'])
    .where('team_id', '=', teamId)
    .where('user_id', 'in', userIds)
    .where('delete_at', '=', 0)
    .execute();
}

export async function usersByIds(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'username', 'roles', 'delete_at'])
    .where('id', 'in', userIds)
    .execute();
}

/** True when the two users are active members of at least one common live team. */
export async function shareATeam(db: Db, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_members as x')
    .innerJoin('team_members as y', 'y.team_id', 'x.team_id')
    .innerJoin('teams as t', 't.id', 'x.team_id')
    .select('x.team_id')
    .where('x.user_id', '=', a)
    .where('y.user_id', '=', b)
    .where('x.delete_at', '=', 0)
    .where('y.delete_at', '=', 0)
    .where('t.delete_at', '=', 0)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
