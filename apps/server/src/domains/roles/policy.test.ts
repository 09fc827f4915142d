import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frozenPermissionChanged, isValidRoleName, permissionsToPatch, unknownPermission } from './policy.ts';

test('role names are 1–64 lowercase letters, digits and underscores', () => {
  assert.ok(isValidRoleName('system_user'));
  assert.ok(isValidRoleName('a'));
  assert.equal(isValidRoleName(''), false);
  assert.equal(isValidRoleName('System_User'), false);
  assert.equal(isValidRoleName('team-admin'), false);
  assert.equal(isValidRoleName('x'.repeat(65)), false);
});

test('who may patch which role', () => {
  assert.deepEqual(permissionsToPatch('system_admin'), [
    'manage_system',
    'sysconsole_write_user_management_system_roles',
  ]);
  assert.deepEqual(permissionsToPatch('channel_user'), ['sysconsole_write_user_management_permissions']);
  assert.deepEqual(permissionsToPatch('system_post_all'), [
    'sysconsole_write_user_management_permissions',
    'sysconsole_write_user_management_system_roles',
  ]);
});

test('role-editing permissions cannot be added or removed by a patch', () => {
  assert.equal(frozenPermissionChanged(['create_post'], ['create_post', 'read_channel']), null);
  assert.equal(frozenPermissionChanged(['create_post'], ['manage_roles']), 'manage_roles');
  assert.equal(frozenPermissionChanged(['manage_roles'], ['manage_roles']), null);
  assert.equal(frozenPermissionChanged(['manage_roles'], []), 'manage_roles');
});

test('permission ids must be known, deprecated ones included', () => {
  assert.equal(unknownPermission(['create_post', 'manage_webhooks']), null);
  assert.equal(unknownPermission(['create_post', 'fly']), 'fly');
});
