import type { Db } from '../db/connection.ts';
import { schemeRoles, type SchemeRoles } from './roles.ts';

/**
 * The role names the permission schemes give members' scheme flags, so that member JSON and role
 * updates use a scheme's role names as Mattermost does. One query for a whole list of members.
 */

/** At most this many teams or channels per look-up (member lists are bounded below this). */
const MAX_IDS = 10_000;

function distinct(ids: Iterable<string>): string[] {
  return [...new Set(ids)].filter(Boolean).slice(0, MAX_IDS);
}

/**
 * Channel id → the channel roles its members hold through their scheme flags: the channel's own
 * scheme, else its team's scheme. Channels on the built-in roles are absent.
 */
export async function channelSchemeRoles(
  db: Db,
  channelIds: Iterable<string>,
): Promise<Map<string, SchemeRoles>> {
  const ids = distinct(channelIds);
  const out = new Map<string, SchemeRoles>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('channels as c')
    .leftJoin('schemes as cs', (j) =>
      j.onRef('cs.id', '=', 'c.scheme_id').on('cs.delete_at', '=', 0).on('cs.scope', '=', 'channel'),
    )
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .leftJoin('schemes as ts', (j) =>
      j.onRef('ts.id', '=', 't.scheme_id').on('ts.delete_at', '=', 0).on('ts.scope', '=', 'team'),
    )
    .select([
      'c.id',
      'cs.default_channel_guest_role as cs_guest',
      'cs.default_channel_user_role as cs_user',
      'cs.default_channel_admin_role as cs_admin',
      'ts.default_channel_guest_role as ts_guest',
      'ts.default_channel_user_role as ts_user',
      'ts.default_channel_admin_role as ts_admin',
    ])
    .where('c.id', 'in', ids)
    .where((eb) => eb.or([eb('cs.id', 'is not', null), eb('ts.id', 'is not', null)]))
    .execute();
  for (const r of rows) {
    const roles =
      schemeRoles(r.cs_guest, r.cs_user, r.cs_admin) ?? schemeRoles(r.ts_guest, r.ts_user, r.ts_admin);
    if (roles) out.set(r.id, roles);
  }
  return out;
}

/** Team id → the team roles its members hold through their scheme flags; built-in teams are absent. */
export async function teamSchemeRoles(db: Db, teamIds: Iterable<string>): Promise<Map<string, SchemeRoles>> {
  const ids = distinct(teamIds);
  const out = new Map<string, SchemeRoles>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('teams as t')
    .innerJoin('schemes as ts', (j) =>
      j.onRef('ts.id', '=', 't.scheme_id').on('ts.delete_at', '=', 0).on('ts.scope', '=', 'team'),
    )
    .select([
      't.id',
      'ts.default_team_guest_role as guest',
      'ts.default_team_user_role as user',
      'ts.default_team_admin_role as admin',
    ])
    .where('t.id', 'in', ids)
    .execute();
  for (const r of rows) {
    const roles = schemeRoles(r.guest, r.user, r.admin);
    if (roles) out.set(r.id, roles);
  }
  return out;
}
