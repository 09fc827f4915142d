import { createHash } from 'node:crypto';
import type { App, Session } from '../../app.ts';
import { newId } from '../../platform/ids.ts';
import * as store from './store.ts';
import { sessionCacheOf, type CachedSessionRow } from './cache.ts';
import {
  ACCESS_TOKEN_SESSION_TYPE,
  accessTokensAllowed,
  restoreAccessTokenSession,
} from '../tokens/session.ts';

const HOUR = 3_600_000;
// Sliding sessions are written back at most this often, so reads stay cheap.
const TOUCH_INTERVAL = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  session: Session;
  token: string;
}

export type SessionKind = 'web' | 'mobile' | 'sso';

function lengthOf(app: App, kind: SessionKind): number {
  const s = app.config.get().ServiceSettings;
  const hours =
    kind === 'mobile'
      ? s.SessionLengthMobileInHours
      : kind === 'sso'
        ? s.SessionLengthSSOInHours
        : s.SessionLengthWebInHours;
  return hours * HOUR;
}

/** A fresh session with a new 128-bit token (only its hash is stored) and a CSRF token. */
export async function createSession(
  app: App,
  userId: string,
  roles: string,
  opts: { deviceId?: string; kind?: SessionKind; props?: Record<string, string> } = {},
): Promise<NewSession> {
  const now = Date.now();
  const token = newId();
  const props = { ...opts.props, csrf: newId() };
  const row: store.SessionRow = {
    id: newId(),
    token_hash: hashToken(token),
    create_at: now,
    expires_at: now + lengthOf(app, opts.kind ?? (opts.deviceId ? 'mobile' : 'web')),
    last_activity_at: now,
    user_id: userId,
    device_id: opts.deviceId ?? '',
    roles,
    is_oauth: false,
    props,
  };
  await store.insertSession(app.db, row);
  await enforceSessionCap(app, userId);
  return { token, session: toSession(row, roles) };
}

/**
 * Keeps a user's sign-in sessions within ParleySettings.MaximumSessionsPerUser, so that a leaked
 * password or a scripted login loop cannot pile up sessions without bound: the least recently used
 * ones beyond the cap end (and their sockets close). The session just created is the most recent.
 */
async function enforceSessionCap(app: App, userId: string): Promise<void> {
  const cap = app.config.get().ParleySettings.MaximumSessionsPerUser;
  if (cap <= 0) return;
  const ended = await store.deleteSignInSessionsBeyond(app.db, userId, cap, ACCESS_TOKEN_SESSION_TYPE);
  if (ended.length > 0) announceRevoked(app, ended);
}

function toSession(row: store.SessionRow, roles: string): Session {
  return {
    id: row.id,
    userId: row.user_id,
    roles,
    createAt: row.create_at,
    expiresAt: row.expires_at,
    lastActivityAt: row.last_activity_at,
    deviceId: row.device_id,
    isOAuth: row.is_oauth,
    // A copy: the row may be the cached one, shared by every request of this session.
    props: { ...row.props },
  };
}

/**
 * The live session for a token, or null when unknown, expired, idle too long, or its user is
 * deactivated. Unlike Mattermost, the idle timeout applies even while sessions slide with activity.
 */
export async function sessionForToken(app: App, token: string): Promise<Session | null> {
  const tokenHash = hashToken(token);
  const cache = sessionCacheOf(app);
  const now = Date.now();
  // A cached row answers only while it is live; one that looks expired or idle is read again
  // (another node may have slid it forward) before the session is ended.
  const cached = cache.get(tokenHash, now);
  if (cached && !endedAt(app, cached, now))
    return tokenRefused(app, cached) ? null : liveSession(app, cached, now);
  const epoch = cache.epoch;
  let row = await store.findSessionByTokenHash(app.db, tokenHash);
  // A personal access token whose session was ended with all its owner's sessions gets a new one.
  if (!row && (await restoreAccessTokenSession(app, tokenHash))) {
    row = await store.findSessionByTokenHash(app.db, tokenHash);
  }
  if (!row || row.user_delete_at !== 0 || tokenRefused(app, row)) return null;
  if (endedAt(app, row, now)) {
    cache.dropSession(row.id);
    await store.deleteSession(app.db, row.id);
    return null;
  }
  cache.put(tokenHash, row, epoch, now);
  return liveSession(app, row, now);
}

/** Turning EnableUserAccessTokens off stops users' tokens at once; bots' tokens keep working. */
function tokenRefused(app: App, row: CachedSessionRow): boolean {
  return (
    row.props.type === ACCESS_TOKEN_SESSION_TYPE && !accessTokensAllowed(app, row.props.is_bot === 'true')
  );
}

/**
 * Personal access tokens and OAuth access tokens belong to integrations: they have a fixed lifetime
 * (the token's expiry, or expires_in for OAuth, renewed by the refresh token), never idle out and do
 * not slide with activity, as in Mattermost.
 */
function hasFixedLifetime(row: CachedSessionRow): boolean {
  return row.props.type === ACCESS_TOKEN_SESSION_TYPE || row.is_oauth;
}

/** True when a session has expired or (except integration sessions) been idle too long. */
function endedAt(app: App, row: CachedSessionRow, now: number): boolean {
  const idleLimit = app.config.get().ServiceSettings.SessionIdleTimeoutInMinutes * 60_000;
  return (
    row.expires_at < now ||
    (!hasFixedLifetime(row) && idleLimit > 0 && now - row.last_activity_at > idleLimit)
  );
}

/** A live row as the request's session, sliding it forward (written at most once a minute). */
async function liveSession(app: App, row: CachedSessionRow, now: number): Promise<Session> {
  const s = app.config.get().ServiceSettings;
  if (now - row.last_activity_at > TOUCH_INTERVAL) {
    const expiresAt =
      s.ExtendSessionLengthWithActivity && !hasFixedLifetime(row)
        ? Math.max(row.expires_at, now + lengthOf(app, row.device_id ? 'mobile' : 'web'))
        : row.expires_at;
    await store.touchSession(app.db, row.id, now, expiresAt);
    row.last_activity_at = now;
    row.expires_at = expiresAt;
  }
  return toSession(row, row.user_roles);
}

/** Tells every node (and their open sockets) that these sessions are gone. */
export function announceRevoked(app: App, sessionIds: string[]): void {
  for (const id of sessionIds) {
    app.events.publish({ event: 'session_revoked', data: { session_id: id }, broadcast: {}, internal: true });
  }
}

export async function revokeSession(app: App, sessionId: string): Promise<void> {
  await store.deleteSession(app.db, sessionId);
  announceRevoked(app, [sessionId]);
}

export async function revokeAllSessionsOfUser(app: App, userId: string, keepSessionId = ''): Promise<void> {
  announceRevoked(app, await store.deleteSessionsOfUser(app.db, userId, keepSessionId));
}

/** Signs everybody out (POST /users/sessions/revoke/all). */
export async function revokeEverySession(app: App): Promise<void> {
  announceRevoked(app, await store.deleteAllSessions(app.db));
}

/** A mobile device registers its push token on its session; older sessions of that device end. */
export async function attachDevice(app: App, session: Session, deviceId: string): Promise<void> {
  announceRevoked(app, await store.attachDevice(app.db, session.id, session.userId, deviceId));
  // The session's own row changed (its device id): read it again next time.
  sessionCacheOf(app).dropSession(session.id);
}
