import type { App, Session } from '../../app.ts';
import { forbidden, invalidParam, invalidUrlParam } from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { isValidId } from '../../platform/ids.ts';
import { loadChannel, requireReadChannel } from '../channels/service.ts';
import type { ChannelRow } from '../channels/store.ts';
import { postNotFound, readablePost } from './access.ts';
import { filesForPosts } from '../files/for-posts.ts';
import { presentPostList, type PostListShape } from './present.ts';
import * as store from './store.ts';

/** Reading posts: one, by ids, a channel's pages, a thread, around the unread mark, pinned, saved. */

export const MAX_IDS = 200;
const MAX_PER_PAGE = 200;

export async function getPost(app: App, session: Session, postId: string, includeDeleted: boolean) {
  // Deleted posts are for administrators only (include_deleted needs manage_system upstream).
  const allowDeleted = includeDeleted && hasPermissionToSystem(app, session, 'manage_system');
  return (await readablePost(app, session, postId, allowDeleted)).post;
}

/** POST /posts/ids: the live posts among `ids` in channels the caller may read. */
export async function getPostsByIds(app: App, session: Session, ids: unknown): Promise<store.PostRow[]> {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_IDS || !ids.every(isValidId))
    throw invalidParam('post_ids');
  const posts = (await store.findPostsByIds(app.db, [...new Set(ids)])).filter((p) => p.delete_at === 0);
  // Missing and unreadable posts are left out alike, so the answer reveals nothing about them.
  const readable = await readableChannels(app, session, posts);
  return posts.filter((p) => readable.has(p.channel_id));
}

/** The channels of `posts` the caller may read, checked in bulk. */
async function readableChannels(app: App, session: Session, posts: readonly store.PostRow[]) {
  const channelIds = [...new Set(posts.map((p) => p.channel_id))];
  if (hasPermissionToSystem(app, session, 'read_channel')) return new Set(channelIds);
  return store.readableChannelIds(app.db, session.userId, channelIds);
}

/** A post list with its posts' files (one query for the whole list). */
async function listWithFiles(
  app: App,
  ordered: readonly store.PostRow[],
  extra: readonly store.PostRow[],
  cursors: Parameters<typeof presentPostList>[2] = {},
): Promise<PostListShape> {
  return presentPostList(ordered, extra, cursors, await filesForPosts(app, [...ordered, ...extra]));
}

/** Roots of the listed replies that are not in the list themselves, for the `posts` map. */
async function missingRoots(app: App, posts: readonly store.PostRow[]): Promise<store.PostRow[]> {
  const have = new Set(posts.map((p) => p.id));
  const want = [...new Set(posts.map((p) => p.root_id).filter((id) => id !== '' && !have.has(id)))];
  return store.findPostsByIds(app.db, want);
}

async function readableChannel(app: App, session: Session, channelId: string): Promise<ChannelRow> {
  const channel = await loadChannel(app, channelId);
  await requireReadChannel(app, session, channel);
  return channel;
}

export interface ChannelPostsQuery {
  page: number;
  perPage: number;
  before: string;
  after: string;
  since: number;
  collapsedThreads: boolean;
}

/** GET /channels/{id}/posts: by page, before/after a post, or everything changed since a time. */
export async function getChannelPosts(
  app: App,
  session: Session,
  channelId: string,
  q: ChannelPostsQuery,
): Promise<PostListShape> {
  const channel = await readableChannel(app, session, channelId);
  const rootsOnly = q.collapsedThreads;
  if (q.since > 0) {
    const posts = await store.listChannelPostsSince(
      app.db,
      channel.id,
      q.since,
      rootsOnly,
      store.UNPAGED_LIMIT,
    );
    return listWithFiles(app, posts, await missingRoots(app, posts));
  }
  const cursorId = q.after || q.before;
  let cursorAt: number | undefined;
  if (cursorId) {
    const cursor = await store.findPost(app.db, cursorId);
    if (!cursor || cursor.channel_id !== channel.id) throw invalidUrlParam(q.after ? 'after' : 'before');
    cursorAt = cursor.create_at;
  }
  // One row more than asked tells whether an older (or, after a cursor, newer) post exists.
  const rows = await store.listChannelPosts(app.db, {
    channelId: channel.id,
    rootsOnly,
    beforeCreateAt: q.after ? undefined : cursorAt,
    afterCreateAt: q.after ? cursorAt : undefined,
    offset: q.page * q.perPage,
    limit: q.perPage + 1,
  });
  const page = rows.slice(0, q.perPage);
  const beyond = rows[q.perPage]?.id ?? '';
  let posts = page;
  let next: string;
  let prev: string;
  if (q.after) {
    posts = [...page].reverse();
    next = beyond;
    prev = page.length > 0 ? await neighbour(app, channel.id, page[0], 'before', rootsOnly) : q.after;
  } else {
    prev = beyond;
    next = page.length > 0 ? await neighbour(app, channel.id, page[0], 'after', rootsOnly) : q.before;
  }
  return listWithFiles(app, posts, await missingRoots(app, posts), { next, prev });
}

