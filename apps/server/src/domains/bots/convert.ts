import type { App, Session } from '../../app.ts';
import { badRequest, invalidBodyParam, notFound } from '../../errors/app-error.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { hashPassword } from '../../platform/password.ts';
import { requireSystemPermission } from '../../permissions/authorize.ts';
import { revokeAllSessionsOfUser } from '../sessions/service.ts';
import * as users from '../users/store.ts';
import { publishUserUpdated } from '../users/service.ts';
import { emailProblem, fieldLengthProblem, passwordProblem, usernameProblem } from '../users/policy.ts';
import { botNotFound } from './access.ts';
import * as store from './store.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * POST /users/{id}/convert_to_bot (system admins): the user becomes a bot owned by itself. Its
 * sessions end, since a bot never holds a password session.
 */
export async function convertUserToBot(app: App, session: Session, userId: string): Promise<store.BotRow> {
  requireSystemPermission(app, session, 'manage_system');
  const user = await users.findUser(app.db, userId);
  if (!user) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
  const now = Date.now();
  const alreadyBot = () =>
    badRequest('api.user.convert_user_to_bot.is_bot.app_error', 'This user is already a bot.');
  if (user.is_bot) throw alreadyBot();
  // Two conversions at once both pass the check above; the loser's insert hits the bots key
  // and gets the same answer as a later call, not a 500 (found by test/malformed-sweep.test.ts).
  await store
    .markUserAsBot(app.db, {
      user_id: userId,
      description: '',
      owner_id: userId,
      last_icon_update: 0,
      create_at: now,
      update_at: now,
      delete_at: user.delete_at,
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw alreadyBot();
      throw err;
    });
  await revokeAllSessionsOfUser(app, userId);
  const bot = await store.findBot(app.db, userId);
  if (!bot) throw botNotFound();
  const updated = await users.findUser(app.db, userId);
  if (updated) publishUserUpdated(app, updated);
  return bot;
}

/**
 * POST /bots/{id}/convert_to_user (system admins): the bot becomes a user who signs in with the
 * e-mail and password given in the body; `set_system_admin` makes them an admin.
 */
export async function convertBotToUser(
  app: App,
  session: Session,
  botUserId: string,
  patch: Record<string, unknown>,
  setSystemAdmin: boolean,
): Promise<users.UserRow> {
  requireSystemPermission(app, session, 'manage_system');
  const bot = await store.findBot(app.db, botUserId);
  if (!bot) throw botNotFound();
  const email = str(patch.email)?.trim().toLowerCase() ?? '';
  const password = str(patch.password) ?? '';
  if (!email || emailProblem(email)) throw invalidBodyParam('email');
  if (!password) throw invalidBodyParam('password');
  const pwProblem = passwordProblem(password, app.config.get().PasswordSettings);
  if (pwProblem) throw badRequest('model.user.is_valid.pwd.app_error', pwProblem);
  const username = str(patch.username)?.trim().toLowerCase();
  const nameProblem = username !== undefined ? usernameProblem(username) : null;
  if (nameProblem) throw badRequest('model.user.is_valid.username.app_error', nameProblem);
  const texts = {
    first_name: str(patch.first_name),
    last_name: str(patch.last_name),
    nickname: str(patch.nickname),
    position: str(patch.position),
  };
  const lengthProblem = fieldLengthProblem(texts);
  if (lengthProblem) throw badRequest('model.user.is_valid.app_error', lengthProblem);
  const change: store.UserFromBotChange = {
    email,
    password: await hashPassword(password, app.config.get().ParleySettings.PasswordHashIterations),
    roles: setSystemAdmin ? 'system_admin system_user' : 'system_user',
  };
  if (username !== undefined) change.username = username;
  for (const [key, value] of Object.entries(texts))
    if (value !== undefined) change[key as keyof typeof texts] = value;
  try {
    await store.unmarkBot(app.db, botUserId, change, Date.now());
  } catch (err) {
    const constraint = isUniqueViolation(err);
    if (constraint?.includes('email'))
      throw badRequest('app.user.save.email_exists.app_error', 'An account with that email already exists.');
    if (constraint)
      throw badRequest(
        'app.user.save.username_exists.app_error',
        'An account with that username already exists.',
      );
    throw err;
  }
  // Token sessions carry is_bot; they are rebuilt on next use with the user's new nature.
  await revokeAllSessionsOfUser(app, botUserId);
  const user = await users.findUser(app.db, botUserId);
  if (!user) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
  publishUserUpdated(app, user);
  return user;
}
