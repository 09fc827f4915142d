import type { SchemeRow } from './store.ts';

/** model.Scheme. Playbook and run roles are not kept by this server: always "". */
export function presentScheme(s: SchemeRow) {
  return {
    id: s.id,
    name: s.name,
    display_name: s.display_name,
    description: s.description,
    create_at: s.create_at,
    update_at: s.update_at,
    delete_at: s.delete_at,
    scope: s.scope,
    default_team_admin_role: s.default_team_admin_role,
    default_team_user_role: s.default_team_user_role,
    default_team_guest_role: s.default_team_guest_role,
    default_channel_admin_role: s.default_channel_admin_role,
    default_channel_user_role: s.default_channel_user_role,
    default_channel_guest_role: s.default_channel_guest_role,
    default_playbook_admin_role: '',
    default_playbook_member_role: '',
    default_run_admin_role: '',
    default_run_member_role: '',
  };
}

/** The names of the roles a scheme owns. */
export function schemeRoleNames(s: SchemeRow): string[] {
  return [
    s.default_team_admin_role,
    s.default_team_user_role,
    s.default_team_guest_role,
    s.default_channel_admin_role,
    s.default_channel_user_role,
    s.default_channel_guest_role,
  ].filter(Boolean);
}
