import { teamMemberRoles, type SchemeRoles } from '../../permissions/roles.ts';
import type { TeamMemberRow, TeamRow, TeamUnreadRow } from './store.ts';

/**
 * How much of a team the viewer may see (Mattermost's sanitizeTeam): managers see everything,
 * those who may invite see the invite id, everyone else neither the invite id nor the e-mail.
 */
export interface TeamVisibility {
  showInviteId: boolean;
  showEmail?: boolean;
}

export function presentTeam(t: TeamRow, opts: TeamVisibility) {
  return {
    id: t.id,
    create_at: t.create_at,
    update_at: t.update_at,
    delete_at: t.delete_at,
    display_name: t.display_name,
    name: t.name,
    description: t.description,
    email: (opts.showEmail ?? opts.showInviteId) ? t.email : '',
    type: t.type,
    company_name: t.company_name,
    allowed_domains: t.allowed_domains,
    invite_id: opts.showInviteId ? t.invite_id : '',
    allow_open_invite: t.allow_open_invite,
    scheme_id: t.scheme_id ?? '',
    group_constrained: t.group_constrained,
    policy_id: null,
    last_team_icon_update: t.last_team_icon_update,
  };
}

/**
 * TeamMember JSON: `roles` carries the explicit roles plus those implied by the scheme flags,
 * named by the team's permission scheme (`scheme`) when it has one.
 */
export function presentTeamMember(m: TeamMemberRow, scheme?: SchemeRoles | null) {
  return {
    team_id: m.team_id,
    user_id: m.user_id,
    roles: teamMemberRoles(m, scheme),
    delete_at: m.delete_at,
    scheme_guest: m.scheme_guest,
    scheme_user: m.scheme_user,
    scheme_admin: m.scheme_admin,
    explicit_roles: m.roles,
  };
}

/** TeamUnread JSON; thread counters stay 0 until collapsed threads are tracked per user. */
export function presentTeamUnread(u: TeamUnreadRow) {
  return {
    team_id: u.team_id,
    msg_count: u.msg_count,
    mention_count: u.mention_count,
    msg_count_root: u.msg_count_root,
    mention_count_root: u.mention_count_root,
    thread_count: 0,
    thread_mention_count: 0,
    thread_urgent_mention_count: 0,
  };
}
