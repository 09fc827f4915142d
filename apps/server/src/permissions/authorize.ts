import type { App, Session } from '../app.ts';
import { forbidden } from '../errors/app-error.ts';
import { standingGrants } from './roles.ts';
import { findChannelRoles, findTeamRoles } from './store.ts';

/**
 * The one permission mechanism (Mattermost's SessionHasPermissionTo*): a permission held through
 * system roles applies everywhere; team roles apply inside the team; channel roles inside the channel.
 * Team and channel roles are those of the team's or channel's permission scheme, if it has one.
 */
export function hasPermissionToSystem(app: App, session: Session, permission: string): boolean {
  return app.roles.grants(session.roles, permission);
}

export async function hasPermissionToTeam(
  app: App,
  session: Session,
  teamId: string,
  permission: string,
): Promise<boolean> {
  if (hasPermissionToSystem(app, session, permission)) return true;
  const teamRoles = await findTeamRoles(app.db, teamId, session.userId);
  return teamRoles !== null && app.roles.grants(teamRoles, permission);
}

export async function hasPermissionToChannel(
  app: App,
  session: Session,
  channelId: string,
  permission: string,
): Promise<boolean> {
  if (hasPermissionToSystem(app, session, permission)) return true;
  const found = await findChannelRoles(app.db, channelId, session.userId);
  if (!found) return false;
  const grants = (roles: string, p: string) => app.roles.grants(roles, p);
  if (found.channel !== null && standingGrants(grants, found.channel, permission)) return true;
  return found.teamRoles !== null && app.roles.grants(found.teamRoles, permission);
}

export function requireSystemPermission(app: App, session: Session, permission: string): void {
  if (!hasPermissionToSystem(app, session, permission)) throw forbidden();
}

export async function requireTeamPermission(app: App, session: Session, teamId: string, permission: string) {
  if (!(await hasPermissionToTeam(app, session, teamId, permission))) throw forbidden();
}

export async function requireChannelPermission(
  app: App,
  session: Session,
  channelId: string,
  permission: string,
) {
  if (!(await hasPermissionToChannel(app, session, channelId, permission))) throw forbidden();
}
