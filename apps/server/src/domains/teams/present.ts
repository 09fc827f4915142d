import type { TeamRow } from './store.ts';

/** Team JSON; the invite id and e-mail are shown only to those who may invite or manage. */
export function presentTeam(t: TeamRow, opts: { showInviteId: boolean }) {
  return {
    id: t.id,
    create_at: t.create_at,
    update_at: t.update_at,
    delete_at: t.delete_at,
    display_name: t.display_name,
    name: t.name,
    description: t.description,
    email: opts.showInviteId ? t.email : '',
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
