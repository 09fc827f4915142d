import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { JOIN_LEAVE_TYPES } from './policy.ts';

/** SQL for marking a channel unread from a post on. */

/**
 * Posts before `createAt` counted as channels count them (join/leave messages never; deleted
 * posts still, since deleting leaves total_msg_count as it was).
 */
export async function countPostsBefore(db: Db, channelId: string, createAt: number) {
  const row = await db
    .selectFrom('posts')
    .select([sql<string>`count(*)`.as('all'), sql<string>`count(*) filter (where root_id = '')`.as('roots')])
    .where('channel_id', '=', channelId)
    .where('create_at', '<', createAt)
    .where('type', 'not in', [...JOIN_LEAVE_TYPES])
    .executeTakeFirstOrThrow();
  return { all: Number(row.all), roots: Number(row.roots) };
}

/** Live posts from `createAt` on, oldest first, bounded (to recount mentions). */
export async function postsFrom(db: Db, channelId: string, createAt: number, limit: number) {
  return db
    .selectFrom('posts')
    .select(['user_id', 'message', 'type', 'root_id'])
    .where('channel_id', '=', channelId)
    .where('create_at', '>=', createAt)
    .where('delete_at', '=', 0)
    .orderBy('create_at')
    .limit(limit)
    .execute();
}

export interface ChannelUnreadState {
  lastViewedAt: number;
  msgCount: number;
  msgCountRoot: number;
  mentionCount: number;
  mentionCountRoot: number;
}

export async function setChannelUnread(
  db: Db,
  channelId: string,
  userId: string,
  s: ChannelUnreadState,
  at: number,
): Promise<void> {
  await db
    .updateTable('channel_members')
    .set({
      last_viewed_at: s.lastViewedAt,
      msg_count: s.msgCount,
      msg_count_root: s.msgCountRoot,
      mention_count: s.mentionCount,
      mention_count_root: s.mentionCountRoot,
      urgent_mention_count: 0,
      last_update_at: at,
    })
    .where('channel_id', '=', channelId)
    .where('user_id', '=', userId)
    .execute();
}
