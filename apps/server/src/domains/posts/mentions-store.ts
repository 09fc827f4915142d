import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { MentionCandidate } from './mentions.ts';

/** SQL for mentions: who can be mentioned in a channel, and the counters a mention moves. */

/**
 * Mattermost's TeamSettings.MaxNotificationsPerChannel default: at this many members channel-wide
 * mentions stop working, so more members than this need not be read either.
 */
export const MAX_MENTION_CANDIDATES = 1000;

function candidates(db: Db, channelId: string) {
  return db
    .selectFrom('channel_members as cm')
    .innerJoin('users as u', 'u.id', 'cm.user_id')
    .leftJoin('status as s', 's.user_id', 'cm.user_id')
    .select([
      'u.id',
      'u.username',
      'u.first_name',
      'u.notify_props as user_props',
      'cm.notify_props as member_props',
      's.status',
    ])
    .where('cm.channel_id', '=', channelId)
    .where('u.delete_at', '=', 0);
}

type CandidateRow = Awaited<ReturnType<ReturnType<typeof candidates>['executeTakeFirstOrThrow']>>;

function toCandidate(r: CandidateRow): MentionCandidate {
  return {
    userId: r.id,
    username: r.username,
    firstName: r.first_name,
    userProps: (r.user_props ?? {}) as Record<string, string>,
    memberProps: (r.member_props ?? {}) as Record<string, string>,
    online: r.status === 'online',
  };
}

/** Active members of a channel with what decides whether a post mentions them (`keywordsOnly`: only those with mention keys or first-name mentions). */
export async function listCandidates(
  db: Db,
  channelId: string,
  limit: number,
  opts: { keywordsOnly?: boolean } = {},
): Promise<MentionCandidate[]> {
  let q = candidates(db, channelId);
  if (opts.keywordsOnly) {
    q = q.where(
      sql<boolean>`(coalesce(u.notify_props->>'mention_keys', '') <> '' or u.notify_props->>'first_name' = 'true')`,
    );
  }
  const rows = await q.orderBy('u.id').limit(limit).execute();
  return rows.map(toCandidate);
}

/** One active member as a mention candidate (recounting their mentions). */
export async function findCandidate(
  db: Db,
  channelId: string,
  userId: string,
): Promise<MentionCandidate | null> {
  const row = await candidates(db, channelId).where('cm.user_id', '=', userId).executeTakeFirst();
  return row ? toCandidate(row) : null;
}

/** Mattermost's IncrementMentionCount: replies add to mention_count only, roots to both. */
export async function incrementMentionCounts(
  db: Db,
  channelId: string,
  userIds: readonly string[],
  isRoot: boolean,
  urgent: boolean,
  at: number,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .updateTable('channel_members')
    .set({
      mention_count: sql`mention_count + 1`,
      mention_count_root: isRoot ? sql`mention_count_root + 1` : sql`mention_count_root`,
      urgent_mention_count: urgent ? sql`urgent_mention_count + 1` : sql`urgent_mention_count`,
      last_update_at: at,
    })
    .where('channel_id', '=', channelId)
    .where('user_id', 'in', [...userIds])
    .execute();
}

/**
 * Users mentioned in a reply follow its thread (even if they had unfollowed it) with one more
 * unread mention; a new membership has read nothing yet.
 */
export async function followByMention(
  db: Db,
  rootId: string,
  userIds: readonly string[],
  at: number,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('thread_memberships')
    .values(
      userIds.map((user_id) => ({
        post_id: rootId,
        user_id,
        following: true,
        last_viewed: 0,
        last_updated: at,
        unread_mentions: 1,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['post_id', 'user_id']).doUpdateSet({
        following: true,
        last_updated: at,
        unread_mentions: sql`thread_memberships.unread_mentions + 1`,
      }),
    )
    .execute();
}

/** The users following a thread (bounded like the channel's candidates). */
export async function listFollowers(db: Db, rootId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('thread_memberships')
    .select('user_id')
    .where('post_id', '=', rootId)
    .where('following', '=', true)
    .orderBy('user_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.user_id);
}
