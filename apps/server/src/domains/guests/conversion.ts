import type { App, Session } from '../../app.ts';
import { AppError, badRequest, forbidden, notImplemented } from '../../errors/app-error.ts';
import { hasPermissionToSystem, requireSystemPermission } from '../../permissions/authorize.ts';
import { membersJson } from '../channels/member-json.ts';
import { teamMembersJson } from '../teams/member-json.ts';
import { getUserOr404, publishUserUpdated } from '../users/service.ts';
import { updateUser } from '../users/store.ts';
import { hasRole } from '../../permissions/roles.ts';
import { guestSettings } from './settings.ts';
import * as store from './store.ts';

/**
 * POST /users/{user_id}/promote (Mattermost's promoteGuestToUser): needs promote_guest; the guest
 * becomes system_user and every team and channel membership a user one.
 */
export async function promoteGuest(app: App, session: Session, userId: string): Promise<void> {
  requireSystemPermission(app, session, 'promote_guest');
  const user = await getUserOr404(app, userId);
  if (!hasRole(user.roles, 'system_guest'))
    throw notImplemented('api.user.promote_guest_to_user.no_guest.app_error', 'The user is not a guest.');
  const roles = replaceRoles(user.roles, ['system_guest'], 'system_user');
  await convert(app, userId, roles, false);
}

/**
 * POST /users/{user_id}/demote (Mattermost's demoteUserToGuest): guest accounts must be on, the
 * caller needs demote_to_guest, and demoting a system admin also needs manage_system. The user
 * keeps their teams and channels as guest; system_user and system_admin are taken away. Bots
 * cannot be guests.
 */
export async function demoteToGuest(app: App, session: Session, userId: string): Promise<void> {
  if (!guestSettings(app).Enable)
    throw notImplemented('api.team.demote_user_to_guest.disabled.error', 'Guest accounts are disabled.');
  requireSystemPermission(app, session, 'demote_to_guest');
  const user = await getUserOr404(app, userId);
  const names = user.roles.split(' ');
  if (names.includes('system_admin') && !hasPermissionToSystem(app, session, 'manage_system'))
    throw forbidden();
  if (hasRole(user.roles, 'system_guest'))
    throw notImplemented(
      'api.user.demote_user_to_guest.already_guest.app_error',
      'The user is already a guest.',
    );
  if (user.is_bot)
    throw badRequest('api.user.demote_user_to_guest.bot.app_error', 'A bot cannot be made a guest.');
  const roles = replaceRoles(user.roles, ['system_user', 'system_admin'], 'system_guest');
  await convert(app, userId, roles, true);
}

function replaceRoles(roles: string, remove: string[], add: string): string {
  return [...new Set([...roles.split(' ').filter((r) => r && !remove.includes(r)), add])].join(' ');
}

/**
 * Roles and memberships change in one transaction; then the user's open sessions pick up the new
 * roles at once (`user_role_updated` drops them from the session cache) and their clients learn of
 * every changed membership.
 */
async function convert(app: App, userId: string, roles: string, toGuest: boolean): Promise<void> {
  const result = await app.db.transaction().execute(async (trx) => {
    const user = await updateUser(trx, userId, { roles, update_at: Date.now() });
    if (!user) throw new AppError('app.user.missing_account.const', 'Unable to find the user.', 404);
    const teams = await store.setTeamMembershipsGuest(trx, userId, toGuest);
    const channels = await store.setChannelMembershipsGuest(trx, userId, toGuest);
    return { user, teams, channels };
  });
  app.events.publish({
    event: 'user_role_updated',
    data: { user_id: userId, roles: result.user.roles },
    broadcast: { userId },
  });
  publishUserUpdated(app, result.user);
  for (const member of await teamMembersJson(app.db, result.teams)) {
    app.events.publish({
      event: 'memberrole_updated',
      data: { member: JSON.stringify(member) },
      broadcast: { userId },
    });
  }
  for (const member of await membersJson(app.db, result.channels)) {
    app.events.publish({
      event: 'channel_member_updated',
      data: { channelMember: JSON.stringify(member) },
      broadcast: { userId },
    });
  }
}
