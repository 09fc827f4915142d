import type { App, Session } from '../../app.ts';
import { forbidden } from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { teamMemberRoles } from '../../permissions/roles.ts';
import * as store from './store.ts';

export type Restriction = store.Restriction;

/**
 * Which users the caller may see (Mattermost's GetViewUsersRestrictions): everyone with the
 * system-wide view_members permission (every ordinary user); otherwise only channel-mates and the
 * members of teams where a team role grants view_members. Guests hold neither, so they see only
 * the people they share a channel with. Null means no restriction.
 */
export async function restrictionFor(app: App, session: Session): Promise<Restriction | null> {
  if (hasPermissionToSystem(app, session, 'view_members')) return null;
  const memberships = await store.teamMembershipsOf(app.db, session.userId);
  const teamIds = memberships
    .filter((m) => app.roles.grants(teamMemberRoles(m), 'view_members'))
    .map((m) => m.team_id);
  return { viewerId: session.userId, teamIds };
}

/** Keeps the rows the caller may see, in their order. */
export async function filterVisible<T extends { id: string }>(
  app: App,
  session: Session,
  rows: T[],
): Promise<T[]> {
  const restriction = await restrictionFor(app, session);
  if (!restriction) return rows;
  const visible = await store.visibleAmong(
    app.db,
    restriction,
    rows.map((r) => r.id),
  );
  return rows.filter((r) => visible.has(r.id));
}

/** 403 (Mattermost's permission error on view_members) unless the caller may see all these users. */
export async function requireCanSee(app: App, session: Session, userIds: string[]): Promise<void> {
  const others = [...new Set(userIds)].filter((id) => id !== session.userId);
  if (others.length === 0) return;
  const restriction = await restrictionFor(app, session);
  if (!restriction) return;
  const visible = await store.visibleAmong(app.db, restriction, others);
  if (others.some((id) => !visible.has(id))) throw forbidden();
}
