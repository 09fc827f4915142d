import type { Db } from '../../db/connection.ts';
import type { ChannelRolesColumns } from '../../permissions/roles.ts';

export interface ChannelAccessRow extends ChannelRolesColumns {
  id: string;
  type: string;
  team_id: string;
  delete_at: number;
}

/**
 * Channels among `ids` with the user's channel and team membership in each, in one query, so a
 * batch of posts can be authorised without a query per channel.
 */
export async function channelAccessRows(db: Db, ids: string[], userId: string): Promise<ChannelAccessRow[]> {
  if (ids.length === 0) return [];
  return (
    db
      .selectFrom('channels as c')
      .leftJoin('channel_members as cm', (j) =>
        j.onRef('cm.channel_id', '=', 'c.id').on('cm.user_id', '=', userId),
      )
      .leftJoin('team_members as tm', (j) =>
        j.onRef('tm.team_id', '=', 'c.team_id').on('tm.user_id', '=', userId).on('tm.delete_at', '=', 0),
      )
      // The permission schemes of the channel and of its team (see permissions/store.ts).
      .leftJoin('schemes as cs', (j) =>
        j.onRef('cs.id', '=', 'c.scheme_id').on('cs.delete_at', '=', 0).on('cs.scope', '=', 'channel'),
      )
      .leftJoin('teams as t', 't.id', 'c.team_id')
      .leftJoin('schemes as ts', (j) =>
        j.onRef('ts.id', '=', 't.scheme_id').on('ts.delete_at', '=', 0).on('ts.scope', '=', 'team'),
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
        'cs.default_channel_guest_role as cs_guest',
        'cs.default_channel_user_role as cs_user',
        'cs.default_channel_admin_role as cs_admin',
        'ts.default_channel_guest_role as tsc_guest',
        'ts.default_channel_user_role as tsc_user',
        'ts.default_channel_admin_role as tsc_admin',
        'ts.default_team_guest_role as tst_guest',
        'ts.default_team_user_role as tst_user',
        'ts.default_team_admin_role as tst_admin',
      ])
      .where('c.id', 'in', ids)
      .execute()
  );
}
