import type { Db } from '../../db/connection.ts';
import { teamSchemeRoles } from '../../permissions/scheme-names.ts';
import { presentTeamMember } from './present.ts';
import type { TeamMemberRow } from './store.ts';

/** TeamMember JSON for a list of members, with their teams' scheme role names looked up in one query. */
export async function teamMembersJson(db: Db, rows: TeamMemberRow[]) {
  const schemes = await teamSchemeRoles(
    db,
    rows.map((m) => m.team_id),
  );
  return rows.map((m) => presentTeamMember(m, schemes.get(m.team_id)));
}

export async function teamMemberJson(db: Db, row: TeamMemberRow) {
  return (await teamMembersJson(db, [row]))[0];
}
