import type { App, Session } from '../../app.ts';
import type { AppError } from '../../errors/app-error.ts';
import {
  badRequest,
  forbidden,
  invalidBodyParam,
  notFound,
  notImplemented,
  unauthorized,
} from '../../errors/app-error.ts';
import { newId } from '../../platform/ids.ts';
import { hashPassword, verifyPassword } from '../../platform/password.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { revokeAllSessionsOfUser } from '../sessions/service.ts';
import { addUserToTeam, teamIdForInvite } from '../teams/join.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import * as store from './store.ts';
import { defaultNotifyProps, presentUser, type Viewer } from './present.ts';
import {
  emailDomainAllowed,
  emailProblem,
  fieldLengthProblem,
  passwordProblem,
  usernameProblem,
} from './policy.ts';

export function viewerOf(app: App, session: Session | null): Viewer | null {
  return session
    ? { userId: session.userId, isAdmin: hasPermissionToSystem(app, session, 'manage_system') }
    : null;
}

export function present(app: App, session: Session | null, user: store.UserRow) {
  return presentUser(user, viewerOf(app, session), app.config.get());
}

export async function getUserOr404(app: App, id: string): Promise<store.UserRow> {
  const user = await store.findUser(app.db, id);
  if (!user) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
  return user;
}

export interface NewUserInput extends UserPatch {
  password?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Sign-up and admin creation (POST /users). The very first account is always allowed and becomes
 * the system admin; otherwise EnableUserCreation, EnableSignUpWithEmail, EnableOpenServer (or a team
 * invite id) and RestrictCreationToDomains apply, except for callers who may create users.
 */
export async function createUser(
  app: App,
  session: Session | null,
  input: NewUserInput,
  invite: { inviteId?: string },
  /** Set by a guest invitation (domains/guests): the invited address, which the mail verified. */
  guest?: { guestEmail: string },
): Promise<store.UserRow> {
  const config = app.config.get();
  const username = str(input.username)?.trim().toLowerCase() ?? '';
  const email = guest ? guest.guestEmail : (str(input.email)?.trim().toLowerCase() ?? '');
  const password = str(input.password) ?? '';
  const problem =
    usernameProblem(username) ??
    emailProblem(email) ??
    passwordProblem(password, config.PasswordSettings) ??
    fieldLengthProblem({
      nickname: str(input.nickname),
      first_name: str(input.first_name),
      last_name: str(input.last_name),
      position: str(input.position),
    });
  if (problem) throw badRequest('model.user.is_valid.app_error', problem);

  const isFirstUser = (await store.countUsers(app.db)) === 0;
  const asAdmin = session !== null && hasPermissionToSystem(app, session, 'manage_system');
  if (!isFirstUser && !asAdmin) {
    if (!config.TeamSettings.EnableUserCreation || !config.EmailSettings.EnableSignUpWithEmail) {
      throw notImplemented(
        'api.user.create_user.signup_email_disabled.app_error',
        'User sign-up with email is disabled.',
      );
    }
    if (!invite.inviteId && !guest && !config.TeamSettings.EnableOpenServer) {
      throw forbidden(
        'api.user.create_user.no_open_server',
        'This server does not allow open signups. Please speak with your Administrator to receive an invitation.',
      );
    }
    const domains = guest
      ? config.GuestAccountsSettings.RestrictCreationToDomains
      : config.TeamSettings.RestrictCreationToDomains;
    if (!emailDomainAllowed(email, domains)) {
      throw badRequest(
        'api.user.create_user.accepted_domain.app_error',
        'The email you provided does not belong to an accepted domain. Please contact your administrator or sign up with a different email.',
      );
    }
  }

  const inviteTeamId = invite.inviteId ? await teamIdForInvite(app, invite.inviteId) : null;
  const now = Date.now();
  const hash = await hashPassword(password, config.ParleySettings.PasswordHashIterations);
  let user: store.UserRow;
  try {
    user = await store.insertUser(app.db, {
      id: newId(),
      create_at: now,
      update_at: now,
      username,
      email,
      password: hash,
      email_verified: asAdmin || isFirstUser || guest ? true : !config.EmailSettings.RequireEmailVerification,
      nickname: str(input.nickname) ?? '',
      first_name: str(input.first_name) ?? '',
      last_name: str(input.last_name) ?? '',
      position: str(input.position) ?? '',
      locale: str(input.locale) ?? 'en',
      roles: guest ? 'system_guest' : isFirstUser ? 'system_admin system_user' : 'system_user',
      props: stringMap(input.props),
      notify_props: { ...defaultNotifyProps(), ...stringMap(input.notify_props) },
      timezone: stringMap(input.timezone),
      last_password_update: now,
    });
  } catch (err) {
    throw translateUniqueError(err) ?? err;
  }
  if (inviteTeamId) await addUserToTeam(app, inviteTeamId, user.id);
  app.events.publish({ event: 'new_user', data: { user_id: user.id }, broadcast: {} });
  return user;
}

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k !== '__proto__' && (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number'))
      out[k] = String(v);
  }
  return out;
}

