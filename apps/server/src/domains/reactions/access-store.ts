import type { Db } from '../../db/connection.ts';

export interface ChannelAccessRow {
  id: string;
  type: string;
  team_id: string;
  delete_at: number;
  c_roles: string | null;
  c_guest: boolean | null;
  c_user: boolean | null;
  c_admin: boolean | null;
  t_roles: string | null;
  t_guest: boolean | null;
  t_user: boolean | null;
  t_admin: boolean | null;
}

/**
 * Channels among `ids` with the user's channel and team membership in each, in one query, so a
 * batch of posts can be authorised without a query per channel.
 */
export async function channelAccessRows(db: Db, ids: string[], userId: string): Promise<ChannelAccessRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('channels as c')
    .leftJoin('channel_members as cm', (j) =>
      j.onRef('cm.channel_id', '=', 'c.id').on('cm.user_id', '=', userId),
    )
    .leftJoin('team_members as tm', (j) =>
      j.onRef('tm.team_id', '=', 'c.team_id').on('tm.user_id', '=', userId).on('tm.delete_at', '=', 0),
    )
    .select([
      'c.id',
      'c.type',
      'c.team_id',
      'c.delete_at',
      'cm.roles as c_roles',
      'cm.scheme_guest as c_guest',
      'cm.scheme_user as c_user',
      'cm.scheme_admin as c_admin',
      'tm.roles as t_roles',
      'tm.scheme_guest as t_guest',
      'tm.scheme_user as t_user',
      'tm.scheme_admin as t_admin',
    ])
    .where('c.id', 'in', ids)
    .execute();
}
