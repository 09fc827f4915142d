import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { PostEditsTable, PostsTable } from '../../db/schema.ts';

/**
 * SQL reading posts. Every read joins the post's thread (the root's row in `threads`) so roots
 * and replies carry reply_count and last_reply_at. Every list is bounded by its caller's limit.
 */

export type PostRow = Selectable<PostsTable> & { reply_count: number | null; last_reply_at: number | null };
export type PostEditRow = Selectable<PostEditsTable>;

/** Lists that have no paging in Mattermost (pinned posts, since-sync, edit history) stop here. */
export const UNPAGED_LIMIT = 1000;

function selectPosts(db: Db) {
  return db
    .selectFrom('posts as p')
    .leftJoin('threads as t', (join) =>
      join.on(sql<boolean>`t.post_id = coalesce(nullif(p.root_id, ''), p.id)`),
    )
    .selectAll('p')
    .select(['t.reply_count', 't.last_reply_at']);
}

export async function findPost(db: Db, id: string): Promise<PostRow | undefined> {
  return selectPosts(db).where('p.id', '=', id).executeTakeFirst();
}

export async function findPostsByIds(db: Db, ids: readonly string[]): Promise<PostRow[]> {
  if (ids.length === 0) return [];
  return selectPosts(db)
    .where('p.id', 'in', [...ids])
    .orderBy('p.create_at', 'desc')
    .execute();
}

export async function findByPendingId(db: Db, userId: string, pendingPostId: string) {
  return selectPosts(db)
    .where('p.user_id', '=', userId)
    .where('p.pending_post_id', '=', pendingPostId)
    .executeTakeFirst();
}

export interface ChannelPage {
  channelId: string;
  /** Only root posts (collapsed reply threads). */
  rootsOnly: boolean;
  /** Strictly older than this create_at. */
  beforeCreateAt?: number;
  /** Strictly newer than this create_at. */
  afterCreateAt?: number;
  offset: number;
  limit: number;
}

/**
 * Live posts of a channel, newest first; with afterCreateAt the page nearest to that time is the
 * one returned (oldest first from the cursor, then re-sorted by the caller).
 */
