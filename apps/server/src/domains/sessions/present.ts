import type { SessionRow } from './store.ts';

/** Session JSON without its token: only the hash is stored, and it is never shown. */
export function presentSession(s: SessionRow) {
  return {
    id: s.id,
    token: '',
    create_at: s.create_at,
    expires_at: s.expires_at,
    last_activity_at: s.last_activity_at,
    user_id: s.user_id,
    device_id: s.device_id,
    roles: s.roles,
    is_oauth: s.is_oauth,
    props: { ...s.props, csrf: '' },
    team_members: [],
    local: false,
  };
}
