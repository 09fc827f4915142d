import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, invalidParam, notFound, notImplemented } from '../../errors/app-error.ts';
import { newId } from '../../platform/ids.ts';
import { requireSystemPermission } from '../../permissions/authorize.ts';
import { announceRevoked, hashToken } from '../sessions/service.ts';
import * as users from '../users/store.ts';
import { hasPermissionToUserOrBot } from '../bots/access.ts';
import { accessTokenSessionRow, accessTokensAllowed } from './session.ts';
import * as store from './store.ts';

const tokenNotFound = () =>
  notFound('app.user_access_token.get_by_user.app_error', 'Unable to get the personal access token.');

async function requireUserOrBot(app: App, session: Session, userId: string): Promise<void> {
  if (!(await hasPermissionToUserOrBot(app, session, userId))) throw forbidden();
}

/**
 * POST /users/{id}/tokens. The permission comes first, then the right over the user (self,
 * edit_other_users, or a bot the caller manages), then the switch, which bots' tokens ignore.
 * The token is returned once; only its hash is kept, shared with the session it is used through.
 */
export async function createToken(
  app: App,
  session: Session,
  userId: string,
  input: { description?: unknown; expires_at?: unknown },
): Promise<{ token: store.TokenRow; secret: string }> {
  requireSystemPermission(app, session, 'create_user_access_token');
  await requireUserOrBot(app, session, userId);
  const description = typeof input.description === 'string' ? input.description.trim() : '';
  if (!description) throw invalidParam('Description');
  if ([...description].length > 255) {
    throw badRequest(
      'model.user_access_token.is_valid.description.app_error',
      'Invalid description, must be 255 or less characters.',
    );
  }
  const expiresAt = input.expires_at === undefined ? 0 : Number(input.expires_at);
  const now = Date.now();
  if (!Number.isSafeInteger(expiresAt) || expiresAt < 0 || (expiresAt > 0 && expiresAt <= now)) {
    throw invalidParam('expires_at');
  }
  const owner = await users.findUser(app.db, userId);
  if (!owner) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
  if (!accessTokensAllowed(app, owner.is_bot)) {
    throw notImplemented(
      'app.user_access_token.disabled',
      'Personal access tokens are disabled on this server. Please contact your system administrator for details.',
    );
  }
  const secret = newId();
  const token: store.TokenRow = {
    id: newId(),
    token_hash: hashToken(secret),
    user_id: userId,
    description,
    is_active: true,
    expires_at: expiresAt,
  };
  await store.insertTokenWithSession(
    app.db,
    token,
    accessTokenSessionRow(token, { roles: owner.roles, isBot: owner.is_bot }, now),
  );
  return { token, secret };
}

export async function listTokensOfUser(
  app: App,
  session: Session,
  userId: string,
  limit: number,
  offset: number,
): Promise<store.TokenRow[]> {
  requireSystemPermission(app, session, 'read_user_access_token');
  await requireUserOrBot(app, session, userId);
  return store.listTokensOfUser(app.db, userId, limit, offset);
}

export async function listAllTokens(app: App, session: Session, limit: number, offset: number) {
  requireSystemPermission(app, session, 'manage_system');
  return store.listAllTokens(app.db, limit, offset);
}

export async function searchTokens(app: App, session: Session, term: unknown) {
  requireSystemPermission(app, session, 'manage_system');
  if (typeof term !== 'string' || !term.trim()) throw invalidParam('term');
  return store.searchTokens(app.db, term.trim(), 100);
}

/** A token the caller holds `permission` over (its owner is self, or another user they may edit). */
async function tokenFor(
  app: App,
  session: Session,
  tokenId: string,
  permission: string,
): Promise<store.TokenRow> {
  requireSystemPermission(app, session, permission);
  const token = await store.findToken(app.db, tokenId);
  if (!token) throw tokenNotFound();
  await requireUserOrBot(app, session, token.user_id);
  return token;
}

export async function getToken(app: App, session: Session, tokenId: string): Promise<store.TokenRow> {
  return tokenFor(app, session, tokenId, 'read_user_access_token');
}

/** Revoking deletes the token and ends its session; sockets opened with it close too. */
export async function revokeToken(app: App, session: Session, tokenId: string): Promise<void> {
  const token = await tokenFor(app, session, tokenId, 'revoke_user_access_token');
  const ended = await app.db.transaction().execute(async (trx) => {
    const ids = await store.deleteSessionsOfToken(trx, token.id);
    await store.deleteToken(trx, token.id);
    return ids;
  });
  announceRevoked(app, ended);
}

/** Disabling ends the token's session at once; enabling lets the next request build a new one. */
export async function setTokenActive(app: App, session: Session, tokenId: string, active: boolean) {
  const permission = active ? 'create_user_access_token' : 'revoke_user_access_token';
  const token = await tokenFor(app, session, tokenId, permission);
  if (active) {
    await store.setTokenActive(app.db, token.id, true);
    return;
  }
  const ended = await app.db.transaction().execute(async (trx) => {
    await store.setTokenActive(trx, token.id, false);
    return store.deleteSessionsOfToken(trx, token.id);
  });
  announceRevoked(app, ended);
}
