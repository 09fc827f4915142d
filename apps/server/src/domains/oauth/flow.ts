import { timingSafeEqual } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { App, Session } from '../../app.ts';
import type { SessionsTable } from '../../db/schema.ts';
import { AppError, badRequest, forbidden, notFound } from '../../errors/app-error.ts';
import { newId } from '../../platform/ids.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { announceRevoked, hashToken } from '../sessions/service.ts';
import * as users from '../users/store.ts';
import { appNotFound, requireProviderEnabled } from './apps.ts';
import type { AuthorizeRequest, TokenRequest } from './policy.ts';
import * as store from './store.ts';

/** Mattermost's model.AuthCodeExpireTime: a code must be exchanged within ten minutes. */
export const CODE_LIFETIME_MS = 10 * 60_000;
/** Session props marking an OAuth access session (Mattermost sets is_oauth and oauth_app_id). */
export const OAUTH_SESSION_TYPE = 'OAuth';

/**
 * The app and request of an authorization, checked in Mattermost's order: switch, request, app,
 * then the redirect URI, which must be one of the app's callback URLs exactly (never redirect
 * anywhere else, even to report an error). An OAuth session may not authorize further apps.
 */
export async function checkAuthorization(
  app: App,
  session: Session,
  request: AuthorizeRequest,
): Promise<store.OAuthAppRow> {
  requireProviderEnabled(app);
  if (session.isOAuth) throw forbidden();
  const row = await store.findApp(app.db, request.client_id);
  if (!row) throw appNotFound();
  if (!row.callback_urls.includes(request.redirect_uri))
    throw badRequest(
      'api.oauth.allow_oauth.redirect_callback.app_error',
      'The redirect_uri does not match a callback URL of the app.',
    );
  return row;
}

/** Whether the user may skip the consent page: a trusted app, or one they already allowed. */
export async function consentKnown(app: App, session: Session, row: store.OAuthAppRow): Promise<boolean> {
  return row.is_trusted || (await store.hasAuthorization(app.db, session.userId, row.id));
}

