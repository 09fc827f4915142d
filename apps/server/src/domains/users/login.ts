import type { App } from '../../app.ts';
import { hasRole } from '../../permissions/roles.ts';
import { badRequest, invalidBodyParam, unauthorized } from '../../errors/app-error.ts';
import { hashPassword, needsRehash, verifyPassword } from '../../platform/password.ts';
import { checkLoginCode } from '../mfa/service.ts';
import { createSession, type NewSession } from '../sessions/service.ts';
import * as store from './store.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export interface LoginInput {
  login_id?: unknown;
  id?: unknown;
  password?: unknown;
  device_id?: unknown;
  /** Client4 sends the device id camel-cased. */
  deviceId?: unknown;
  token?: unknown;
  ldap_only?: unknown;
}

// Verified against when the login id matches no one, so unknown and known users take equally long.
let decoyHash: Promise<string> | null = null;

/**
 * Password login. The failed-attempt counter is checked before the password, so a locked account
 * stays locked even with the right password until an admin or a password change resets it.
 */
export async function login(app: App, input: LoginInput): Promise<{ user: store.UserRow } & NewSession> {
  const config = app.config.get();
  const password = str(input.password) ?? '';
  const loginId = (str(input.login_id) ?? '').trim();
  const id = str(input.id);
  if (!password || (!loginId && !id)) throw invalidBodyParam('login_id or password');
  if (input.ldap_only === true || input.ldap_only === 'true') {
    throw badRequest('api.user.login_ldap.disabled.app_error', 'AD/LDAP is not enabled on this server.');
  }

  let user: store.UserRow | undefined;
  if (id) user = await store.findUser(app.db, id);
  else {
    if (config.EmailSettings.EnableSignInWithEmail && loginId.includes('@')) {
      user = await store.findUserByEmail(app.db, loginId);
    }
    if (!user && config.EmailSettings.EnableSignInWithUsername) {
      user = await store.findUserByUsername(app.db, loginId);
    }
  }
  const invalid = () =>
    unauthorized(
      'api.user.login.invalid_credentials_email_username',
      'Enter a valid email or username and/or password.',
    );
  if (!user) {
    decoyHash ??= hashPassword('decoy-password', config.ParleySettings.PasswordHashIterations);
    await verifyPassword(password, await decoyHash);
    throw invalid();
  }
  if (user.auth_service) {
    throw badRequest(
      'api.user.login.use_auth_service.app_error',
      `Please sign in using ${user.auth_service}.`,
    );
  }
  if (user.failed_attempts >= config.ServiceSettings.MaximumLoginAttempts) {
    throw unauthorized(
      'api.user.check_user_login_attempts.too_many.app_error',
      'Your account is locked because of too many failed password attempts. Please reset your password.',
    );
  }
  if (!(await verifyPassword(password, user.password))) {
    await store.incrementFailedAttempts(app.db, user.id);
    throw invalid();
  }
  // A missing code is the client asking whether one is needed; only a wrong one counts as a failure.
  try {
    checkLoginCode(app, user, str(input.token) ?? '');
  } catch (err) {
    if (str(input.token)) await store.incrementFailedAttempts(app.db, user.id);
    throw err;
  }
  if (user.delete_at > 0) {
    throw unauthorized(
      'api.user.login.inactive.app_error',
      'Login failed because your account has been deactivated.',
    );
  }
  if (user.is_bot) {
    throw unauthorized('api.user.login.bot_login_forbidden.app_error', 'Bot login is forbidden.');
  }
  if (hasRole(user.roles, 'system_guest') && !config.GuestAccountsSettings.Enable) {
    throw unauthorized('api.user.login.guest_accounts.disabled.error', 'Guest accounts are disabled.');
  }
  if (config.EmailSettings.RequireEmailVerification && !user.email_verified) {
    throw unauthorized(
      'api.user.login.not_verified.app_error',
      'Login failed because email address has not been verified.',
    );
  }
  const now = Date.now();
  // A hash from an older scheme (Mattermost's bcrypt) is replaced now that the password is known.
  const rehash = needsRehash(user.password)
    ? { password: await hashPassword(password, config.ParleySettings.PasswordHashIterations) }
    : {};
  const updated =
    (await store.updateUser(app.db, user.id, { failed_attempts: 0, last_activity_at: now, ...rehash })) ??
    user;
  const created = await createSession(app, user.id, user.roles, {
    deviceId: str(input.device_id) ?? str(input.deviceId),
  });
  return { user: updated, ...created };
}
