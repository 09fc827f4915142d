import type { Role } from '@mattermost/types/roles';
import type { RoleRow } from '../../permissions/catalog.ts';

/** A role as Mattermost serialises model.Role. */
export function presentRole(r: RoleRow): Role {
  return {
    id: r.id,
    name: r.name,
    display_name: r.display_name,
    description: r.description,
    create_at: r.create_at,
    update_at: r.update_at,
    delete_at: r.delete_at,
    permissions: [...r.permissions],
    scheme_managed: r.scheme_managed,
    built_in: r.built_in,
  };
}
