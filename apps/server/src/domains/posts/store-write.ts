import { sql, type InsertObject, type RawBuilder, type UpdateObject } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';

/** A jsonb value (node-postgres would send a JS array as a PostgreSQL array, not JSON). */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`${JSON.stringify(value)}::jsonb`;
}

/** SQL writing posts and what a post changes elsewhere: channel counters, the author's view, threads. */

export async function insertPost(db: Db, row: InsertObject<Database, 'posts'>): Promise<void> {
  await db.insertInto('posts').values(row).execute();
}

/**
 * A new post moves the channel's last post times; it counts as a message unless it is a join/leave
 * message (Mattermost's IsJoinLeaveMessage), which must not make a channel unread.
 */
export async function bumpChannel(
  db: Db,
  channelId: string,
  createAt: number,
  isRoot: boolean,
  counts: boolean,
): Promise<void> {
  const n = counts ? 1 : 0;
  const nRoot = counts && isRoot ? 1 : 0;
  await db
    .updateTable('channels')
    .set({
      last_post_at: sql`greatest(last_post_at, ${createAt})`,
      last_root_post_at: isRoot ? sql`greatest(last_root_post_at, ${createAt})` : sql`last_root_post_at`,
      total_msg_count: sql`total_msg_count + ${n}`,
      total_msg_count_root: sql`total_msg_count_root + ${nRoot}`,
    })
    .where('id', '=', channelId)
    .execute();
}

/**
 * bumpChannel, and the author has read their channel up to their own post (Mattermost marks the
 * channel viewed for the poster: counts catch up with the bumped channel's, mentions clear), in one
 * statement: one round trip less while the hot channel row is locked (until the post's commit).
 */
export async function bumpChannelViewedByAuthor(
  db: Db,
  channelId: string,
  userId: string,
  createAt: number,
  isRoot: boolean,
  counts: boolean,
): Promise<void> {
  const n = counts ? 1 : 0;
  const nRoot = counts && isRoot ? 1 : 0;
  await sql`
    with c as (
      update channels set
        last_post_at = greatest(last_post_at, ${createAt}),
        last_root_post_at = ${isRoot ? sql`greatest(last_root_post_at, ${createAt})` : sql`last_root_post_at`},
        total_msg_count = total_msg_count + ${n},
        total_msg_count_root = total_msg_count_root + ${nRoot}
      where id = ${channelId}
      returning total_msg_count, total_msg_count_root
    )
    update channel_members as m set
      last_viewed_at = greatest(m.last_viewed_at, ${createAt}),
      msg_count = c.total_msg_count,
      msg_count_root = c.total_msg_count_root,
      mention_count = 0,
      mention_count_root = 0,
      urgent_mention_count = 0,
      last_update_at = ${createAt}
    from c
    where m.channel_id = ${channelId} and m.user_id = ${userId}`.execute(db);
}

/** A reply creates or advances its root's thread: one more reply, the replier among participants. */
export async function upsertThreadForReply(
  db: Db,
  rootId: string,
  channelId: string,
  userId: string,
  at: number,
): Promise<void> {
  await db
    .insertInto('threads')
    .values({
      post_id: rootId,
      channel_id: channelId,
      reply_count: 1,
      last_reply_at: at,
      participants: jsonb([userId]),
    })
    .onConflict((oc) =>
      oc.column('post_id').doUpdateSet({
        reply_count: sql`threads.reply_count + 1`,
        last_reply_at: sql`greatest(threads.last_reply_at, ${at})`,
        participants: sql`case when threads.participants ? ${userId} then threads.participants
          else threads.participants || ${JSON.stringify([userId])}::jsonb end`,
      }),
    )
    .execute();
}

/**
 * The replier follows the thread and has read it; the root's author follows it too unless they
 * already decided (an existing membership, e.g. unfollowed, is left as it is).
 */
export async function followThread(
  db: Db,
  rootId: string,
  replierId: string,
  rootAuthorId: string,
  at: number,
): Promise<void> {
  await db
    .insertInto('thread_memberships')
    .values({ post_id: rootId, user_id: replierId, following: true, last_viewed: at, last_updated: at })
    .onConflict((oc) =>
      oc.columns(['post_id', 'user_id']).doUpdateSet({ following: true, last_viewed: at, last_updated: at }),
    )
    .execute();
  if (rootAuthorId === replierId) return;
  await db
    .insertInto('thread_memberships')
    .values({ post_id: rootId, user_id: rootAuthorId, following: true, last_updated: at })
    .onConflict((oc) => oc.columns(['post_id', 'user_id']).doNothing())
    .execute();
}

export async function updatePost(db: Db, id: string, patch: UpdateObject<Database, 'posts'>): Promise<void> {
  await db.updateTable('posts').set(patch).where('id', '=', id).execute();
}

export async function insertEdit(db: Db, row: InsertObject<Database, 'post_edits'>): Promise<void> {
  await db.insertInto('post_edits').values(row).execute();
}

/** Soft-deletes a post and, for a root, its replies; returns how many rows changed. */
export async function softDeletePostAndReplies(db: Db, id: string, at: number): Promise<number> {
  const result = await db
    .updateTable('posts')
    .set({ delete_at: at, update_at: at })
    .where((eb) => eb.or([eb('id', '=', id), eb('root_id', '=', id)]))
    .where('delete_at', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A deleted root closes its thread; a deleted reply leaves one reply fewer. */
export async function markThreadDeleted(db: Db, rootId: string, at: number): Promise<void> {
  await db.updateTable('threads').set({ thread_delete_at: at }).where('post_id', '=', rootId).execute();
}

export async function decrementThreadReplies(db: Db, rootId: string): Promise<void> {
  await db
    .updateTable('threads')
    .set({ reply_count: sql`greatest(reply_count - 1, 0)` })
    .where('post_id', '=', rootId)
    .execute();
}
