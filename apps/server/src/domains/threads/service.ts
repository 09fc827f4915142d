import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, notFound } from '../../errors/app-error.ts';
import { hasPermissionToSystem, requireTeamPermission } from '../../permissions/authorize.ts';
import { canReadChannel } from '../channels/service.ts';
import { findChannel } from '../channels/store.ts';
import { countMentions } from '../posts/mentions.ts';
import { findCandidate } from '../posts/mentions-store.ts';
import { findPost } from '../posts/store.ts';
import { loadThreads } from './load.ts';
import type { UserThreadJson } from './present.ts';
import * as store from './store.ts';

/** Collapsed reply threads of one user: lists, one thread, following, read state. */

const threadNotFound = () => notFound('app.thread.get_thread.not_found', 'Thread not found.');

/** Replies recounted for mentions after a read mark; more than this is beyond any client's badge. */
const RECOUNT_LIMIT = 1000;

/** Only the user themself (or an administrator acting for them) reads their threads, in a team of theirs. */
async function authorizeUser(app: App, session: Session, userId: string, teamId: string) {
  if (userId !== session.userId && !hasPermissionToSystem(app, session, 'edit_other_users'))
    throw forbidden();
  await requireTeamPermission(app, session, teamId, 'view_team');
}

/** The thread, in a channel the user can read. */
async function readableThread(app: App, session: Session, userId: string, threadId: string) {
  const row = await store.findUserThread(app.db, userId, threadId);
  if (!row) throw threadNotFound();
  const channel = await findChannel(app.db, row.channel_id);
  if (!channel) throw threadNotFound();
  if (!(await canReadChannel(app, session, channel))) throw forbidden();
  return { row, channel };
}

export interface ThreadListQuery {
  since: number;
  deleted: boolean;
  extended: boolean;
  perPage: number;
  totalsOnly: boolean;
  threadsOnly: boolean;
  unread: boolean;
  before: string;
  after: string;
}

async function cursorTime(app: App, userId: string, threadId: string): Promise<number | undefined> {
  if (threadId === '') return undefined;
  const row = await store.findUserThread(app.db, userId, threadId);
  if (!row)
    throw badRequest('api.context.invalid_url_param.app_error', 'Invalid or missing before/after parameter.');
  return row.last_reply_at;
}

export async function listThreads(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  q: ThreadListQuery,
) {
  await authorizeUser(app, session, userId, teamId);
  const totals = q.threadsOnly
    ? { total: 0, total_unread_threads: 0, total_unread_mentions: 0 }
    : await store.threadTotals(app.db, userId, teamId);
  let threads: UserThreadJson[] = [];
  if (!q.totalsOnly) {
    const rows = await store.listUserThreads(app.db, {
      userId,
      teamId,
      since: q.since,
      deleted: q.deleted,
      unreadOnly: q.unread,
      beforeReplyAt: await cursorTime(app, userId, q.before),
      afterReplyAt: await cursorTime(app, userId, q.after),
      limit: q.perPage,
    });
    threads = await loadThreads(app, session, rows, q.extended);
  }
  return { ...totals, total_unread_urgent_mentions: 0, threads };
}

async function presentOne(app: App, session: Session, userId: string, threadId: string, extended: boolean) {
  const row = await store.findUserThread(app.db, userId, threadId);
  if (!row) throw threadNotFound();
  const [thread] = await loadThreads(app, session, [row], extended);
  return thread;
}

export async function getThread(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  threadId: string,
  extended: boolean,
) {
  await authorizeUser(app, session, userId, teamId);
  await readableThread(app, session, userId, threadId);
  return presentOne(app, session, userId, threadId, extended);
}

export async function setFollow(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  threadId: string,
  following: boolean,
) {
  await authorizeUser(app, session, userId, teamId);
  const { row } = await readableThread(app, session, userId, threadId);
  await store.setFollowing(app.db, threadId, userId, following, Date.now());
  app.events.publish({
    event: 'thread_follow_changed',
    data: { thread_id: threadId, state: following, reply_count: row.reply_count },
    broadcast: { userId, teamId },
  });
}

/** Mentions of the user in the thread's replies from `from` on. */
async function mentionsFrom(
  app: App,
  channelId: string,
  channelType: string,
  userId: string,
  threadId: string,
  from: number,
) {
  const user = await findCandidate(app.db, channelId, userId);
  if (!user) return 0;
  return countMentions(user, channelType, await store.repliesFrom(app.db, threadId, from, RECOUNT_LIMIT));
}

/** The thread read up to `timestamp` (everything after it unread), told to the user's clients. */
async function markRead(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  threadId: string,
  timestamp: number,
) {
  await authorizeUser(app, session, userId, teamId);
  const { row, channel } = await readableThread(app, session, userId, threadId);
  const unreadMentions = await mentionsFrom(app, channel.id, channel.type, userId, threadId, timestamp + 1);
  await store.setLastViewed(app.db, threadId, userId, timestamp, unreadMentions, Date.now());
  const thread = await presentOne(app, session, userId, threadId, false);
  app.events.publish({
    event: 'thread_read_changed',
    data: {
      thread_id: threadId,
      timestamp,
      unread_mentions: thread.unread_mentions,
      unread_replies: thread.unread_replies,
      previous_unread_mentions: row.unread_mentions,
      previous_unread_replies: row.unread_replies,
      channel_id: channel.id,
    },
    broadcast: { userId, teamId },
  });
  return thread;
}

export async function readThread(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  threadId: string,
  timestamp: number,
) {
  return markRead(app, session, userId, teamId, threadId, timestamp);
}

/** Unread from a reply of the thread on: read up to just before it. */
export async function setThreadUnread(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  threadId: string,
  postId: string,
) {
  await authorizeUser(app, session, userId, teamId);
  const post = await findPost(app.db, postId);
  if (!post || post.delete_at > 0 || (post.root_id !== threadId && post.id !== threadId))
    throw notFound('app.post.get.app_error', 'Unable to get the post.');
  return markRead(app, session, userId, teamId, threadId, Number(post.create_at) - 1);
}

export async function readAllThreads(app: App, session: Session, userId: string, teamId: string) {
  await authorizeUser(app, session, userId, teamId);
  const now = Date.now();
  await store.markAllRead(app.db, userId, teamId, now);
  app.events.publish({
    event: 'thread_read_changed',
    data: { timestamp: now },
    broadcast: { userId, teamId },
  });
}
