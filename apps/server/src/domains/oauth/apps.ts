import type { App, Session } from '../../app.ts';
import { forbidden, invalidParam, notFound, notImplemented } from '../../errors/app-error.ts';
import { newId } from '../../platform/ids.ts';
import { hasPermissionToSystem, requireSystemPermission } from '../../permissions/authorize.ts';
import { announceRevoked, hashToken } from '../sessions/service.ts';
import { appFields } from './policy.ts';
import * as store from './store.ts';

export const appNotFound = () =>
  notFound('app.oauth.get_app.find.app_error', 'Unable to find the OAuth app.');

/** ServiceSettings.EnableOAuthServiceProvider; every OAuth answer is 501 while it is off. */
export function requireProviderEnabled(app: App, id = 'api.oauth.allow_oauth.turn_off.app_error'): void {
  if (!app.config.get().ServiceSettings.EnableOAuthServiceProvider)
    throw notImplemented(id, 'The system admin has turned off OAuth service providing.');
}

/**
 * POST /oauth/apps: manage_oauth, then the switch (Mattermost's order). Only a system admin may
 * mark an app trusted (its users are not asked for consent). The secret is returned once.
 */
export async function createApp(
  app: App,
  session: Session,
  input: Record<string, unknown>,
): Promise<{ row: store.OAuthAppRow; secret: string }> {
  requireSystemPermission(app, session, 'manage_oauth');
  requireProviderEnabled(app, 'api.oauth.register_oauth_app.turn_off.app_error');
  const fields = appFields(input);
  if (!hasPermissionToSystem(app, session, 'manage_system')) fields.is_trusted = false;
  const now = Date.now();
  const secret = newId();
  const row: store.OAuthAppRow = {
    ...fields,
    id: newId(),
    creator_id: session.userId,
    create_at: now,
    update_at: now,
    client_secret_hash: hashToken(secret),
  };
  await store.insertApp(app.db, row);
  return { row, secret };
}

/** Admins (manage_system_wide_oauth) see every app, others with manage_oauth their own. */
export async function listApps(app: App, session: Session, limit: number, offset: number) {
  if (!hasPermissionToSystem(app, session, 'manage_oauth'))
    throw forbidden('api.command.admin_only.app_error', 'Only an admin can perform this action.');
  requireProviderEnabled(app);
  if (hasPermissionToSystem(app, session, 'manage_system_wide_oauth'))
    return store.listApps(app.db, limit, offset);
  return store.listAppsOfCreator(app.db, session.userId, limit, offset);
}

/** An app the caller manages: manage_oauth, and its creator or manage_system_wide_oauth. */
export async function managedApp(app: App, session: Session, appId: string): Promise<store.OAuthAppRow> {
  requireSystemPermission(app, session, 'manage_oauth');
  requireProviderEnabled(app);
  const row = await store.findApp(app.db, appId);
  if (!row) throw appNotFound();
  if (row.creator_id !== session.userId && !hasPermissionToSystem(app, session, 'manage_system_wide_oauth'))
    throw forbidden();
  return row;
}

/** GET /oauth/apps/{id}/info: what a consent screen shows, for any signed-in user. */
export async function appInfo(app: App, appId: string): Promise<store.OAuthAppRow> {
  requireProviderEnabled(app);
  const row = await store.findApp(app.db, appId);
  if (!row) throw appNotFound();
  return row;
}

/** PUT /oauth/apps/{id}: the body's id must be the URL's; is_trusted stays unless manage_system. */
export async function updateApp(
  app: App,
  session: Session,
  appId: string,
  input: Record<string, unknown>,
): Promise<store.OAuthAppRow> {
  requireSystemPermission(app, session, 'manage_oauth');
  if (input.id !== appId) throw invalidParam('app_id');
  const old = await managedApp(app, session, appId);
  const fields = appFields(input);
  if (!hasPermissionToSystem(app, session, 'manage_system')) fields.is_trusted = old.is_trusted;
  const updated = await store.updateApp(app.db, appId, { ...fields, update_at: Date.now() });
  if (!updated) throw appNotFound();
  return updated;
}

/** Deleting an app ends every access token issued for it, and their sockets. */
export async function deleteApp(app: App, session: Session, appId: string): Promise<void> {
  const row = await managedApp(app, session, appId);
  announceRevoked(app, await store.deleteAppWithSessions(app.db, row.id));
}

/**
 * A new secret, returned once. Tokens already issued keep working; refreshing them needs the
 * new secret.
 */
export async function regenerateSecret(
  app: App,
  session: Session,
  appId: string,
): Promise<{ row: store.OAuthAppRow; secret: string }> {
  const old = await managedApp(app, session, appId);
  const secret = newId();
  const row = await store.setAppSecret(app.db, old.id, hashToken(secret), Date.now());
  if (!row) throw appNotFound();
  return { row, secret };
}