/** `redirect_uri` with these query parameters added to its own (Mattermost keeps the existing query). */
export function redirectWith(redirectUri: string, params: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * The user allows the app: their consent is recorded and a single-use code issued; the answer is
 * where to send the browser. Only the code's hash is stored.
 */
export async function allow(app: App, session: Session, request: AuthorizeRequest): Promise<string> {
  const row = await checkAuthorization(app, session, request);
  if (request.response_type !== 'code')
    return redirectWith(request.redirect_uri, { error: 'unsupported_response_type', state: request.state });
  const code = newId() + newId();
  const now = Date.now();
  await store.deleteExpiredCodes(app.db, now);
  await store.insertCodeWithAuthorization(app.db, {
    code_hash: hashToken(code),
    client_id: row.id,
    user_id: session.userId,
    redirect_uri: request.redirect_uri,
    scope: request.scope,
    create_at: now,
    expires_at: now + CODE_LIFETIME_MS,
  });
  return redirectWith(request.redirect_uri, { code, state: request.state });
}

/** The user refuses: nothing is stored, the app learns `access_denied`. */
export async function deny(app: App, session: Session, request: AuthorizeRequest): Promise<string> {
  await checkAuthorization(app, session, request);
  return redirectWith(request.redirect_uri, { error: 'access_denied', state: request.state });
}

/** model.AccessResponse. */
export interface AccessResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

const credentialsRefused = (status: number) =>
  new AppError('api.oauth.get_access_token.credentials.app_error', 'Invalid client credentials.', status);
const expiredCode = (status: number) =>
  new AppError(
    'api.oauth.get_access_token.expired_code.app_error',
    'The authorization code is invalid or has expired.',
    status,
  );

function sameSecret(storedHash: string, secret: string): boolean {
  return timingSafeEqual(Buffer.from(storedHash), Buffer.from(hashToken(secret)));
}

function lifetimeMs(app: App): number {
  return app.config.get().ServiceSettings.SessionLengthSSOInHours * 3_600_000;
}

/** The access session: a sessions row with is_oauth, so `?access_token=` is honoured for it. */
function accessSession(
  app: App,
  row: store.OAuthAppRow,
  user: { id: string; roles: string },
  token: string,
  now: number,
): Selectable<SessionsTable> {
  return {
    id: newId(),
    token_hash: hashToken(token),
    create_at: now,
    expires_at: now + lifetimeMs(app),
    last_activity_at: now,
    user_id: user.id,
    device_id: '',
    roles: user.roles,
    is_oauth: true,
    props: {
      type: OAUTH_SESSION_TYPE,
      oauth_app_id: row.id,
      platform: row.name,
      os: 'OAuth2',
      browser: 'OAuth2',
      csrf: newId(),
    },
  };
}

/**
 * POST /oauth/access_token. The client authenticates with its secret; a code is taken out of the
 * table before anything else is checked, so it works once whatever happens next. A second code
 * for the same user and app replaces the earlier access token (Mattermost returned the same one,
 * which a hashed store cannot). A refresh token also works once: each use returns a new pair.
 */
export async function exchange(app: App, request: TokenRequest): Promise<AccessResponse> {
  requireProviderEnabled(app, 'api.oauth.get_access_token.disabled.app_error');
  const row = await store.findApp(app.db, request.client_id);
  if (!row) throw credentialsRefused(404);
  if (!request.client_secret || !sameSecret(row.client_secret_hash, request.client_secret))
    throw credentialsRefused(403);
  const now = Date.now();
  const accessToken = newId();
  const refreshToken = newId();
  if (request.grant_type === 'authorization_code') {
    const code = await store.takeCode(app.db, hashToken(request.code), row.id);
    if (!code) throw expiredCode(400);
    if (code.expires_at < now) throw expiredCode(403);
    if (code.redirect_uri !== request.redirect_uri)
      throw badRequest(
        'api.oauth.get_access_token.redirect_uri.app_error',
        'The redirect_uri does not match the authorization request.',
      );
    const user = await users.findUser(app.db, code.user_id);
    if (!user || user.delete_at !== 0) throw expiredCode(403);
    const grant: store.OAuthGrantRow = {
      id: newId(),
      client_id: row.id,
      user_id: user.id,
      refresh_token_hash: hashToken(refreshToken),
      redirect_uri: code.redirect_uri,
      scope: code.scope,
      create_at: now,
      update_at: now,
    };
    announceRevoked(
      app,
      await store.issueGrant(app.db, grant, accessSession(app, row, user, accessToken, now)),
    );
    return response(app, accessToken, refreshToken, code.scope);
  }
  const refreshRefused = () =>
    notFound('api.oauth.get_access_token.refresh_token.app_error', 'Invalid refresh token.');
  const oldHash = hashToken(request.refresh_token);
  const grant = await store.findGrantByRefreshHash(app.db, oldHash, row.id);
  if (!grant) throw refreshRefused();
  if (grant.user_delete_at !== 0) throw expiredCode(403);
  const session = accessSession(app, row, { id: grant.user_id, roles: grant.user_roles }, accessToken, now);
  const ended = await store.rotateGrant(app.db, grant, oldHash, hashToken(refreshToken), session);
  if (ended === null) throw refreshRefused();
  announceRevoked(app, ended);
  return response(app, accessToken, refreshToken, grant.scope);
}

function response(app: App, accessToken: string, refreshToken: string, scope: string): AccessResponse {
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: Math.floor(lifetimeMs(app) / 1000),
    refresh_token: refreshToken,
    scope,
  };
}

/** POST /oauth/deauthorize: the caller withdraws consent; the app's tokens for them end at once. */
export async function deauthorize(app: App, session: Session, clientId: string): Promise<void> {
  requireProviderEnabled(app);
  announceRevoked(app, await store.deauthorize(app.db, session.userId, clientId));
}

/** GET /users/{id}/oauth/apps/authorized: oneself, or anyone with edit_other_users. */
export async function authorizedApps(
  app: App,
  session: Session,
  userId: string,
  limit: number,
  offset: number,
): Promise<store.OAuthAppRow[]> {
  if (userId !== session.userId && !hasPermissionToSystem(app, session, 'edit_other_users'))
    throw forbidden();
  requireProviderEnabled(app);
  return store.listAuthorizedApps(app.db, userId, limit, offset);
}
