import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';

/** SQL for notifications: who may be told, their devices and badges, and the email digest queue. */

/** More recipients than this for one post are not read (Mattermost's MaxNotificationsPerChannel scale). */
export const MAX_RECIPIENTS = 1000;

export interface RecipientRow {
  id: string;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  nickname: string;
  email_verified: boolean;
  is_bot: boolean;
  delete_at: number;
  user_props: Record<string, string> | null;
  member_props: Record<string, string> | null;
  follows_thread: boolean;
}

/**
 * The channel's members who could hear of a post: those it mentions, those who want every
 * message (push "all" on their account or on the channel) and, for a reply, the thread's
 * followers. Others need not be read.
 */
export async function listRecipients(
  db: Db,
  channelId: string,
  mentioned: readonly string[],
  opts: { withPushAll: boolean; threadRootId: string; limit: number },
): Promise<RecipientRow[]> {
  const follows = sql<boolean>`EXISTS (SELECT 1 FROM thread_memberships tm
    WHERE tm.post_id = ${opts.threadRootId} AND tm.user_id = cm.user_id AND tm.following)`;
  return db
    .selectFrom('channel_members as cm')
    .innerJoin('users as u', 'u.id', 'cm.user_id')
    .select([
      'u.id',
      'u.username',
      'u.email',
      'u.first_name',
      'u.last_name',
      'u.nickname',
      'u.email_verified',
      'u.is_bot',
      'u.delete_at',
      'u.notify_props as user_props',
      'cm.notify_props as member_props',
      (opts.threadRootId ? follows : sql<boolean>`false`).as('follows_thread'),
    ])
    .where('cm.channel_id', '=', channelId)
    .where('u.delete_at', '=', 0)
    .where((eb) =>
      eb.or([
        eb('cm.user_id', '=', sql<string>`ANY(${[...mentioned]}::varchar[])`),
        ...(opts.withPushAll
          ? [eb(sql`u.notify_props->>'push'`, '=', 'all'), eb(sql`cm.notify_props->>'push'`, '=', 'all')]
          : []),
        ...(opts.threadRootId ? [eb(follows, '=', true)] : []),
      ]),
    )
    .orderBy('u.id')
    .limit(opts.limit)
    .execute() as Promise<RecipientRow[]>;
}

export interface SenderRow {
  username: string;
  first_name: string;
  last_name: string;
  nickname: string;
}

export async function findSender(db: Db, userId: string): Promise<SenderRow | undefined> {
  return db
    .selectFrom('users')
    .select(['username', 'first_name', 'last_name', 'nickname'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function findTeam(
  db: Db,
  teamId: string,
): Promise<{ name: string; display_name: string } | undefined> {
  if (!teamId) return undefined;
  return db.selectFrom('teams').select(['name', 'display_name']).where('id', '=', teamId).executeTakeFirst();
}

/** A team of each user (the first by name), for links in DMs, which belong to no team. */
export async function firstTeamNames(db: Db, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('team_members as tm')
    .innerJoin('teams as t', 't.id', 'tm.team_id')
    .select(['tm.user_id', 't.name'])
    .distinctOn('tm.user_id')
    .where('tm.user_id', '=', sql<string>`ANY(${[...userIds]}::varchar[])`)
    .where('tm.delete_at', '=', 0)
    .where('t.delete_at', '=', 0)
    .orderBy('tm.user_id')
    .orderBy('t.name')
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.name]));
}

/** One preference of each listed user that has it. */
export async function preferenceValues(
  db: Db,
  userIds: readonly string[],
  category: string,
  name: string,
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('preferences')
    .select(['user_id', 'value'])
    .where('user_id', '=', sql<string>`ANY(${[...userIds]}::varchar[])`)
    .where('category', '=', category)
    .where('name', '=', name)
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.value]));
}

export interface DeviceSession {
  id: string;
  user_id: string;
  device_id: string;
}

/** Live sessions of these users that registered a phone (device_id "platform:token"). */
export async function listDeviceSessions(
  db: Db,
  userIds: readonly string[],
  now: number,
  limit: number,
): Promise<DeviceSession[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'device_id'])
    .where('user_id', '=', sql<string>`ANY(${[...userIds]}::varchar[])`)
    .where('device_id', '<>', '')
    .where('expires_at', '>', now)
    .orderBy('user_id')
    .limit(limit)
    .execute();
}

