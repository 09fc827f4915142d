import type { App, Session } from '../../app.ts';
import type { RoleRow } from '../../permissions/catalog.ts';
import { requireSystemPermission } from '../../permissions/authorize.ts';
import { badRequest, invalidParam, notFound, notImplemented } from '../../errors/app-error.ts';
import { frozenPermissionChanged, isValidRoleName, permissionsToPatch, unknownPermission } from './policy.ts';
import { presentRole } from './present.ts';
import * as store from './store.ts';

/** Most role names one POST /roles/names may ask for. */
export const MAX_ROLE_NAMES = 100;

const roleNotFound = () => notFound('app.role.get.app_error', 'Unable to get role.');

export async function getRole(app: App, id: string): Promise<RoleRow> {
  const role = await store.findRoleById(app.db, id);
  if (!role) throw roleNotFound();
  return role;
}

export async function getRoleByName(app: App, name: string): Promise<RoleRow> {
  const role = await store.findRoleByName(app.db, name);
  if (!role) throw notFound('app.role.get_by_name.app_error', 'Unable to get role.');
  return role;
}

/**
 * POST /roles/names. Any signed-in user may read roles: clients evaluate permissions locally.
 * Names are trimmed; unknown names are skipped; a malformed name is a 400.
 */
export async function getRolesByNames(app: App, body: unknown): Promise<RoleRow[]> {
  if (!Array.isArray(body) || body.length === 0) throw invalidParam('rolenames');
  if (body.length > MAX_ROLE_NAMES) {
    throw badRequest(
      'api.context.invalid_param.app_error',
      `At most ${MAX_ROLE_NAMES} role names per request.`,
    );
  }
  const names = new Set<string>();
  for (const raw of body) {
    const name = typeof raw === 'string' ? raw.trim() : '';
    if (!isValidRoleName(name)) throw invalidParam('rolename');
    names.add(name);
  }
  return store.findRolesByNames(app.db, [...names]);
}

export async function listRoles(app: App, session: Session): Promise<RoleRow[]> {
  requireSystemPermission(app, session, 'manage_system');
  return store.listRoles(app.db);
}

/**
 * PUT /roles/{role_id}/patch: replaces the role's permissions. Every signed-in client holding the
 * role re-reads it from the role_updated event.
 */
export async function patchRole(app: App, session: Session, id: string, patch: unknown): Promise<RoleRow> {
  const permissions = (patch as { permissions?: unknown } | null)?.permissions;
  if (
    typeof patch !== 'object' ||
    patch === null ||
    (permissions !== undefined &&
      (!Array.isArray(permissions) || permissions.some((p) => typeof p !== 'string')))
  ) {
    throw invalidParam('role');
  }
  const role = await getRole(app, id);
  for (const permission of permissionsToPatch(role.name)) requireSystemPermission(app, session, permission);
  if (permissions === undefined) return role;

  const next = [...new Set(permissions as string[])];
  const frozen = frozenPermissionChanged(role.permissions, next);
  if (frozen) {
    throw notImplemented(
      'api.roles.patch_roles.not_allowed_permission.error',
      `Cannot add or remove permission: ${frozen}.`,
    );
  }
  const unknown = unknownPermission(next);
  if (unknown) throw badRequest('model.role.is_valid.app_error', `Unknown permission: ${unknown}.`);

  const updated = await store.updateRolePermissions(app.db, role.id, next, Date.now());
  if (!updated) throw roleNotFound();
  await app.roles.refresh();
  app.events.publish({
    event: 'role_updated',
    data: { role: JSON.stringify(presentRole(updated)) },
    broadcast: {},
  });
  return updated;
}
