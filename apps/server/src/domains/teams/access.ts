import type { App, Session } from '../../app.ts';
import { forbidden } from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { teamMemberRoles } from '../../permissions/roles.ts';
import type { TeamVisibility } from './present.ts';
import * as store from './store.ts';

/**
 * The caller's standing in every team, loaded once, so lists of teams can be filtered and
 * sanitised without a permission query per team.
 */
export interface TeamViewer {
  can(teamId: string, permission: string): boolean;
  canView(team: store.TeamRow): boolean;
  visibility(teamId: string): TeamVisibility;
}

/** Open teams (type O that anyone may join) are readable by any user; others need view_team. */
export function isOpenTeam(team: { type: string; allow_open_invite: boolean }): boolean {
  return team.type === 'O' && team.allow_open_invite;
}

export async function teamViewer(app: App, session: Session): Promise<TeamViewer> {
  const rolesByTeam = new Map<string, string>();
  for (const m of await store.listMembershipsOfUser(app.db, session.userId)) {
    rolesByTeam.set(m.team_id, teamMemberRoles(m));
  }
  const can = (teamId: string, permission: string) => {
    if (hasPermissionToSystem(app, session, permission)) return true;
    const roles = rolesByTeam.get(teamId);
    return roles !== undefined && app.roles.grants(roles, permission);
  };
  return {
    can,
    canView: (team) => isOpenTeam(team) || can(team.id, 'view_team'),
    visibility: (teamId) => {
      if (can(teamId, 'manage_team')) return { showInviteId: true, showEmail: true };
      return { showInviteId: can(teamId, 'add_user_to_team'), showEmail: false };
    },
  };
}

/** Self, or a holder of edit_other_users (Mattermost's SessionHasPermissionToUser). */
export function requireSelfOrUserEditor(app: App, session: Session, userId: string): void {
  if (userId !== session.userId && !hasPermissionToSystem(app, session, 'edit_other_users')) {
    throw forbidden();
  }
}
