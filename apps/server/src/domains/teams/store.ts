import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { TeamsTable } from '../../db/schema.ts';

export type TeamRow = Selectable<TeamsTable>;

export async function insertTeam(db: Db, row: Insertable<TeamsTable>): Promise<TeamRow> {
  return db.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findTeam(db: Db, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTeamByName(db: Db, name: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('name', '=', name.toLowerCase()).executeTakeFirst();
}
