import { ALL_PERMISSIONS, DEPRECATED_PERMISSIONS } from '../../permissions/builtin-roles.ts';

/** Mattermost's role rules (model/role.go, api4/role.go) as pure functions. */

const ROLE_NAME = /^[a-z0-9_]{1,64}$/;

export function isValidRoleName(name: string): boolean {
  return ROLE_NAME.test(name);
}

/** Roles whose permissions only a holder of manage_system may change. */
const PROTECTED_SYSTEM_ROLES = new Set([
  'system_admin',
  'system_user_manager',
  'system_read_only_admin',
  'system_manager',
]);

/** Roles edited on the System Console's permission-scheme page rather than its system-roles page. */
const SCHEME_EDITABLE_ROLES = new Set([
  'team_admin',
  'channel_admin',
  'system_user',
  'team_user',
  'channel_user',
  'system_guest',
  'team_guest',
  'channel_guest',
  'playbook_admin',
  'playbook_member',
  'run_admin',
  'run_member',
]);

/** The permissions the caller must hold (all of them) to patch the role named `name`. */
export function permissionsToPatch(name: string): string[] {
  const first = PROTECTED_SYSTEM_ROLES.has(name)
    ? 'manage_system'
    : 'sysconsole_write_user_management_permissions';
  const second = SCHEME_EDITABLE_ROLES.has(name)
    ? 'sysconsole_write_user_management_permissions'
    : 'sysconsole_write_user_management_system_roles';
  return [...new Set([first, second])];
}

/** Permissions no role patch may add or remove: they would let an admin escalate role editing. */
const FROZEN_PERMISSIONS = new Set([
  'sysconsole_write_user_management_system_roles',
  'sysconsole_read_user_management_system_roles',
  'manage_roles',
]);

/** The first frozen permission the patch adds or removes, or null. */
export function frozenPermissionChanged(before: readonly string[], after: readonly string[]): string | null {
  const was = new Set(before);
  const now = new Set(after);
  for (const p of FROZEN_PERMISSIONS) if (was.has(p) !== now.has(p)) return p;
  return null;
}

const KNOWN_PERMISSIONS = new Set([...ALL_PERMISSIONS, ...DEPRECATED_PERMISSIONS]);

/** The first permission id Mattermost would not accept in a role, or null. */
export function unknownPermission(permissions: readonly string[]): string | null {
  return permissions.find((p) => !KNOWN_PERMISSIONS.has(p)) ?? null;
}
