import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';

/** Active, non-bot users (Mattermost's total_users_count without view restrictions). */
export async function countActiveUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('delete_at', '=', 0)
    .where('is_bot', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active, non-bot users sharing a team with `userId` (themself included): a restricted viewer's count. */
export async function countActiveUsersSharingTeam(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.count<string>('users.id').distinct().as('n'))
    .innerJoin('team_members as theirs', 'theirs.user_id', 'users.id')
    .innerJoin('team_members as mine', 'mine.team_id', 'theirs.team_id')
    .where('mine.user_id', '=', userId)
    .where('mine.delete_at', '=', 0)
    .where('theirs.delete_at', '=', 0)
    .where('users.delete_at', '=', 0)
    .where('users.is_bot', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface StandardCounts {
  open_channels: number;
  private_channels: number;
  posts: number;
  users: number;
  inactive_users: number;
  teams: number;
  daily_active: number;
  monthly_active: number;
}

/** The counts of GET /analytics/old?name=standard, in one round trip. */
export async function standardCounts(db: Db, now: number): Promise<StandardCounts> {
  const day = now - 24 * 3_600_000;
  const month = now - 30 * 24 * 3_600_000;
  const result = await sql<Record<keyof StandardCounts, string>>`
    SELECT
      (SELECT count(*) FROM channels WHERE type = 'O' AND delete_at = 0) AS open_channels,
      (SELECT count(*) FROM channels WHERE type = 'P' AND delete_at = 0) AS private_channels,
      (SELECT count(*) FROM posts WHERE delete_at = 0) AS posts,
      (SELECT count(*) FROM users WHERE delete_at = 0 AND NOT is_bot) AS users,
      (SELECT count(*) FROM users WHERE delete_at > 0 AND NOT is_bot) AS inactive_users,
      (SELECT count(*) FROM teams WHERE delete_at = 0) AS teams,
      (SELECT count(*) FROM users WHERE delete_at = 0 AND NOT is_bot AND last_activity_at > ${day}) AS daily_active,
      (SELECT count(*) FROM users WHERE delete_at = 0 AND NOT is_bot AND last_activity_at > ${month}) AS monthly_active
  `.execute(db);
  const r = result.rows[0];
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as unknown as StandardCounts;
}
