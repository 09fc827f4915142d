import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { TeamMembersTable, TeamsTable } from '../../db/schema.ts';

export type TeamRow = Selectable<TeamsTable>;
export type TeamMemberRow = Selectable<TeamMembersTable>;

export async function insertTeam(db: Db, row: Insertable<TeamsTable>): Promise<TeamRow> {
  return db.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findTeam(db: Db, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTeamByName(db: Db, name: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('name', '=', name.toLowerCase()).executeTakeFirst();
}

export async function findTeamByInviteId(db: Db, inviteId: string): Promise<TeamRow | undefined> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('invite_id', '=', inviteId)
    .where('delete_at', '=', 0)
    .executeTakeFirst();
}

export interface TeamListFilter {
  /** Only teams anyone may join (allow_open_invite). */
  openOnly: boolean;
  term?: string;
  allowOpenInvite?: boolean;
  groupConstrained?: boolean;
  limit: number;
  offset: number;
}

function filtered(db: Db, f: Omit<TeamListFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('teams').where('delete_at', '=', 0);
  if (f.openOnly) q = q.where('allow_open_invite', '=', true);
  if (f.allowOpenInvite !== undefined) q = q.where('allow_open_invite', '=', f.allowOpenInvite);
  if (f.groupConstrained !== undefined) q = q.where('group_constrained', '=', f.groupConstrained);
  if (f.term) {
    const like = `%${f.term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('name', 'like', like), eb(eb.fn('lower', ['display_name']), 'like', like)]),
    );
  }
  return q;
}

export async function listTeams(db: Db, f: TeamListFilter): Promise<TeamRow[]> {
  return filtered(db, f)
    .selectAll()
    .orderBy('display_name')
    .orderBy('id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export async function countTeams(db: Db, f: Omit<TeamListFilter, 'limit' | 'offset'>): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateTeam(
  db: Db,
  id: string,
  values: Updateable<TeamsTable>,
): Promise<TeamRow | undefined> {
  return db.updateTable('teams').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Permanent deletion: the team's channels go too (team rows cascade to members and categories). */
export async function deleteTeamForever(db: Db, id: string): Promise<void> {
  await db.deleteFrom('channels').where('team_id', '=', id).execute();
  await db.deleteFrom('teams').where('id', '=', id).execute();
}

/** Live teams a user belongs to, with their membership (bounded by the user's team count). */
export async function listTeamsOfUser(db: Db, userId: string): Promise<TeamRow[]> {
  return db
    .selectFrom('teams as t')
    .innerJoin('team_members as tm', 'tm.team_id', 't.id')
    .selectAll('t')
    .where('tm.user_id', '=', userId)
    .where('tm.delete_at', '=', 0)
    .where('t.delete_at', '=', 0)
    .orderBy('t.display_name')
    .limit(10000)
    .execute();
}

export async function listMembershipsOfUser(db: Db, userId: string): Promise<TeamMemberRow[]> {
  return db
    .selectFrom('team_members as tm')
    .innerJoin('teams as t', 't.id', 'tm.team_id')
    .selectAll('tm')
    .where('tm.user_id', '=', userId)
    .where('tm.delete_at', '=', 0)
    .where('t.delete_at', '=', 0)
    .limit(10000)
    .execute();
}

export async function findMember(db: Db, teamId: string, userId: string): Promise<TeamMemberRow | undefined> {
  return db
    .selectFrom('team_members')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function listMembers(
  db: Db,
  teamId: string,
  opts: { limit: number; offset: number; excludeDeletedUsers: boolean; sortByUsername: boolean },
): Promise<TeamMemberRow[]> {
  let q = db
    .selectFrom('team_members as tm')
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .selectAll('tm')
    .where('tm.team_id', '=', teamId)
    .where('tm.delete_at', '=', 0);
  if (opts.excludeDeletedUsers) q = q.where('u.delete_at', '=', 0);
  q = opts.sortByUsername ? q.orderBy('u.username') : q.orderBy('tm.user_id');
  return q.limit(opts.limit).offset(opts.offset).execute();
}

export async function listMembersByIds(db: Db, teamId: string, userIds: string[]): Promise<TeamMemberRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('team_members')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('user_id', 'in', userIds)
    .where('delete_at', '=', 0)
    .execute();
}

/** Marks a membership removed; false when the user was not an active member. */
export async function softDeleteMember(
  db: Db,
  teamId: string,
  userId: string,
  now: number,
): Promise<boolean> {
  const rows = await db
    .updateTable('team_members')
    .set({ delete_at: now })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('delete_at', '=', 0)
    .returning('user_id')
    .execute();
  return rows.length > 0;
}

export async function updateMemberRoles(
  db: Db,
  teamId: string,
  userId: string,
  values: { roles: string; scheme_guest: boolean; scheme_user: boolean; scheme_admin: boolean },
): Promise<TeamMemberRow | undefined> {
  return db
    .updateTable('team_members')
    .set(values)
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('delete_at', '=', 0)
    .returningAll()
    .executeTakeFirst();
}

export async function teamMemberCounts(db: Db, teamId: string): Promise<{ total: number; active: number }> {
  const row = await db
    .selectFrom('team_members as tm')
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn.sum<string>(sql`CASE WHEN u.delete_at = 0 THEN 1 ELSE 0 END`).as('active'),
    ])
    .where('tm.team_id', '=', teamId)
    .where('tm.delete_at', '=', 0)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), active: Number(row.active ?? 0) };
}

export interface TeamUnreadRow {
  team_id: string;
  msg_count: number;
  mention_count: number;
  msg_count_root: number;
  mention_count_root: number;
}

/**
 * Unread counts per team over the user's channels there (DMs and GMs have no team and are left
 * out). Channels the user muted to mentions only (mark_unread "mention") add no message count.
 */
export async function teamUnreads(
  db: Db,
  userId: string,
  opts: { teamId?: string; excludeTeamId?: string },
): Promise<TeamUnreadRow[]> {
  const unread = sql`CASE WHEN cm.notify_props->>'mark_unread' = 'mention' THEN 0`;
  let q = db
    .selectFrom('team_members as tm')
    .innerJoin('teams as t', 't.id', 'tm.team_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('channel_members as cm')
          .innerJoin('channels as c', 'c.id', 'cm.channel_id')
          .select([
            'c.team_id',
            sql<string>`SUM(${unread} ELSE GREATEST(c.total_msg_count - cm.msg_count, 0) END)`.as('msg'),
            sql<string>`SUM(${unread} ELSE GREATEST(c.total_msg_count_root - cm.msg_count_root, 0) END)`.as(
              'msg_root',
            ),
            sql<string>`SUM(cm.mention_count)`.as('mention'),
            sql<string>`SUM(cm.mention_count_root)`.as('mention_root'),
          ])
          .where('cm.user_id', '=', userId)
          .where('c.delete_at', '=', 0)
          .where('c.team_id', '!=', '')
          .groupBy('c.team_id')
          .as('u'),
      (j) => j.onRef('u.team_id', '=', 'tm.team_id'),
    )
    .select([
      'tm.team_id',
      sql<string>`COALESCE(u.msg, 0)`.as('msg_count'),
      sql<string>`COALESCE(u.msg_root, 0)`.as('msg_count_root'),
      sql<string>`COALESCE(u.mention, 0)`.as('mention_count'),
      sql<string>`COALESCE(u.mention_root, 0)`.as('mention_count_root'),
    ])
    .where('tm.user_id', '=', userId)
    .where('tm.delete_at', '=', 0)
    .where('t.delete_at', '=', 0);
  if (opts.teamId) q = q.where('tm.team_id', '=', opts.teamId);
  if (opts.excludeTeamId) q = q.where('tm.team_id', '!=', opts.excludeTeamId);
  const rows = await q.orderBy('tm.team_id').limit(10000).execute();
  return rows.map((r) => ({
    team_id: r.team_id,
    msg_count: Number(r.msg_count),
    msg_count_root: Number(r.msg_count_root),
    mention_count: Number(r.mention_count),
    mention_count_root: Number(r.mention_count_root),
  }));
}
