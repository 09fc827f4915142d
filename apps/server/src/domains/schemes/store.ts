import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { RolesTable, SchemesTable } from '../../db/schema.ts';

export type SchemeRow = Selectable<SchemesTable>;

/** A scheme by id, deleted ones included (Mattermost's GET /schemes/{id} shows them). */
export async function findScheme(db: Db, id: string): Promise<SchemeRow | undefined> {
  return db.selectFrom('schemes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSchemeByName(db: Db, name: string): Promise<SchemeRow | undefined> {
  return db.selectFrom('schemes').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Live schemes, newest first, optionally of one scope. */
export async function listSchemes(
  db: Db,
  scope: string,
  offset: number,
  limit: number,
): Promise<SchemeRow[]> {
  let q = db.selectFrom('schemes').selectAll().where('delete_at', '=', 0);
  if (scope) q = q.where('scope', '=', scope);
  return q.orderBy('create_at', 'desc').orderBy('id').offset(offset).limit(limit).execute();
}

export async function insertRoles(db: Db, rows: Insertable<RolesTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('roles').values(rows).execute();
}

export async function insertScheme(db: Db, row: Insertable<SchemesTable>): Promise<SchemeRow> {
  return db.insertInto('schemes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateScheme(
  db: Db,
  id: string,
  values: { name?: string; display_name?: string; description?: string; update_at: number },
): Promise<SchemeRow | undefined> {
  return db
    .updateTable('schemes')
    .set(values)
    .where('id', '=', id)
    .where('delete_at', '=', 0)
    .returningAll()
    .executeTakeFirst();
}

export async function softDeleteScheme(db: Db, id: string, at: number): Promise<SchemeRow | undefined> {
  return db
    .updateTable('schemes')
    .set({ delete_at: at, update_at: at })
    .where('id', '=', id)
    .where('delete_at', '=', 0)
    .returningAll()
    .executeTakeFirst();
}

export async function softDeleteRoles(db: Db, names: string[], at: number): Promise<void> {
  if (names.length === 0) return;
  await db.updateTable('roles').set({ delete_at: at, update_at: at }).where('name', 'in', names).execute();
}

/** Teams and channels using a deleted scheme fall back to the defaults (scheme_id cleared). */
export async function clearTeamsScheme(db: Db, schemeId: string, at: number): Promise<void> {
  await db
    .updateTable('teams')
    .set({ scheme_id: '', update_at: at })
    .where('scheme_id', '=', schemeId)
    .execute();
}

export async function clearChannelsScheme(db: Db, schemeId: string, at: number): Promise<void> {
  await db
    .updateTable('channels')
    .set({ scheme_id: '', update_at: at })
    .where('scheme_id', '=', schemeId)
    .execute();
}

export async function listTeamsOfScheme(db: Db, schemeId: string, offset: number, limit: number) {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .orderBy('display_name')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function listChannelsOfScheme(db: Db, schemeId: string, offset: number, limit: number) {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .orderBy('display_name')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function findTeamRow(db: Db, id: string) {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setTeamScheme(db: Db, teamId: string, schemeId: string, at: number) {
  return db
    .updateTable('teams')
    .set({ scheme_id: schemeId, update_at: at })
    .where('id', '=', teamId)
    .returningAll()
    .executeTakeFirst();
}

export async function setChannelScheme(db: Db, channelId: string, schemeId: string, at: number) {
  return db
    .updateTable('channels')
    .set({ scheme_id: schemeId, update_at: at })
    .where('id', '=', channelId)
    .returningAll()
    .executeTakeFirst();
}

/**
 * A channel with its own live scheme's member/guest roles and its team's scheme's channel
 * roles (the "higher scope" of moderation), in one query.
 */
export async function findChannelWithSchemes(db: Db, channelId: string) {
  return db
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
      'c.type',
      'c.team_id',
      'c.delete_at',
      'cs.id as own_scheme_id',
      'cs.default_channel_user_role as own_user',
      'cs.default_channel_guest_role as own_guest',
      'ts.default_channel_user_role as team_user',
      'ts.default_channel_guest_role as team_guest',
    ])
    .where('c.id', '=', channelId)
    .executeTakeFirst();
}

export async function updateRolePermissions(db: Db, name: string, permissions: string[], at: number) {
  return db
    .updateTable('roles')
    .set({ permissions, update_at: at })
    .where('name', '=', name)
    .returningAll()
    .executeTakeFirst();
}