export async function listChannelPosts(db: Db, page: ChannelPage): Promise<PostRow[]> {
  let q = selectPosts(db).where('p.channel_id', '=', page.channelId).where('p.delete_at', '=', 0);
  if (page.rootsOnly) q = q.where('p.root_id', '=', '');
  if (page.beforeCreateAt !== undefined) q = q.where('p.create_at', '<', page.beforeCreateAt);
  if (page.afterCreateAt !== undefined) q = q.where('p.create_at', '>', page.afterCreateAt);
  const direction = page.afterCreateAt !== undefined ? 'asc' : 'desc';
  return q
    .orderBy('p.create_at', direction)
    .orderBy('p.id', direction)
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

/** Everything of a channel created, edited or deleted after `since` (deleted ones included). */
export async function listChannelPostsSince(
  db: Db,
  channelId: string,
  since: number,
  rootsOnly: boolean,
  limit: number,
): Promise<PostRow[]> {
  let q = selectPosts(db).where('p.channel_id', '=', channelId).where('p.update_at', '>', since);
  if (rootsOnly) q = q.where('p.root_id', '=', '');
  return q.orderBy('p.create_at', 'desc').orderBy('p.id', 'desc').limit(limit).execute();
}

/** The id of the live post next to `createAt` in the channel: newer ('after') or older ('before'). */
export async function adjacentPostId(
  db: Db,
  channelId: string,
  createAt: number,
  side: 'after' | 'before',
  rootsOnly: boolean,
): Promise<string> {
  let q = db
    .selectFrom('posts')
    .select('id')
    .where('channel_id', '=', channelId)
    .where('delete_at', '=', 0)
    .where('create_at', side === 'after' ? '>' : '<', createAt);
  if (rootsOnly) q = q.where('root_id', '=', '');
  const row = await q
    .orderBy('create_at', side === 'after' ? 'asc' : 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? '';
}

/** Replies of a root, in the thread's paging order, after an optional (create_at, id) cursor. */
export async function listReplies(
  db: Db,
  rootId: string,
  direction: 'up' | 'down',
  cursor: { createAt: number; id: string } | null,
  limit: number,
): Promise<PostRow[]> {
  const ascending = direction === 'down';
  let q = selectPosts(db).where('p.root_id', '=', rootId).where('p.delete_at', '=', 0);
  if (cursor)
    q = q.where(
      sql<boolean>`(p.create_at, p.id) ${sql.raw(ascending ? '>' : '<')} (${cursor.createAt}, ${cursor.id})`,
    );
  return q
    .orderBy('p.create_at', ascending ? 'asc' : 'desc')
    .orderBy('p.id', ascending ? 'asc' : 'desc')
    .limit(limit)
    .execute();
}

export async function listPinned(db: Db, channelId: string, limit: number): Promise<PostRow[]> {
  return selectPosts(db)
    .where('p.channel_id', '=', channelId)
    .where('p.is_pinned', '=', true)
    .where('p.delete_at', '=', 0)
    .orderBy('p.create_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Posts a user saved (preferences category flagged_post), in channels they still belong to,
 * optionally narrowed to one channel or one team (team channels plus the user's DMs and GMs).
 */
export async function listFlagged(
  db: Db,
  userId: string,
  filter: { channelId?: string; teamId?: string },
  offset: number,
  limit: number,
): Promise<PostRow[]> {
  let q = selectPosts(db)
    .innerJoin('preferences as f', (join) =>
      join.onRef('f.name', '=', 'p.id').on('f.user_id', '=', userId).on('f.category', '=', 'flagged_post'),
    )
    .innerJoin('channel_members as m', (join) =>
      join.onRef('m.channel_id', '=', 'p.channel_id').on('m.user_id', '=', userId),
    )
    .innerJoin('channels as c', 'c.id', 'p.channel_id')
    .where('p.delete_at', '=', 0);
  if (filter.channelId) q = q.where('p.channel_id', '=', filter.channelId);
  if (filter.teamId) q = q.where('c.team_id', 'in', [filter.teamId, '']);
  return q.orderBy('p.create_at', 'desc').offset(offset).limit(limit).execute();
}

/** Earlier versions of a post, newest first. */
export async function listEdits(db: Db, postId: string, limit: number): Promise<PostEditRow[]> {
  return db
    .selectFrom('post_edits')
    .selectAll()
    .where('post_id', '=', postId)
    .orderBy('edit_at', 'desc')
    .limit(limit)
    .execute();
}

export async function findUsername(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirst();
  return row?.username;
}

/** The member's view state of a channel (undefined for non-members). */
export async function findMemberView(db: Db, channelId: string, userId: string) {
  return db
    .selectFrom('channel_members')
    .select(['last_viewed_at'])
    .where('channel_id', '=', channelId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/**
 * The channels among `channelIds` the user may read, in one query: those they belong to, and public
 * ones of teams where they are a full (non-guest) member (team_user's read_public_channel).
 */
export async function readableChannelIds(db: Db, userId: string, channelIds: readonly string[]) {
  if (channelIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('channels as c')
    .select('c.id')
    .where('c.id', 'in', [...channelIds])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('channel_members as m')
            .select('m.user_id')
            .whereRef('m.channel_id', '=', 'c.id')
            .where('m.user_id', '=', userId),
        ),
        eb.and([
          eb('c.type', '=', 'O'),
          eb.exists(
            eb
              .selectFrom('team_members as tm')
              .select('tm.user_id')
              .whereRef('tm.team_id', '=', 'c.team_id')
              .where('tm.user_id', '=', userId)
              .where('tm.delete_at', '=', 0)
              .where('tm.scheme_guest', '=', false),
          ),
        ]),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}
