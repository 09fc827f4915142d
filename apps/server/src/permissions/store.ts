import type { Db } from '../db/connection.ts';
import { rolesFromColumns, teamMemberRoles, type ChannelStanding } from './roles.ts';

/**
 * The caller's roles in a team, or null when not an active member. The team's permission scheme,
 * if any, is joined in the same query: its roles replace the built-in team roles.
 */
export async function findTeamRoles(db: Db, teamId: string, userId: string): Promise<string | null> {
  const m = await db
    .selectFrom('team_members as tm')
    .innerJoin('teams as t', 't.id', 'tm.team_id')
    .leftJoin('schemes as ts', (j) =>
      j.onRef('ts.id', '=', 't.scheme_id').on('ts.delete_at', '=', 0).on('ts.scope', '=', 'team'),
    )
    .select([
      'tm.roles',
      'tm.scheme_guest',
      'tm.scheme_user',
      'tm.scheme_admin',
      'ts.default_team_guest_role as guest',
      'ts.default_team_user_role as user',
      'ts.default_team_admin_role as admin',
    ])
    .where('tm.team_id', '=', teamId)
    .where('tm.user_id', '=', userId)
    .where('tm.delete_at', '=', 0)
    .executeTakeFirst();
  if (!m) return null;
  return teamMemberRoles(m, m.user || m.guest || m.admin ? m : null);
}

/**
 * Channels joined with one user's channel and team memberships and with the channel's and its
 * team's permission schemes: the columns rolesFromColumns reads. Callers add their own channel
 * columns and filter.
 */
export function channelRolesQuery(db: Db, userId: string) {
  return db
    .selectFrom('channels as c')
    .leftJoin('channel_members as cm', (j) =>
      j.onRef('cm.channel_id', '=', 'c.id').on('cm.user_id', '=', userId),
    )
    .leftJoin('team_members as tm', (j) =>
      j.onRef('tm.team_id', '=', 'c.team_id').on('tm.user_id', '=', userId).on('tm.delete_at', '=', 0),
    )
    .leftJoin('schemes as cs', (j) =>
      j.onRef('cs.id', '=', 'c.scheme_id').on('cs.delete_at', '=', 0).on('cs.scope', '=', 'channel'),
    )
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .leftJoin('schemes as ts', (j) =>
      j.onRef('ts.id', '=', 't.scheme_id').on('ts.delete_at', '=', 0).on('ts.scope', '=', 'team'),
    )
    .select([
      'cm.roles as c_roles',
      'cm.scheme_guest as c_guest',
      'cm.scheme_user as c_user',
      'cm.scheme_admin as c_admin',
      'tm.roles as t_roles',
      'tm.scheme_guest as t_guest',
      'tm.scheme_user as t_user',
      'tm.scheme_admin as t_admin',
      'cs.default_channel_guest_role as cs_guest',
      'cs.default_channel_user_role as cs_user',
      'cs.default_channel_admin_role as cs_admin',
      'ts.default_channel_guest_role as tsc_guest',
      'ts.default_channel_user_role as tsc_user',
      'ts.default_channel_admin_role as tsc_admin',
      'ts.default_team_guest_role as tst_guest',
      'ts.default_team_user_role as tst_user',
      'ts.default_team_admin_role as tst_admin',
    ]);
}

/**
 * The caller's standing in a channel and roles in the channel's team (each null when not a
 * member), with the channel's scheme and its team's scheme joined in: one query per check.
 */
export async function findChannelRoles(
  db: Db,
  channelId: string,
  userId: string,
): Promise<{ channel: ChannelStanding | null; teamRoles: string | null; teamId: string } | null> {
  const row = await channelRolesQuery(db, userId)
    .select('c.team_id')
    .where('c.id', '=', channelId)
    .executeTakeFirst();
  if (!row) return null;
  return { teamId: row.team_id, ...rolesFromColumns(row) };
}
