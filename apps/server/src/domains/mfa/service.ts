import type { App, Session } from '../../app.ts';
import {
  badRequest,
  forbidden,
  invalidBodyParam,
  notImplemented,
  unauthorized,
} from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import * as users from '../users/store.ts';
import { getUserOr404, publishUserUpdated } from '../users/service.ts';
import { codeMatches, isWellFormedCode, newSecret, qrCodeFor } from './totp.ts';

const mfaDisabled = () =>
  notImplemented(
    'mfa.mfa_disabled.app_error',
    'Multi-factor authentication has been disabled on this server.',
  );

function requireMfaEnabled(app: App): void {
  if (!app.config.get().ServiceSettings.EnableMultifactorAuthentication) throw mfaDisabled();
}

/** MFA protects passwords: accounts signing in elsewhere (SSO) have none to protect. */
function requirePasswordAccount(user: users.UserRow): void {
  if (user.auth_service && user.auth_service !== 'email' && user.auth_service !== 'ldap') {
    throw badRequest(
      'api.user.activate_mfa.email_and_ldap_only.app_error',
      'MFA is not available for this account type.',
    );
  }
}

function issuerOf(app: App): string {
  const config = app.config.get();
  try {
    if (config.ServiceSettings.SiteURL) return new URL(config.ServiceSettings.SiteURL).host;
  } catch {
    // an unparsable SiteURL falls back to the site name
  }
  return config.TeamSettings.SiteName || 'Parley';
}

/**
 * POST /users/{id}/mfa/generate: a new secret, stored (not yet active) until a code proves the user's
 * app has it. Only for oneself: nobody else should ever see a user's secret. An active MFA must be
 * turned off first, so a stolen session cannot swap the secret under the user.
 */
export async function generateSecret(
  app: App,
  session: Session,
  userId: string,
): Promise<{ secret: string; qr_code: string }> {
  if (session.userId !== userId || session.isOAuth) throw forbidden();
  requireMfaEnabled(app);
  const user = await getUserOr404(app, userId);
  requirePasswordAccount(user);
  if (user.mfa_active) {
    throw badRequest(
      'api.user.generate_mfa_secret.already_active.app_error',
      'Multi-factor authentication is already active; deactivate it before generating a new secret.',
    );
  }
  const secret = newSecret();
  await users.updateUser(app.db, userId, { mfa_secret: secret, update_at: Date.now() });
  return { secret, qr_code: await qrCodeFor(secret, issuerOf(app), user.email) };
}

/**
 * PUT /users/{id}/mfa. Activation needs a valid code for the generated secret. Turning MFA off needs a
 * valid code from the user themself (so a stolen session cannot remove the second factor); a user
 * with edit_other_users resets another user's MFA without one.
 */
export async function updateMfa(
  app: App,
  session: Session,
  userId: string,
  activate: boolean,
  code: string,
): Promise<void> {
  const self = session.userId === userId;
  if (session.isOAuth || (!self && !hasPermissionToSystem(app, session, 'edit_other_users')))
    throw forbidden();
  const user = await getUserOr404(app, userId);
  if (activate) {
    requireMfaEnabled(app);
    requirePasswordAccount(user);
    if (!code) throw invalidBodyParam('code');
    if (!codeMatches(user.mfa_secret, code.trim())) {
      throw unauthorized('mfa.activate.bad_token.app_error', 'Invalid MFA token.');
    }
  } else if (self && user.mfa_active) {
    if (!code) throw invalidBodyParam('code');
    if (!codeMatches(user.mfa_secret, code.trim())) {
      throw unauthorized('api.user.check_user_mfa.bad_code.app_error', 'Invalid MFA token.');
    }
  }
  const updated = await users.updateUser(app.db, userId, {
    mfa_active: activate,
    // Deactivation forgets the secret: turning MFA on again starts from a new one.
    ...(activate ? {} : { mfa_secret: '' }),
    update_at: Date.now(),
  });
  if (updated) publishUserUpdated(app, updated);
}

/**
 * The second factor at login, checked after the password (Mattermost's CheckUserMfa): no or malformed
 * code is 400 `mfa.validate_token.authenticate.app_error` (clients then ask for one), a wrong code 401.
 */
export function checkLoginCode(app: App, user: users.UserRow, token: string): void {
  if (!user.mfa_active || !app.config.get().ServiceSettings.EnableMultifactorAuthentication) return;
  if (!isWellFormedCode(token.trim())) {
    throw badRequest('mfa.validate_token.authenticate.app_error', 'Invalid or missing MFA token.');
  }
  if (!codeMatches(user.mfa_secret, token.trim())) {
    throw unauthorized('api.user.check_user_mfa.bad_code.app_error', 'Invalid MFA token.');
  }
}

/**
 * POST /users/mfa: whether a login id needs a code. Like Mattermost (outside its hardened mode) this
 * answers for any login id, so it tells an anonymous caller which existing accounts have MFA on;
 * accounts without MFA and unknown ids both answer false.
 */
export async function mfaRequiredFor(app: App, loginId: string): Promise<boolean> {
  const config = app.config.get();
  if (!config.ServiceSettings.EnableMultifactorAuthentication) return false;
  let user: users.UserRow | undefined;
  if (config.EmailSettings.EnableSignInWithEmail && loginId.includes('@'))
    user = await users.findUserByEmail(app.db, loginId);
  if (!user && config.EmailSettings.EnableSignInWithUsername)
    user = await users.findUserByUsername(app.db, loginId);
  return user !== undefined && user.delete_at === 0 && user.mfa_active;
}
