import type { Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { SessionsTable } from '../../db/schema.ts';

export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session with this token hash, with its user's current roles and state. */
export async function findSessionByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select(['u.roles as user_roles', 'u.delete_at as user_delete_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(
  db: Db,
  id: string,
  lastActivityAt: number,
  expiresAt: number,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_activity_at: lastActivityAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function listSessionsOfUser(db: Db, userId: string): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('last_activity_at', 'desc')
    .limit(1000)
    .execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes every session of a user except `keepId`; returns the ids deleted. */
export async function deleteSessionsOfUser(db: Db, userId: string, keepId = ''): Promise<string[]> {
  const rows = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '!=', keepId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Deletes a user's sign-in sessions (not access-token or OAuth ones) beyond the `keep` most
 * recently used; returns the ids deleted.
 */
export async function deleteSignInSessionsBeyond(
  db: Db,
  userId: string,
  keep: number,
  accessTokenType: string,
): Promise<string[]> {
  const rows = await db
    .deleteFrom('sessions')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', userId)
        .where('is_oauth', '=', false)
        .where((w) =>
          w.or([
            w(w.ref('props', '->>').key('type'), 'is', null),
            w(w.ref('props', '->>').key('type'), '!=', accessTokenType),
          ]),
        )
        .orderBy('last_activity_at', 'desc')
        .orderBy('create_at', 'desc')
        .offset(keep),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Ends every session of these users; returns the session ids. */
export async function deleteSessionsOfUsers(db: Db, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.deleteFrom('sessions').where('user_id', 'in', userIds).returning('id').execute();
  return rows.map((r) => r.id);
}

export async function deleteExpiredSessions(db: Db, now: number): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deleteAllSessions(db: Db): Promise<string[]> {
  const rows = await db.deleteFrom('sessions').returning('id').execute();
  return rows.map((r) => r.id);
}

/** Registers a device (push token) on a session; other sessions of that device are ended. */
export async function attachDevice(
  db: Db,
  sessionId: string,
  userId: string,
  deviceId: string,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const replaced = await trx
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('device_id', '=', deviceId)
      .where('id', '!=', sessionId)
      .returning('id')
      .execute();
    await trx.updateTable('sessions').set({ device_id: deviceId }).where('id', '=', sessionId).execute();
    return replaced.map((r) => r.id);
  });
}
