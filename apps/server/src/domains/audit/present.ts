import type { AuditRow } from './store.ts';

/** Mattermost's Audit JSON, plus the caller's user agent (Parley's addition). */
export function presentAudit(row: AuditRow) {
  return {
    id: row.id,
    create_at: row.create_at,
    user_id: row.user_id,
    action: row.action,
    extra_info: row.extra_info,
    ip_address: row.ip_address,
    session_id: row.session_id,
    user_agent: row.user_agent,
  };
}