function translateUniqueError(err: unknown): AppError | null {
  const constraint = isUniqueViolation(err);
  if (!constraint) return null;
  if (constraint.includes('email')) {
    return badRequest('app.user.save.email_exists.app_error', 'An account with that email already exists.');
  }
  if (constraint.includes('username')) {
    return badRequest(
      'app.user.save.username_exists.app_error',
      'An account with that username already exists.',
    );
  }
  return badRequest('app.user.save.existing.app_error', 'Must call update for existing user.');
}

export interface UserPatch {
  username?: unknown;
  email?: unknown;
  nickname?: unknown;
  first_name?: unknown;
  last_name?: unknown;
  position?: unknown;
  locale?: unknown;
  props?: unknown;
  notify_props?: unknown;
  timezone?: unknown;
}

/** Self or holders of edit_other_users may change a profile; roles and passwords have their own routes. */
export async function patchUser(
  app: App,
  session: Session,
  userId: string,
  patch: UserPatch,
): Promise<store.UserRow> {
  await requireEditUser(app, session, userId);
  const user = await getUserOr404(app, userId);
  if (user.is_bot && session.userId !== userId && !hasPermissionToSystem(app, session, 'manage_bots'))
    throw forbidden();
  const fields: Parameters<typeof store.updateUser>[2] = {};
  const username = str(patch.username)?.trim().toLowerCase();
  if (username !== undefined && username !== user.username) {
    const problem = usernameProblem(username);
    if (problem) throw badRequest('model.user.is_valid.username.app_error', problem);
    fields.username = username;
  }
  const email = str(patch.email)?.trim().toLowerCase();
  if (email !== undefined && email !== user.email) {
    const problem = emailProblem(email);
    if (problem) throw badRequest('model.user.is_valid.email.app_error', problem);
    fields.email = email;
  }
  const texts = {
    nickname: str(patch.nickname),
    first_name: str(patch.first_name),
    last_name: str(patch.last_name),
    position: str(patch.position),
  };
  const lengthProblem = fieldLengthProblem(texts);
  if (lengthProblem) throw badRequest('model.user.is_valid.app_error', lengthProblem);
  for (const [key, value] of Object.entries(texts))
    if (value !== undefined) fields[key as keyof typeof texts] = value;
  const locale = str(patch.locale);
  if (locale !== undefined) fields.locale = locale.slice(0, 5);
  if (patch.props !== undefined) fields.props = stringMap(patch.props);
  if (patch.notify_props !== undefined)
    fields.notify_props = { ...user.notify_props, ...stringMap(patch.notify_props) };
  if (patch.timezone !== undefined) fields.timezone = stringMap(patch.timezone);
  fields.update_at = Date.now();
  let updated: store.UserRow | undefined;
  try {
    updated = await store.updateUser(app.db, userId, fields);
  } catch (err) {
    throw translateUniqueError(err) ?? err;
  }
  if (!updated) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
  publishUserUpdated(app, updated);
  return updated;
}

/**
 * `user_updated` carries the user object itself: everyone else gets the profile as any user may
 * see it (privacy settings applied), the user gets their own full view.
 */
