import { randomBytes } from 'node:crypto';
import type { App, Session } from '../../app.ts';
import { AppError, badRequest, invalidParam } from '../../errors/app-error.ts';
import { FAKE_SETTING } from '../../config/defaults.ts';
import { requireSystemPermission } from '../../permissions/authorize.ts';
import { sendMail, type EmailSettings } from '../../platform/mail/sender.ts';
import { hashPassword } from '../../platform/password.ts';
import { hashToken, revokeAllSessionsOfUser } from '../sessions/service.ts';
import { passwordProblem } from '../users/policy.ts';
import * as users from '../users/store.ts';
import { resetMail, testMail } from './email.ts';
import * as store from './store.ts';

const RESET_TYPE = 'password_recovery';
/** How long a reset link works (Mattermost's PasswordRecoverExpiryTime). */
export const RESET_EXPIRY_MS = 60 * 60 * 1000;
/** Mattermost's token size: 64 random characters. */
const TOKEN_LENGTH = 64;

function forgotLinkEnabled(app: App): boolean {
  return app.config.get().PasswordSettings.EnableForgotLink;
}

function requireForgotLink(app: App): void {
  if (!forgotLinkEnabled(app)) {
    throw new AppError(
      'api.user.send_password_reset.disabled.app_error',
      'Password reset by email is turned off on this server (PasswordSettings.EnableForgotLink).',
      403,
    );
  }
}

/**
 * POST /users/password/reset/send. The answer never depends on the address (unknown, deactivated
 * or SSO accounts get the same 200), and the mail goes out after the answer, so neither the body nor
 * the timing tells whether an account exists. SMTP failures are logged for the admin.
 */
export async function sendPasswordReset(app: App, email: string, siteUrl: string): Promise<void> {
  requireForgotLink(app);
  const user = await users.findUserByEmail(app.db, email.toLowerCase());
  if (!user || user.delete_at !== 0 || user.is_bot || (user.auth_service && user.auth_service !== 'email')) {
    return;
  }
  const token = randomBytes(48).toString('base64url');
  await app.db.transaction().execute(async (trx) => {
    // Only the newest link works: asking again makes older mails useless.
    await store.deleteTokensOfUser(trx, user.id, RESET_TYPE);
    await store.insertToken(trx, {
      token_hash: hashToken(token),
      create_at: Date.now(),
      type: RESET_TYPE,
      user_id: user.id,
      extra: { email: user.email },
    });
  });
  const config = app.config.get();
  const link = `${siteUrl}/reset_password_complete?token=${encodeURIComponent(token)}`;
  sendMail(config.EmailSettings, resetMail(user.email, config.TeamSettings.SiteName, link)).catch((err) =>
    app.log.error({ err: (err as Error).message, userId: user.id }, 'password reset email not sent'),
  );
}

const invalidLink = () =>
  badRequest('api.user.reset_password.invalid_link.app_error', 'The reset link does not appear to be valid.');

/**
 * POST /users/password/reset: the token works once (it is deleted as it is read), within the hour,
 * for the address it was sent to. The new password must pass the policy before the token is spent.
 */
export async function resetPassword(app: App, token: string, newPassword: string): Promise<string> {
  requireForgotLink(app);
  if (token.length !== TOKEN_LENGTH) throw invalidParam('token');
  const config = app.config.get();
  const problem = passwordProblem(newPassword, config.PasswordSettings);
  if (problem) throw badRequest('model.user.is_valid.pwd.app_error', problem);
  const hash = await hashPassword(newPassword, config.ParleySettings.PasswordHashIterations);
  const userId = await app.db.transaction().execute(async (trx) => {
    const row = await store.takeToken(trx, hashToken(token), RESET_TYPE);
    if (!row) throw invalidLink();
    if (Date.now() - row.create_at > RESET_EXPIRY_MS) {
      throw badRequest(
        'api.user.reset_password.link_expired.app_error',
        'The password reset link has expired.',
      );
    }
    const user = await users.findUser(trx, row.user_id);
    if (!user || user.delete_at !== 0 || user.email !== row.extra.email) throw invalidLink();
    const now = Date.now();
    await users.updateUser(trx, user.id, {
      password: hash,
      last_password_update: now,
      update_at: now,
      failed_attempts: 0,
    });
    return user.id;
  });
  if (config.ServiceSettings.TerminateSessionsOnPasswordChange) await revokeAllSessionsOfUser(app, userId);
  return userId;
}

/**
 * POST /email/test: sends a test message to the caller with the given EmailSettings (the saved ones
 * where not given; a masked password means the saved one).
 */
export async function sendTestEmail(app: App, session: Session, body: unknown): Promise<void> {
  requireSystemPermission(app, session, 'manage_system');
  const saved = app.config.get();
  const given = ((body ?? {}) as { EmailSettings?: Partial<EmailSettings> }).EmailSettings;
  const settings: EmailSettings = { ...saved.EmailSettings, ...(typeof given === 'object' ? given : {}) };
  if (settings.SMTPPassword === FAKE_SETTING) settings.SMTPPassword = saved.EmailSettings.SMTPPassword;
  if (!settings.SMTPServer) {
    throw badRequest('api.admin.test_email.missing_server', 'SMTP Server is required.');
  }
  const user = await users.findUser(app.db, session.userId);
  if (!user) throw invalidParam('user_id');
  try {
    await sendMail(settings, testMail(user.email, saved.TeamSettings.SiteName));
  } catch (err) {
    throw new AppError(
      'app.admin.test_email.failure',
      `Connection unsuccessful: ${(err as Error).message}`,
      500,
    );
  }
}
