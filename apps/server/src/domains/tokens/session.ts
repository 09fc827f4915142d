import type { Selectable } from 'kysely';
import type { App } from '../../app.ts';
import type { SessionsTable } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';
import * as store from './store.ts';

/** Mattermost's session props for a token session (model.SessionTypeUserAccessToken and friends). */
export const ACCESS_TOKEN_SESSION_TYPE = 'UserAccessToken';

// Mattermost gives token sessions a 100-year expiry: tokens end by being disabled or revoked.
const HUNDRED_YEARS = 100 * 365 * 24 * 3_600_000;

/** The session row a token is used through: same hash as the token, so a Bearer lookup finds it. */
export function accessTokenSessionRow(
  token: store.TokenRow,
  owner: { roles: string; isBot: boolean },
  now: number,
): Selectable<SessionsTable> {
  const props: Record<string, string> = {
    type: ACCESS_TOKEN_SESSION_TYPE,
    user_access_token_id: token.id,
    csrf: newId(),
  };
  if (owner.isBot) props.is_bot = 'true';
  return {
    id: newId(),
    token_hash: token.token_hash,
    create_at: now,
    expires_at: token.expires_at > 0 ? token.expires_at : now + HUNDRED_YEARS,
    last_activity_at: now,
    user_id: token.user_id,
    device_id: '',
    roles: owner.roles,
    is_oauth: false,
    props,
  };
}

/** Whether tokens of this kind of owner may be used now (bots' tokens work regardless of the switch). */
export function accessTokensAllowed(app: App, ownerIsBot: boolean): boolean {
  return ownerIsBot || app.config.get().ServiceSettings.EnableUserAccessTokens;
}

/**
 * Rebuilds the session of an active token whose session is gone (every session of its owner was
 * revoked, e.g. on a password change or a deactivation that has since been undone), as Mattermost
 * creates token sessions on first use. Returns whether a session now exists for the hash.
 */
export async function restoreAccessTokenSession(app: App, tokenHash: string): Promise<boolean> {
  const found = await store.findTokenByHash(app.db, tokenHash);
  const now = Date.now();
  if (!found || !found.is_active || found.user_delete_at !== 0) return false;
  if (found.expires_at > 0 && found.expires_at < now) return false;
  if (!accessTokensAllowed(app, found.user_is_bot)) return false;
  const row = accessTokenSessionRow(found, { roles: found.user_roles, isBot: found.user_is_bot }, now);
  await store.insertSessionIfAbsent(app.db, row);
  return true;
}