export function publishUserUpdated(app: App, user: store.UserRow): void {
  const config = app.config.get();
  app.events.publish({
    event: 'user_updated',
    data: { user: presentUser(user, null, config) },
    broadcast: { omitUsers: [user.id] },
  });
  app.events.publish({
    event: 'user_updated',
    data: { user: presentUser(user, { userId: user.id, isAdmin: false }, config) },
    broadcast: { userId: user.id },
  });
}

async function requireEditUser(app: App, session: Session, userId: string): Promise<void> {
  if (session.userId === userId) return;
  if (!hasPermissionToSystem(app, session, 'edit_other_users')) throw forbidden();
}

/** Own password needs the current one; an admin may set another user's password without it. */
export async function updatePassword(
  app: App,
  session: Session,
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const self = session.userId === userId;
  if (!self && !hasPermissionToSystem(app, session, 'edit_other_users')) throw forbidden();
  const user = await getUserOr404(app, userId);
  if (user.auth_service) {
    throw badRequest(
      'api.user.update_password.oauth.app_error',
      'Update password failed because the user logged in through an SSO service.',
    );
  }
  if (self) {
    if (!currentPassword || !(await verifyPassword(currentPassword, user.password))) {
      throw badRequest(
        'api.user.update_password.incorrect.app_error',
        'The "Current Password" you entered is incorrect. Please check that Caps Lock is off and try again.',
      );
    }
  }
  const problem = passwordProblem(newPassword, app.config.get().PasswordSettings);
  if (problem) throw badRequest('model.user.is_valid.pwd.app_error', problem);
  const now = Date.now();
  const hash = await hashPassword(newPassword, app.config.get().ParleySettings.PasswordHashIterations);
  await store.updateUser(app.db, userId, {
    password: hash,
    last_password_update: now,
    update_at: now,
    failed_attempts: 0,
  });
  if (app.config.get().ServiceSettings.TerminateSessionsOnPasswordChange) {
    await revokeAllSessionsOfUser(app, userId, self ? session.id : '');
  }
}

export async function updateRoles(app: App, session: Session, userId: string, roles: string): Promise<void> {
  if (!hasPermissionToSystem(app, session, 'manage_roles')) throw forbidden();
  const names = roles.split(' ').filter(Boolean);
  // Any system-scope role the catalog knows, built in or made by an admin.
  if (names.length === 0 || names.some((r) => !r.startsWith('system_') || !app.roles.get(r))) {
    throw invalidBodyParam('roles');
  }
  if (names.includes('system_guest') && names.includes('system_user')) throw invalidBodyParam('roles');
  await getUserOr404(app, userId);
  const updated = await store.updateUser(app.db, userId, {
    roles: [...new Set(names)].join(' '),
    update_at: Date.now(),
  });
  if (updated) {
    app.events.publish({
      event: 'user_role_updated',
      data: { user_id: userId, roles: updated.roles },
      broadcast: { userId },
    });
  }
}

/** Deactivation revokes every session at once; self-deactivation needs TeamSettings.EnableUserDeactivation. */
export async function updateActive(
  app: App,
  session: Session,
  userId: string,
  active: boolean,
): Promise<void> {
  const self = session.userId === userId;
  const admin = hasPermissionToSystem(app, session, 'manage_system');
  if (!admin) {
    if (!self || active) throw forbidden();
    if (!app.config.get().TeamSettings.EnableUserDeactivation) {
      throw unauthorized(
        'api.user.update_active.not_enable.app_error',
        'You cannot deactivate yourself because this feature is not enabled. Please contact your System Administrator.',
      );
    }
  }
  const user = await getUserOr404(app, userId);
  const now = Date.now();
  await store.updateUser(app.db, userId, { delete_at: active ? 0 : user.delete_at || now, update_at: now });
  if (!active) await revokeAllSessionsOfUser(app, userId);
  app.events.publish({ event: 'user_activation_status_change', data: {}, broadcast: {} });
}

export async function resetFailedAttempts(app: App, session: Session, userId: string): Promise<void> {
  if (!hasPermissionToSystem(app, session, 'edit_other_users')) throw forbidden();
  await getUserOr404(app, userId);
  await store.updateUser(app.db, userId, { failed_attempts: 0, update_at: Date.now() });
}
