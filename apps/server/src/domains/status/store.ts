import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { StatusTable } from '../../db/schema.ts';

/** SQL for user statuses (one row per user who was ever seen; no row means offline). */

export type StatusRow = Selectable<StatusTable>;

export async function findStatus(db: Db, userId: string): Promise<StatusRow | undefined> {
  return db.selectFrom('status').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Rows for at most `userIds.length` users (the caller bounds the list). */
export async function findStatuses(db: Db, userIds: string[]): Promise<StatusRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('status')
    .selectAll()
    .where('user_id', '=', sql<string>`ANY(${userIds}::varchar[])`)
    .execute();
}

/** Users who are not offline, newest activity first (the websocket `get_statuses` answer). */
export async function listPresentStatuses(db: Db, limit: number): Promise<StatusRow[]> {
  return db
    .selectFrom('status')
    .selectAll()
    .where('status', '<>', 'offline')
    .orderBy('last_activity_at', 'desc')
    .limit(limit)
    .execute();
}

export async function userExists(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

export async function saveStatus(db: Db, row: StatusRow): Promise<void> {
  await db
    .insertInto('status')
    .values(row)
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        status: row.status,
        manual: row.manual,
        last_activity_at: row.last_activity_at,
        dnd_end_time: row.dnd_end_time,
        prev_status: row.prev_status,
      }),
    )
    .execute();
}

export async function touchActivity(db: Db, userId: string, at: number): Promise<void> {
  await db.updateTable('status').set({ last_activity_at: at }).where('user_id', '=', userId).execute();
}

/**
 * Moves last activity when the user is online, not manually, with no do-not-disturb end: what
 * setStatus would do for automatic activity then. False when no such row (the caller decides).
 */
export async function touchIfAutomaticallyOnline(db: Db, userId: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('status')
    .set({ last_activity_at: at })
    .where('user_id', '=', userId)
    .where('status', '=', 'online')
    .where('manual', '=', false)
    .where('dnd_end_time', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Automatic online users idle since before `idleBefore` become away; returns who changed. */
export async function markIdleAway(db: Db, idleBefore: number, limit: number): Promise<string[]> {
  const rows = await db
    .updateTable('status')
    .set({ status: 'away' })
    .where(
      'user_id',
      'in',
      db
        .selectFrom('status')
        .select('user_id')
        .where('status', '=', 'online')
        .where('manual', '=', false)
        .where('last_activity_at', '<', idleBefore)
        .limit(limit),
    )
    .returning('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Timed do-not-disturb that has run out goes back to the status it replaced. */
export async function expireDnd(
  db: Db,
  nowSeconds: number,
  limit: number,
): Promise<{ user_id: string; status: string }[]> {
  return db
    .updateTable('status')
    .set({
      status: sql<string>`CASE WHEN prev_status = '' THEN 'online' ELSE prev_status END`,
      prev_status: 'dnd',
      dnd_end_time: 0,
      manual: sql<boolean>`prev_status NOT IN ('', 'online')`,
    })
    .where(
      'user_id',
      'in',
      db
        .selectFrom('status')
        .select('user_id')
        .where('status', '=', 'dnd')
        .where('dnd_end_time', '>', 0)
        .where('dnd_end_time', '<=', nowSeconds)
        .limit(limit),
    )
    .returning(['user_id', 'status'])
    .execute();
}
