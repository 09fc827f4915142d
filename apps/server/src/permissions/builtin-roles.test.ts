import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALL_PERMISSIONS,
  BUILTIN_ROLES,
  DEPRECATED_PERMISSIONS,
  SYSCONSOLE_ANCILLARY_PERMISSIONS,
  withAncillaryPermissions,
} from './builtin-roles.ts';
import type { BuiltinRole } from './builtin-roles.ts';

function byName(name: string): BuiltinRole {
  const found = BUILTIN_ROLES.find((r) => r.name === name);
  assert.ok(found, `missing built-in role ${name}`);
  return found;
}

const has = (name: string, permission: string) => byName(name).permissions.includes(permission);

test('every role Parley relies on is defined, once', () => {
  const names = BUILTIN_ROLES.map((r) => r.name);
  assert.equal(new Set(names).size, names.length);
  for (const name of [
    'system_admin',
    'system_user',
    'system_guest',
    'system_user_access_token',
    'system_post_all',
    'system_post_all_public',
    'system_user_manager',
    'system_read_only_admin',
    'system_manager',
    'system_custom_group_admin',
    'team_admin',
    'team_user',
    'team_guest',
    'team_post_all',
    'team_post_all_public',
    'channel_admin',
    'channel_user',
    'channel_guest',
  ]) {
    byName(name);
  }
});

test('no list holds a duplicate', () => {
  assert.equal(new Set(ALL_PERMISSIONS).size, ALL_PERMISSIONS.length);
  for (const role of BUILTIN_ROLES) {
    assert.equal(new Set(role.permissions).size, role.permissions.length, `duplicate in ${role.name}`);
  }
});

test('permission ids look like Mattermost ids and deprecated ones are not current', () => {
  for (const id of ALL_PERMISSIONS) assert.match(id, /^[a-z0-9_]+$/);
  for (const id of DEPRECATED_PERMISSIONS) assert.ok(!ALL_PERMISSIONS.includes(id), id);
  assert.ok(ALL_PERMISSIONS.includes('sysconsole_read_site_ip_filters'));
  assert.ok(ALL_PERMISSIONS.includes('sysconsole_write_user_management_system_roles'));
});

test('system_admin holds every permission, including everything any other role has', () => {
  const admin = byName('system_admin');
  assert.deepEqual(admin.permissions, [...ALL_PERMISSIONS]);
  assert.ok(admin.permissions.includes('manage_system'));
  const granted = new Set(admin.permissions);
  for (const role of BUILTIN_ROLES) {
    for (const permission of role.permissions) {
      assert.ok(granted.has(permission), `${role.name} has ${permission}, system_admin does not`);
    }
  }
});

test('default grants of the everyday roles', () => {
  assert.ok(has('system_user', 'create_direct_channel'));
  assert.ok(has('system_user', 'create_group_channel'));
  assert.ok(has('system_user', 'create_team'));
  assert.ok(!has('system_user', 'manage_system'));
  assert.ok(has('system_guest', 'create_direct_channel'));
  assert.ok(!has('system_guest', 'create_team'));

  assert.ok(has('team_user', 'view_team'));
  assert.ok(has('team_user', 'create_public_channel'));
  assert.ok(has('team_user', 'join_public_channels'));
  assert.ok(has('team_admin', 'manage_team'));
  assert.ok(has('team_admin', 'remove_user_from_team'));
  assert.deepEqual(byName('team_guest').permissions, ['view_team']);

  assert.ok(has('channel_user', 'create_post'));
  assert.ok(has('channel_user', 'read_channel'));
  assert.ok(has('channel_user', 'manage_public_channel_members'));
  assert.ok(has('channel_user', 'delete_private_channel'));
  assert.ok(!has('channel_user', 'manage_channel_roles'));
  assert.ok(has('channel_admin', 'manage_channel_roles'));
  assert.ok(has('channel_guest', 'create_post'));
  assert.ok(!has('channel_guest', 'manage_public_channel_members'));
});

test('scheme-managed flags follow upstream', () => {
  for (const name of ['system_admin', 'system_user', 'team_user', 'channel_user', 'channel_guest']) {
    assert.equal(byName(name).scheme_managed, true, name);
  }
  for (const name of [
    'system_post_all',
    'team_post_all_public',
    'system_manager',
    'system_user_access_token',
  ]) {
    assert.equal(byName(name).scheme_managed, false, name);
  }
});

test('sysconsole roles carry their ancillary permissions', () => {
  for (const [key, implied] of Object.entries(SYSCONSOLE_ANCILLARY_PERMISSIONS)) {
    assert.ok(key.startsWith('sysconsole_') && ALL_PERMISSIONS.includes(key), key);
    for (const id of implied) assert.ok(ALL_PERMISSIONS.includes(id), id);
  }
  assert.ok(has('system_read_only_admin', 'get_analytics'));
  assert.ok(has('system_read_only_admin', 'read_license_information'));
  assert.ok(!has('system_read_only_admin', 'manage_license_information'));
  assert.ok(has('system_user_manager', 'manage_team'));
  assert.ok(has('system_manager', 'test_email'));
  assert.deepEqual(withAncillaryPermissions(['sysconsole_write_environment_database', 'create_post']), [
    'sysconsole_write_environment_database',
    'create_post',
    'recycle_database_connections',
  ]);
});

test('display names are the i18n keys Mattermost serves', () => {
  assert.equal(byName('system_admin').display_name, 'authentication.roles.global_admin.name');
  assert.equal(byName('channel_user').description, 'authentication.roles.channel_user.description');
});