async function neighbour(
  app: App,
  channelId: string,
  post: store.PostRow,
  side: 'after' | 'before',
  rootsOnly: boolean,
): Promise<string> {
  return store.adjacentPostId(app.db, channelId, post.create_at, side, rootsOnly);
}

export interface ThreadQuery {
  perPage: number;
  fromPost: string;
  direction: 'up' | 'down';
}

/**
 * GET /posts/{id}/thread: the root and a page of its replies (oldest first going `down`, newest
 * first going `up`), from after `fromPost` when given; `has_next` says whether more follow.
 */
export async function getThread(app: App, session: Session, postId: string, q: ThreadQuery) {
  const { post } = await readablePost(app, session, postId);
  const root = post.root_id === '' ? post : await store.findPost(app.db, post.root_id);
  if (!root || root.delete_at > 0) throw postNotFound();
  let cursor: { createAt: number; id: string } | null = null;
  if (q.fromPost) {
    const from = await store.findPost(app.db, q.fromPost);
    if (!from || (from.root_id !== root.id && from.id !== root.id)) throw invalidUrlParam('fromPost');
    cursor = { createAt: from.create_at, id: from.id };
  }
  const rows = await store.listReplies(app.db, root.id, q.direction, cursor, q.perPage + 1);
  const replies = rows.slice(0, q.perPage);
  const newestFirst = q.direction === 'down' ? [...replies].reverse() : replies;
  // The root is always part of a thread's list, at the oldest end.
  const ordered = [...newestFirst, root];
  return listWithFiles(app, ordered, [], { hasNext: rows.length > q.perPage });
}

/**
 * GET /users/{id}/channels/{id}/posts/unread: up to limitBefore posts read and limitAfter unread
 * around the member's last_viewed_at.
 */
export async function getPostsAroundUnread(
  app: App,
  session: Session,
  userId: string,
  channelId: string,
  q: { limitBefore: number; limitAfter: number; collapsedThreads: boolean },
): Promise<PostListShape> {
  if (userId !== session.userId && !hasPermissionToSystem(app, session, 'edit_other_users'))
    throw forbidden();
  const channel = await readableChannel(app, session, channelId);
  const member = await store.findMemberView(app.db, channel.id, userId);
  if (!member) throw forbidden();
  const mark = member.last_viewed_at;
  const rootsOnly = q.collapsedThreads;
  const [olderRows, newerRows] = await Promise.all([
    store.listChannelPosts(app.db, {
      channelId: channel.id,
      rootsOnly,
      beforeCreateAt: mark + 1,
      offset: 0,
      limit: q.limitBefore + 1,
    }),
    store.listChannelPosts(app.db, {
      channelId: channel.id,
      rootsOnly,
      afterCreateAt: mark,
      offset: 0,
      limit: q.limitAfter + 1,
    }),
  ]);
  const older = olderRows.slice(0, q.limitBefore);
  const newer = newerRows.slice(0, q.limitAfter);
  const ordered = [...[...newer].reverse(), ...older];
  return listWithFiles(app, ordered, await missingRoots(app, ordered), {
    next: newerRows[q.limitAfter]?.id ?? '',
    prev: olderRows[q.limitBefore]?.id ?? '',
  });
}

export async function getPinned(app: App, session: Session, channelId: string): Promise<PostListShape> {
  const channel = await readableChannel(app, session, channelId);
  const posts = await store.listPinned(app.db, channel.id, store.UNPAGED_LIMIT);
  return listWithFiles(app, posts, await missingRoots(app, posts));
}

/** GET /users/{id}/posts/flagged: the user's own saved posts only. */
export async function getFlagged(
  app: App,
  session: Session,
  userId: string,
  filter: { channelId?: string; teamId?: string },
  page: { offset: number; perPage: number },
): Promise<PostListShape> {
  if (userId !== session.userId) throw forbidden();
  const perPage = Math.min(page.perPage, MAX_PER_PAGE);
  const posts = await store.listFlagged(app.db, userId, filter, page.offset, perPage);
  return listWithFiles(app, posts, []);
}
