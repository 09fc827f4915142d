import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';

/**
 * SQL for collapsed reply threads as one user sees them: the thread row, the user's membership
 * (following, last viewed, unread mentions) and the replies they have not read.
 */

export interface UserThreadRow {
  post_id: string;
  channel_id: string;
  reply_count: number;
  last_reply_at: number;
  participants: string[];
  thread_delete_at: number;
  following: boolean;
  last_viewed: number;
  unread_mentions: number;
  unread_replies: number;
}

export interface ThreadListFilter {
  userId: string;
  teamId: string;
  since: number;
  deleted: boolean;
  unreadOnly: boolean;
  /** Threads whose last reply is older (before) or newer (after) than this thread's. */
  beforeReplyAt?: number;
  afterReplyAt?: number;
  limit: number;
}

function selectUserThreads(db: Db, userId: string) {
  return db
    .selectFrom('threads as t')
    .leftJoin('thread_memberships as m', (j) =>
      j.onRef('m.post_id', '=', 't.post_id').on('m.user_id', '=', userId),
    )
    .select([
      't.post_id',
      't.channel_id',
      't.reply_count',
      't.last_reply_at',
      't.participants',
      't.thread_delete_at',
      sql<boolean>`coalesce(m.following, false)`.as('following'),
      sql<number>`coalesce(m.last_viewed, 0)`.as('last_viewed'),
      sql<number>`coalesce(m.unread_mentions, 0)`.as('unread_mentions'),
      sql<number>`(select count(*) from posts r where r.root_id = t.post_id and r.root_id <> '' and r.delete_at = 0
        and r.create_at > coalesce(m.last_viewed, 0))`.as('unread_replies'),
    ]);
}

function normalize(r: Record<string, unknown>): UserThreadRow {
  return {
    post_id: String(r.post_id),
    channel_id: String(r.channel_id),
    reply_count: Number(r.reply_count),
    last_reply_at: Number(r.last_reply_at),
    participants: Array.isArray(r.participants) ? (r.participants as string[]) : [],
    thread_delete_at: Number(r.thread_delete_at),
    following: Boolean(r.following),
    last_viewed: Number(r.last_viewed),
    unread_mentions: Number(r.unread_mentions),
    unread_replies: Number(r.unread_replies),
  };
}

export async function findUserThread(
  db: Db,
  userId: string,
  threadId: string,
): Promise<UserThreadRow | null> {
  const row = await selectUserThreads(db, userId).where('t.post_id', '=', threadId).executeTakeFirst();
  return row ? normalize(row) : null;
}

/** Threads followed by a user in a team's channels and in their DMs/GMs, newest reply first. */
export async function listUserThreads(db: Db, f: ThreadListFilter): Promise<UserThreadRow[]> {
  let q = selectUserThreads(db, f.userId)
    .innerJoin('channels as c', 'c.id', 't.channel_id')
    .innerJoin('channel_members as cm', (j) =>
      j.onRef('cm.channel_id', '=', 't.channel_id').on('cm.user_id', '=', f.userId),
    )
    .where('m.following', '=', true)
    .where((eb) => eb.or([eb('c.team_id', '=', f.teamId), eb('c.team_id', '=', '')]));
  if (!f.deleted) q = q.where('t.thread_delete_at', '=', 0);
  if (f.since > 0)
    q = q.where((eb) => eb.or([eb('t.last_reply_at', '>', f.since), eb('m.last_updated', '>', f.since)]));
  if (f.unreadOnly) q = q.whereRef('t.last_reply_at', '>', 'm.last_viewed');
  if (f.beforeReplyAt !== undefined) q = q.where('t.last_reply_at', '<', f.beforeReplyAt);
  if (f.afterReplyAt !== undefined) q = q.where('t.last_reply_at', '>', f.afterReplyAt);
  const rows = await q
    .orderBy('t.last_reply_at', 'desc')
    .orderBy('t.post_id', 'desc')
    .limit(f.limit)
    .execute();
  return rows.map(normalize);
}

export interface ThreadTotals {
  total: number;
  total_unread_threads: number;
  total_unread_mentions: number;
}

