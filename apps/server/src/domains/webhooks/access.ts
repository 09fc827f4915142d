import type { App, Session } from '../../app.ts';
import { notFound, notImplemented } from '../../errors/app-error.ts';
import { hasPermissionToTeam, requireTeamPermission } from '../../permissions/authorize.ts';
import type { UserRow } from '../users/store.ts';

/** Feature switches and the own/others rule shared by incoming and outgoing hooks. */

export function requireIncomingEnabled(app: App): void {
  if (!app.config.get().ServiceSettings.EnableIncomingWebhooks)
    throw notImplemented(
      'api.incoming_webhook.disabled.app_error',
      'Incoming webhooks have been disabled by the system admin.',
    );
}

export function requireOutgoingEnabled(app: App): void {
  if (!app.config.get().ServiceSettings.EnableOutgoingWebhooks)
    throw notImplemented(
      'api.outgoing_webhook.disabled.app_error',
      'Outgoing webhooks have been disabled by the system admin.',
    );
}

export type HookKind = 'incoming' | 'outgoing';

/**
 * manage_own_<kind>_webhooks in the hook's team, and manage_others_<kind>_webhooks as well for a
 * hook someone else owns.
 */
export async function requireHookManager(
  app: App,
  session: Session,
  kind: HookKind,
  teamId: string,
  ownerId: string,
): Promise<void> {
  await requireTeamPermission(app, session, teamId, `manage_own_${kind}_webhooks`);
  if (ownerId !== session.userId)
    await requireTeamPermission(app, session, teamId, `manage_others_${kind}_webhooks`);
}

export async function canManageOthers(app: App, session: Session, kind: HookKind, teamId: string) {
  return hasPermissionToTeam(app, session, teamId, `manage_others_${kind}_webhooks`);
}

export const userNotFound = () => notFound('app.user.missing_account.const', 'Unable to find the user.');

/**
 * The hook owner as the author of what a hook does: their roles decide what the hook may reach,
 * exactly as if they acted themselves.
 */
export function actingSession(user: UserRow): Session {
  return {
    id: '',
    userId: user.id,
    roles: user.roles,
    createAt: 0,
    expiresAt: 0,
    lastActivityAt: 0,
    deviceId: '',
    isOAuth: false,
    props: {},
  };
}
