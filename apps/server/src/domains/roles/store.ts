import type { Db } from '../../db/connection.ts';
import type { RoleRow } from '../../permissions/catalog.ts';

/** Upper bound on GET /roles: built-in roles plus scheme roles stay far below it. */
const MAX_ROLES = 1000;

export async function findRoleById(db: Db, id: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRoleByName(db: Db, name: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findRolesByNames(db: Db, names: string[]): Promise<RoleRow[]> {
  if (names.length === 0) return [];
  return db.selectFrom('roles').selectAll().where('name', 'in', names).orderBy('name').execute();
}

export async function listRoles(db: Db): Promise<RoleRow[]> {
  return db
    .selectFrom('roles')
    .selectAll()
    .where('delete_at', '=', 0)
    .orderBy('name')
    .limit(MAX_ROLES)
    .execute();
}

export async function updateRolePermissions(
  db: Db,
  id: string,
  permissions: string[],
  updateAt: number,
): Promise<RoleRow | undefined> {
  return db
    .updateTable('roles')
    .set({ permissions, update_at: updateAt })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