export async function threadTotals(db: Db, userId: string, teamId: string): Promise<ThreadTotals> {
  const row = await db
    .selectFrom('thread_memberships as m')
    .innerJoin('threads as t', 't.post_id', 'm.post_id')
    .innerJoin('channels as c', 'c.id', 't.channel_id')
    .innerJoin('channel_members as cm', (j) =>
      j.onRef('cm.channel_id', '=', 't.channel_id').on('cm.user_id', '=', userId),
    )
    .select([
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) filter (where t.last_reply_at > m.last_viewed)`.as('unread'),
      sql<string>`coalesce(sum(m.unread_mentions), 0)`.as('mentions'),
    ])
    .where('m.user_id', '=', userId)
    .where('m.following', '=', true)
    .where('t.thread_delete_at', '=', 0)
    .where((eb) => eb.or([eb('c.team_id', '=', teamId), eb('c.team_id', '=', '')]))
    .executeTakeFirstOrThrow();
  return {
    total: Number(row.total),
    total_unread_threads: Number(row.unread),
    total_unread_mentions: Number(row.mentions),
  };
}

export async function setFollowing(db: Db, threadId: string, userId: string, following: boolean, at: number) {
  await db
    .insertInto('thread_memberships')
    .values({
      post_id: threadId,
      user_id: userId,
      following,
      last_viewed: following ? at : 0,
      last_updated: at,
    })
    .onConflict((oc) => oc.columns(['post_id', 'user_id']).doUpdateSet({ following, last_updated: at }))
    .execute();
}

/** The user has read the thread up to `viewedAt`, with `unreadMentions` mentions after that. */
export async function setLastViewed(
  db: Db,
  threadId: string,
  userId: string,
  viewedAt: number,
  unreadMentions: number,
  at: number,
) {
  await db
    .insertInto('thread_memberships')
    .values({
      post_id: threadId,
      user_id: userId,
      following: true,
      last_viewed: viewedAt,
      last_updated: at,
      unread_mentions: unreadMentions,
    })
    .onConflict((oc) =>
      oc
        .columns(['post_id', 'user_id'])
        .doUpdateSet({ last_viewed: viewedAt, last_updated: at, unread_mentions: unreadMentions }),
    )
    .execute();
}

/** PUT …/threads/read: every followed thread of the team (and DMs/GMs) read now. */
export async function markAllRead(db: Db, userId: string, teamId: string, at: number): Promise<void> {
  await db
    .updateTable('thread_memberships as m')
    .from('threads as t')
    .innerJoin('channels as c', 'c.id', 't.channel_id')
    .set({ last_viewed: at, last_updated: at, unread_mentions: 0 })
    .whereRef('t.post_id', '=', 'm.post_id')
    .where('m.user_id', '=', userId)
    .where((eb) => eb.or([eb('c.team_id', '=', teamId), eb('c.team_id', '=', '')]))
    .execute();
}

/** Replies of a thread from `from` on (for recounting mentions), oldest first, bounded. */
export async function repliesFrom(db: Db, threadId: string, from: number, limit: number) {
  return db
    .selectFrom('posts')
    .select(['user_id', 'message', 'type', 'create_at'])
    .where('root_id', '=', threadId)
    .where('delete_at', '=', 0)
    .where('create_at', '>=', from)
    .orderBy('create_at')
    .limit(limit)
    .execute();
}

/** One thread as each of several members sees it (the followers told about a new reply). */
export async function findThreadForUsers(
  db: Db,
  threadId: string,
  userIds: readonly string[],
): Promise<(UserThreadRow & { user_id: string })[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('thread_memberships as m')
    .innerJoin('threads as t', 't.post_id', 'm.post_id')
    .select([
      'm.user_id',
      't.post_id',
      't.channel_id',
      't.reply_count',
      't.last_reply_at',
      't.participants',
      't.thread_delete_at',
      'm.following',
      'm.last_viewed',
      'm.unread_mentions',
      sql<number>`(select count(*) from posts r where r.root_id = t.post_id and r.root_id <> '' and r.delete_at = 0
        and r.create_at > m.last_viewed)`.as('unread_replies'),
    ])
    .where('m.post_id', '=', threadId)
    .where('m.user_id', 'in', [...userIds])
    .execute();
  return rows.map((r) => ({ ...normalize(r), user_id: r.user_id }));
}
