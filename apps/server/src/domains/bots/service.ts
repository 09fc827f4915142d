import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, invalidBodyParam, notFound } from '../../errors/app-error.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hasPermissionToSystem, requireSystemPermission } from '../../permissions/authorize.ts';
import { revokeAllSessionsOfUser } from '../sessions/service.ts';
import * as users from '../users/store.ts';
import { publishUserUpdated } from '../users/service.ts';
import { defaultNotifyProps } from '../users/present.ts';
import { botNotFound, requireManageBot } from './access.ts';
import { botProblem } from './policy.ts';
import * as store from './store.ts';

export interface BotInput {
  username?: unknown;
  display_name?: unknown;
  description?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function botFields(input: BotInput): store.BotProfileChange {
  for (const key of ['username', 'display_name', 'description'] as const) {
    if (input[key] !== undefined && typeof input[key] !== 'string') throw invalidBodyParam(key);
  }
  const fields: store.BotProfileChange = {
    username: str(input.username)?.trim().toLowerCase(),
    display_name: str(input.display_name),
    description: str(input.description),
  };
  const problem = botProblem(fields);
  if (problem) throw badRequest(problem.id, problem.message);
  return fields;
}

function usernameTaken(err: unknown) {
  return isUniqueViolation(err)
    ? badRequest('app.user.save.username_exists.app_error', 'An account with that username already exists.')
    : null;
}

async function reload(app: App, userId: string): Promise<store.BotRow> {
  const bot = await store.findBot(app.db, userId);
  if (!bot) throw botNotFound();
  return bot;
}

async function announceUser(app: App, userId: string): Promise<void> {
  const user = await users.findUser(app.db, userId);
  if (user) publishUserUpdated(app, user);
}

/**
 * POST /bots: a user with is_bot owned by the caller. Bots may not create bots; the permission is
 * checked before the switch, as Mattermost does (403 api.bot.create_disabled when off).
 */
export async function createBot(app: App, session: Session, input: BotInput): Promise<store.BotRow> {
  requireSystemPermission(app, session, 'create_bot');
  const caller = await users.findUser(app.db, session.userId);
  if (!caller || caller.is_bot) throw forbidden();
  if (!app.config.get().ServiceSettings.EnableBotAccountCreation) {
    throw forbidden('api.bot.create_disabled', 'Bot creation has been disabled.');
  }
  const fields = botFields(input);
  if (!fields.username) throw badRequest('model.bot.is_valid.username.app_error', 'Invalid username.');
  const now = Date.now();
  const id = newId();
  try {
    await store.insertBotUser(
      app.db,
      {
        id,
        create_at: now,
        update_at: now,
        username: fields.username,
        // Mattermost's UserFromBot: a placeholder address and no password, so it cannot sign in.
        email: `${fields.username}@localhost`,
        email_verified: true,
        first_name: fields.display_name ?? '',
        roles: 'system_user',
        is_bot: true,
        bot_description: fields.description ?? '',
        notify_props: defaultNotifyProps(),
      },
      {
        user_id: id,
        description: fields.description ?? '',
        owner_id: session.userId,
        last_icon_update: 0,
        create_at: now,
        update_at: now,
        delete_at: 0,
      },
    );
  } catch (err) {
    throw usernameTaken(err) ?? err;
  }
  return reload(app, id);
}

export async function patchBot(app: App, session: Session, botUserId: string, input: BotInput) {
  await requireManageBot(app, session, botUserId);
  const fields = botFields(input);
  try {
    await store.updateBotProfile(app.db, botUserId, fields, Date.now());
  } catch (err) {
    throw usernameTaken(err) ?? err;
  }
  await announceUser(app, botUserId);
  return reload(app, botUserId);
}

/**
 * GET /bots/{id}: read_others_bots sees any bot, owners with read_bots their own; everyone else is
 * told it does not exist, so the answer never reveals that a user is a bot.
 */
export async function getBot(app: App, session: Session, botUserId: string, includeDeleted: boolean) {
  const bot = await store.findBot(app.db, botUserId);
  if (!bot || (bot.delete_at !== 0 && !includeDeleted)) throw botNotFound();
  if (hasPermissionToSystem(app, session, 'read_others_bots')) return bot;
  if (bot.owner_id === session.userId && hasPermissionToSystem(app, session, 'read_bots')) return bot;
  throw botNotFound();
}

export async function listBots(
  app: App,
  session: Session,
  f: { includeDeleted: boolean; onlyOrphaned: boolean; limit: number; offset: number },
) {
  let ownerId: string | undefined;
  if (!hasPermissionToSystem(app, session, 'read_others_bots')) {
    requireSystemPermission(app, session, 'read_bots');
    ownerId = session.userId;
  }
  return store.listBots(app.db, { ...f, ownerId });
}

/** Disabling deactivates the bot's user: its sessions and tokens stop working at once. */
export async function setBotActive(app: App, session: Session, botUserId: string, active: boolean) {
  const bot = await requireManageBot(app, session, botUserId);
  const now = Date.now();
  await store.setBotDeleteAt(app.db, botUserId, active ? 0 : bot.delete_at || now, now);
  if (!active) await revokeAllSessionsOfUser(app, botUserId);
  await announceUser(app, botUserId);
  return reload(app, botUserId);
}

/** Hands a bot to another (human) user. */
export async function assignBot(app: App, session: Session, botUserId: string, ownerId: string) {
  await requireManageBot(app, session, botUserId);
  requireSystemPermission(app, session, 'assign_bot');
  const owner = await users.findUser(app.db, ownerId);
  if (!owner) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
  if (owner.is_bot) throw forbidden();
  await store.setBotOwner(app.db, botUserId, ownerId, Date.now());
  return reload(app, botUserId);
}