/** Does any live session have a phone registered? (Most servers without mobile users have none.) */
export async function anyDeviceSession(db: Db, now: number): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .select('id')
    .where('device_id', '<>', '')
    .where('expires_at', '>', now)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The push proxy said the app is gone from that phone: the session keeps working without pushes. */
export async function detachDevice(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ device_id: '' }).where('id', '=', sessionId).execute();
}

/** The app icon's badge: unread mentions over all channels of each user. */
export async function mentionBadges(db: Db, userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('channel_members')
    .select(['user_id', sql<string>`coalesce(sum(mention_count), 0)`.as('badge')])
    .where('user_id', '=', sql<string>`ANY(${[...userIds]}::varchar[])`)
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.badge)]));
}

/**
 * Queues a post for each user's next digest unless they already have `maxPerUser` waiting (those
 * the caller mails at once, as Mattermost does when its batching buffer is full). Returns who was queued.
 */
export async function enqueueEmails(
  db: Db,
  entries: readonly { userId: string; teamName: string }[],
  post: { id: string; createAt: number },
  maxPerUser: number,
): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const result = await sql<{ user_id: string }>`
    INSERT INTO notification_email_queue (user_id, post_id, team_name, create_at)
    SELECT e.user_id, ${post.id}, e.team_name, ${post.createAt}::bigint
    FROM unnest(${entries.map((e) => e.userId)}::varchar[], ${entries.map((e) => e.teamName)}::varchar[])
      AS e(user_id, team_name)
    WHERE (SELECT count(*) FROM notification_email_queue q WHERE q.user_id = e.user_id) < ${maxPerUser}
    RETURNING user_id
  `.execute(db);
  return new Set(result.rows.map((r) => r.user_id));
}

/** Users with queued emails and when their oldest entry was queued, oldest first. */
export async function listQueuedUsers(
  db: Db,
  limit: number,
): Promise<{ user_id: string; first_at: number }[]> {
  const rows = await db
    .selectFrom('notification_email_queue')
    .select(['user_id', sql<string>`min(create_at)`.as('first_at')])
    .groupBy('user_id')
    .orderBy(sql`min(create_at)`)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ user_id: r.user_id, first_at: Number(r.first_at) }));
}

export interface QueuedEmail {
  id: number;
  post_id: string;
  team_name: string;
  create_at: number;
}

export async function listQueuedFor(db: Db, userId: string, limit: number): Promise<QueuedEmail[]> {
  return db
    .selectFrom('notification_email_queue')
    .select(['id', 'post_id', 'team_name', 'create_at'])
    .where('user_id', '=', userId)
    .orderBy('create_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function deleteQueued(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('notification_email_queue')
    .where('id', '=', sql<number>`ANY(${[...ids]}::bigint[])`)
    .execute();
}

export async function deleteQueuedFor(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('notification_email_queue').where('user_id', '=', userId).execute();
}

/** Has the user opened any channel since `at`? Then they have seen what the digest would say. */
export async function viewedSince(db: Db, userId: string, at: number): Promise<boolean> {
  const row = await db
    .selectFrom('channel_members')
    .select('channel_id')
    .where('user_id', '=', userId)
    .where('last_viewed_at', '>=', at)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface DigestPostRow {
  id: string;
  message: string;
  create_at: number;
  delete_at: number;
  channel_display_name: string;
  channel_type: string;
  sender_username: string;
  sender_first_name: string;
  sender_last_name: string;
  sender_nickname: string;
}

/** The queued posts with their channel and author, for one digest (bounded by the caller's list). */
export async function digestPosts(db: Db, postIds: readonly string[]): Promise<DigestPostRow[]> {
  if (postIds.length === 0) return [];
  return db
    .selectFrom('posts as p')
    .innerJoin('channels as c', 'c.id', 'p.channel_id')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select([
      'p.id',
      'p.message',
      'p.create_at',
      'p.delete_at',
      'c.display_name as channel_display_name',
      'c.type as channel_type',
      'u.username as sender_username',
      'u.first_name as sender_first_name',
      'u.last_name as sender_last_name',
      'u.nickname as sender_nickname',
    ])
    .where('p.id', '=', sql<string>`ANY(${[...postIds]}::varchar[])`)
    .orderBy('p.create_at')
    .execute();
}

export async function findUserEmail(
  db: Db,
  userId: string,
): Promise<{ email: string; delete_at: number } | undefined> {
  return db.selectFrom('users').select(['email', 'delete_at']).where('id', '=', userId).executeTakeFirst();
}
