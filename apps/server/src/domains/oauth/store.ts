import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { OAuthAppsTable, OAuthCodesTable, OAuthGrantsTable, SessionsTable } from '../../db/schema.ts';

export type OAuthAppRow = Selectable<OAuthAppsTable>;
export type OAuthCodeRow = Selectable<OAuthCodesTable>;
export type OAuthGrantRow = Selectable<OAuthGrantsTable>;
type SessionRow = Selectable<SessionsTable>;

const jsonb = (value: unknown) => sql<string[]>`${JSON.stringify(value)}::jsonb`;

export async function insertApp(db: Db, row: OAuthAppRow): Promise<void> {
  await db
    .insertInto('oauth_apps')
    .values({ ...row, callback_urls: jsonb(row.callback_urls) })
    .execute();
}

export async function findApp(db: Db, id: string): Promise<OAuthAppRow | undefined> {
  return db.selectFrom('oauth_apps').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listApps(db: Db, limit: number, offset: number): Promise<OAuthAppRow[]> {
  return db.selectFrom('oauth_apps').selectAll().orderBy('id').limit(limit).offset(offset).execute();
}

export async function listAppsOfCreator(
  db: Db,
  creatorId: string,
  limit: number,
  offset: number,
): Promise<OAuthAppRow[]> {
  return db
    .selectFrom('oauth_apps')
    .selectAll()
    .where('creator_id', '=', creatorId)
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The apps a user has consented to. */
export async function listAuthorizedApps(
  db: Db,
  userId: string,
  limit: number,
  offset: number,
): Promise<OAuthAppRow[]> {
  return db
    .selectFrom('oauth_apps as a')
    .innerJoin('oauth_authorizations as z', 'z.client_id', 'a.id')
    .selectAll('a')
    .where('z.user_id', '=', userId)
    .orderBy('a.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function updateApp(
  db: Db,
  id: string,
  patch: Pick<
    OAuthAppRow,
    'name' | 'description' | 'icon_url' | 'callback_urls' | 'homepage' | 'is_trusted' | 'update_at'
  >,
): Promise<OAuthAppRow | undefined> {
  return db
    .updateTable('oauth_apps')
    .set({ ...patch, callback_urls: jsonb(patch.callback_urls) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function setAppSecret(
  db: Db,
  id: string,
  secretHash: string,
  now: number,
): Promise<OAuthAppRow | undefined> {
  return db
    .updateTable('oauth_apps')
    .set({ client_secret_hash: secretHash, update_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes an app (its consents, codes and grants go by cascade); returns the sessions ended. */
export async function deleteAppWithSessions(db: Db, id: string): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const ended = await deleteSessionsOfApp(trx, id, null);
    await trx.deleteFrom('oauth_apps').where('id', '=', id).execute();
    return ended;
  });
}

/** Ends the access sessions issued for an app (to one user, or to everybody when userId is null). */
async function deleteSessionsOfApp(db: Db, appId: string, userId: string | null): Promise<string[]> {
  let query = db
    .deleteFrom('sessions')
    .where('is_oauth', '=', true)
    .where(sql<string>`props->>'oauth_app_id'`, '=', appId);
  if (userId !== null) query = query.where('user_id', '=', userId);
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}

export async function hasAuthorization(db: Db, userId: string, clientId: string): Promise<boolean> {
  const row = await db
    .selectFrom('oauth_authorizations')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the consent and a new authorization code together. */
export async function insertCodeWithAuthorization(db: Db, code: OAuthCodeRow): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('oauth_authorizations')
      .values({
        user_id: code.user_id,
        client_id: code.client_id,
        scope: code.scope,
        create_at: code.create_at,
      })
      .onConflict((oc) => oc.columns(['user_id', 'client_id']).doUpdateSet({ scope: code.scope }))
      .execute();
    await trx.insertInto('oauth_codes').values(code).execute();
  });
}

/**
 * Takes a code out of the table (so two concurrent exchanges cannot both succeed); only a code
 * issued to this client is taken.
 */
export async function takeCode(
  db: Db,
  codeHash: string,
  clientId: string,
): Promise<OAuthCodeRow | undefined> {
  return db
    .deleteFrom('oauth_codes')
    .where('code_hash', '=', codeHash)
    .where('client_id', '=', clientId)
    .returningAll()
    .executeTakeFirst();
}

/** Codes nobody exchanged within their lifetime. */
export async function deleteExpiredCodes(db: Db, now: number): Promise<void> {
  await db.deleteFrom('oauth_codes').where('expires_at', '<', now).execute();
}

/**
 * Issues the access session of a (user, app) grant: any earlier session of that grant ends, and
 * the grant's refresh token becomes `grant.refresh_token_hash`. Returns the sessions ended.
 */
export async function issueGrant(db: Db, grant: OAuthGrantRow, session: SessionRow): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const ended = await deleteSessionsOfApp(trx, grant.client_id, grant.user_id);
    await trx
      .insertInto('oauth_grants')
      .values(grant)
      .onConflict((oc) =>
        oc.columns(['user_id', 'client_id']).doUpdateSet({
          refresh_token_hash: grant.refresh_token_hash,
          redirect_uri: grant.redirect_uri,
          scope: grant.scope,
          update_at: grant.update_at,
        }),
      )
      .execute();
    await trx.insertInto('sessions').values(session).execute();
    return ended;
  });
}

/** The grant holding a refresh token for this client, with its user's state. */
export async function findGrantByRefreshHash(db: Db, refreshHash: string, clientId: string) {
  return db
    .selectFrom('oauth_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .selectAll('g')
    .select(['u.roles as user_roles', 'u.delete_at as user_delete_at'])
    .where('g.refresh_token_hash', '=', refreshHash)
    .where('g.client_id', '=', clientId)
    .executeTakeFirst();
}

/**
 * Rotates a refresh token: the grant still holding `oldHash` gets `newHash` and a new access
 * session in one step, so a refresh token works once even under concurrent use. Returns the
 * sessions ended, or null when the token was used meanwhile.
 */
export async function rotateGrant(
  db: Db,
  grant: OAuthGrantRow,
  oldHash: string,
  newHash: string,
  session: SessionRow,
): Promise<string[] | null> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('oauth_grants')
      .set({ refresh_token_hash: newHash, update_at: session.create_at })
      .where('id', '=', grant.id)
      .where('refresh_token_hash', '=', oldHash)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return null;
    const ended = await deleteSessionsOfApp(trx, grant.client_id, grant.user_id);
    await trx.insertInto('sessions').values(session).execute();
    return ended;
  });
}

/** Forgets a user's consent, codes, grant and access sessions for an app; returns the sessions ended. */
export async function deauthorize(db: Db, userId: string, clientId: string): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const ended = await deleteSessionsOfApp(trx, clientId, userId);
    await trx
      .deleteFrom('oauth_grants')
      .where('user_id', '=', userId)
      .where('client_id', '=', clientId)
      .execute();
    await trx
      .deleteFrom('oauth_codes')
      .where('user_id', '=', userId)
      .where('client_id', '=', clientId)
      .execute();
    await trx
      .deleteFrom('oauth_authorizations')
      .where('user_id', '=', userId)
      .where('client_id', '=', clientId)
      .execute();
    return ended;
  });
}
