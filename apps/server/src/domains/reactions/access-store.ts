import type { Db } from '../../db/connection.ts';
import type { ChannelRolesColumns } from '../../permissions/roles.ts';
import { channelRolesQuery } from '../../permissions/store.ts';

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
  return channelRolesQuery(db, userId)
    .select(['c.id', 'c.type', 'c.team_id', 'c.delete_at'])
    .where('c.id', 'in', ids)
    .execute();
}
