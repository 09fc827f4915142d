import type { Db } from '../db/connection.ts';
import type { RolesTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';
import { newId } from '../platform/ids.ts';
import { BUILTIN_ROLES } from './builtin-roles.ts';

export type RoleRow = Selectable<RolesTable>;

/**
 * Every role and its permissions, held in memory: a permission check is a set lookup.
 * Built-in roles are written to the database on first start, so admins can change them later.
 */
export class RoleCatalog {
  private byName = new Map<string, RoleRow>();
  private permissionsByName = new Map<string, Set<string>>();
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async load(): Promise<void> {
    const now = Date.now();
    await this.db
      .insertInto('roles')
      .values(
        BUILTIN_ROLES.map((r) => ({
          id: newId(),
          name: r.name,
          display_name: r.display_name,
          description: r.description,
          create_at: now,
          update_at: now,
          permissions: [...r.permissions],
          scheme_managed: r.scheme_managed,
          built_in: true,
        })),
      )
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const rows = await this.db.selectFrom('roles').selectAll().execute();
    this.byName = new Map(rows.map((r) => [r.name, r]));
    this.permissionsByName = new Map(rows.map((r) => [r.name, new Set(r.permissions)]));
  }

  get(name: string): RoleRow | undefined {
    return this.byName.get(name);
  }

  getById(id: string): RoleRow | undefined {
    for (const role of this.byName.values()) if (role.id === id) return role;
    return undefined;
  }

  /** True when any of the space-separated `roles` grants `permission`. */
  grants(roles: string, permission: string): boolean {
    for (const name of roles.split(' ')) {
      if (name && this.permissionsByName.get(name)?.has(permission)) return true;
    }
    return false;
  }
}
