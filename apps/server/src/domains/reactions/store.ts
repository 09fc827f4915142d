import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { ReactionRow } from './present.ts';

/** Bounds the reactions listed for one post, and for one batch of posts. */
const MAX_PER_POST = 10000;
const MAX_PER_BATCH = 50000;

export interface PostRef {
  id: string;
  channel_id: string;
  delete_at: number;
}

export async function findPost(db: Db, id: string): Promise<PostRef | undefined> {
  return db
    .selectFrom('posts')
    .select(['id', 'channel_id', 'delete_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Locks the post row so concurrent reactions on one post are counted against the limit in turn. */
export async function lockPost(db: Db, id: string): Promise<PostRef | undefined> {
  return db
    .selectFrom('posts')
    .select(['id', 'channel_id', 'delete_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findPosts(db: Db, ids: string[]): Promise<PostRef[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('posts').select(['id', 'channel_id', 'delete_at']).where('id', 'in', ids).execute();
}

export async function findReaction(
  db: Db,
  postId: string,
  userId: string,
  emojiName: string,
): Promise<ReactionRow | undefined> {
  return db
    .selectFrom('reactions')
    .selectAll()
    .where('post_id', '=', postId)
    .where('user_id', '=', userId)
    .where('emoji_name', '=', emojiName)
    .executeTakeFirst();
}

/** Distinct emoji on a post, and whether `emojiName` is one of them. */
export async function emojiUsage(
  db: Db,
  postId: string,
  emojiName: string,
): Promise<{ distinct: number; present: boolean }> {
  const row = await db
    .selectFrom('reactions')
    .select([
      sql<number>`count(DISTINCT emoji_name)::int`.as('distinct'),
      sql<boolean>`coalesce(bool_or(emoji_name = ${emojiName}), false)`.as('present'),
    ])
    .where('post_id', '=', postId)
    .executeTakeFirstOrThrow();
  return { distinct: row.distinct, present: row.present };
}

export async function insertReaction(db: Db, row: ReactionRow): Promise<void> {
  await db.insertInto('reactions').values(row).execute();
}

export async function deleteReaction(
  db: Db,
  postId: string,
  userId: string,
  emojiName: string,
): Promise<ReactionRow | undefined> {
  return db
    .deleteFrom('reactions')
    .where('post_id', '=', postId)
    .where('user_id', '=', userId)
    .where('emoji_name', '=', emojiName)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Recomputes has_reactions and bumps update_at, so clients syncing posts `since` a time see the
 * post again with its new reactions.
 */
export async function touchPostReactions(db: Db, postId: string, now: number): Promise<void> {
  await db
    .updateTable('posts')
    .set({
      has_reactions: sql<boolean>`EXISTS (SELECT 1 FROM reactions WHERE post_id = ${postId})`,
      update_at: sql<number>`greatest(update_at, ${now}::bigint)`,
    })
    .where('id', '=', postId)
    .execute();
}

export async function listForPost(db: Db, postId: string): Promise<ReactionRow[]> {
  return db
    .selectFrom('reactions')
    .selectAll()
    .where('post_id', '=', postId)
    .orderBy('create_at')
    .orderBy('user_id')
    .limit(MAX_PER_POST)
    .execute();
}

export async function listForPosts(db: Db, postIds: string[]): Promise<ReactionRow[]> {
  if (postIds.length === 0) return [];
  return db
    .selectFrom('reactions')
    .selectAll()
    .where('post_id', 'in', postIds)
    .orderBy('create_at')
    .orderBy('user_id')
    .limit(MAX_PER_BATCH)
    .execute();
}
