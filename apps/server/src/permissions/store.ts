import type { Db } from '../db/connection.ts';
import { channelMemberRoles, teamMemberRoles } from './roles.ts';

/** The caller's roles in a team, or null when not an active member. */
export async function findTeamRoles(db: Db, teamId: string, userId: string): Promise<string | null> {
  const m = await db
    .selectFrom('team_members')
    .select(['roles', 'scheme_guest', 'scheme_user', 'scheme_admin'])
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('delete_at', '=', 0)
    .executeTakeFirst();
  return m ? teamMemberRoles(m) : null;
}

/** The caller's roles in a channel and in the channel's team (each null when not a member). */
export async function findChannelRoles(
  db: Db,
  channelId: string,
  userId: string,
): Promise<{ channelRoles: string | null; teamRoles: string | null; teamId: string } | null> {
  const row = await db
    .selectFrom('channels as c')
    .leftJoin('channel_members as cm', (j) =>
      j.onRef('cm.channel_id', '=', 'c.id').on('cm.user_id', '=', userId),
    )
    .leftJoin('team_members as tm', (j) =>
      j.onRef('tm.team_id', '=', 'c.team_id').on('tm.user_id', '=', userId).on('tm.delete_at', '=', 0),
    )
    .select([
      'c.team_id',
      'cm.roles as c_roles',
      'cm.scheme_guest as c_guest',
      'cm.scheme_user as c_user',
      'cm.scheme_admin as c_admin',
      'tm.roles as t_roles',
      'tm.scheme_guest as t_guest',
      'tm.scheme_user as t_user',
      'tm.scheme_admin as t_admin',
    ])
    .where('c.id', '=', channelId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    teamId: row.team_id,
    channelRoles:
      row.c_roles === null
        ? null
        : channelMemberRoles({
            roles: row.c_roles,
            scheme_guest: !!row.c_guest,
            scheme_user: !!row.c_user,
            scheme_admin: !!row.c_admin,
          }),
    teamRoles:
      row.t_roles === null
        ? null
        : teamMemberRoles({
            roles: row.t_roles,
            scheme_guest: !!row.t_guest,
            scheme_user: !!row.t_user,
            scheme_admin: !!row.t_admin,
          }),
  };
}
