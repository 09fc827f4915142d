import type { App, Session } from '../../app.ts';
import { forbidden, notFound } from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import * as store from './store.ts';

export const botNotFound = () =>
  notFound('store.sql_bot.get.missing.app_error', 'Unable to find the existing bot.');

/**
 * Mattermost's SessionHasPermissionToManageBot: owners need manage_bots, everyone else
 * manage_others_bots. Callers who may not even read the bot are told it does not exist, so
 * probing ids never reveals which users are bots.
 */
export async function requireManageBot(app: App, session: Session, botUserId: string): Promise<store.BotRow> {
  const bot = await store.findBot(app.db, botUserId);
  if (!bot) throw botNotFound();
  const own = bot.owner_id === session.userId;
  const manage = own ? 'manage_bots' : 'manage_others_bots';
  const read = own ? 'read_bots' : 'read_others_bots';
  if (hasPermissionToSystem(app, session, manage)) return bot;
  if (!hasPermissionToSystem(app, session, read)) throw botNotFound();
  throw forbidden();
}

/** Mattermost's SessionHasPermissionToUserOrBot: self, edit_other_users, or a bot the caller manages. */
export async function hasPermissionToUserOrBot(app: App, session: Session, userId: string): Promise<boolean> {
  if (session.userId === userId || hasPermissionToSystem(app, session, 'edit_other_users')) return true;
  const bot = await store.findBot(app.db, userId);
  if (!bot) return false;
  const own = bot.owner_id === session.userId;
  return hasPermissionToSystem(app, session, own ? 'manage_bots' : 'manage_others_bots');
}
