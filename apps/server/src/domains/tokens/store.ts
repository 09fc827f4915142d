import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { SessionsTable, UserAccessTokensTable } from '../../db/schema.ts';

export type TokenRow = Selectable<UserAccessTokensTable>;
type SessionRow = Selectable<SessionsTable>;

const TOKEN_COLUMNS = [
  't.id',
  't.token_hash',
  't.user_id',
  't.description',
  't.is_active',
  't.expires_at',
] as const;

/** A new token and the session it is used through, together. */
export async function insertTokenWithSession(db: Db, token: TokenRow, session: SessionRow): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('user_access_tokens').values(token).execute();
    await trx.insertInto('sessions').values(session).execute();
  });
}

/** Recreates a token's session (after a sign-out of every session); a concurrent twin is kept. */
export async function insertSessionIfAbsent(db: Db, session: SessionRow): Promise<void> {
  await db
    .insertInto('sessions')
    .values(session)
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
}

/** The token with this hash, with its owner's state (for building its session). */
export async function findTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('user_access_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(TOKEN_COLUMNS)
    .select(['u.roles as user_roles', 'u.delete_at as user_delete_at', 'u.is_bot as user_is_bot'])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findToken(db: Db, id: string): Promise<TokenRow | undefined> {
  return db
    .selectFrom('user_access_tokens as t')
    .select(TOKEN_COLUMNS)
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export async function listTokensOfUser(
  db: Db,
  userId: string,
  limit: number,
  offset: number,
): Promise<TokenRow[]> {
  return db
    .selectFrom('user_access_tokens as t')
    .select(TOKEN_COLUMNS)
    .where('t.user_id', '=', userId)
    .orderBy('t.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function listAllTokens(db: Db, limit: number, offset: number): Promise<TokenRow[]> {
  return db
    .selectFrom('user_access_tokens as t')
    .select(TOKEN_COLUMNS)
    .orderBy('t.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Mattermost's token search: the token id, the owner's id, or the start of the owner's username. */
export async function searchTokens(db: Db, term: string, limit: number): Promise<TokenRow[]> {
  const prefix = `${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('user_access_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(TOKEN_COLUMNS)
    .where((eb) =>
      eb.or([eb('t.id', '=', term), eb('t.user_id', '=', term), eb(sql`lower(u.username)`, 'like', prefix)]),
    )
    .orderBy('t.id')
    .limit(limit)
    .execute();
}

export async function setTokenActive(db: Db, id: string, active: boolean): Promise<void> {
  await db.updateTable('user_access_tokens').set({ is_active: active }).where('id', '=', id).execute();
}

export async function deleteToken(db: Db, id: string): Promise<void> {
  await db.deleteFrom('user_access_tokens').where('id', '=', id).execute();
}

/** Ends the sessions built from a token; returns their ids (to close their sockets). */
export async function deleteSessionsOfToken(db: Db, tokenId: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('sessions')
    .where(sql<string>`props->>'user_access_token_id'`, '=', tokenId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
