import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerEvent } from '../src/realtime/bus.ts';
import { clientError, raw, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';

describe('roles', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let user: LoggedIn;
  const events: ServerEvent[] = [];

  before(async () => {
    server = await startTestServer();
    admin = await server.newUser({ username: 'admin' });
    user = await server.userByAdmin(admin.client);
    server.parley.app.events.subscribe((e) => events.push(e));
  });
  after(() => server.close());

  test('POST /roles/names answers the known roles and skips unknown names', async () => {
    const roles = await user.client.getRolesByNames([
      'system_user',
      ' team_user',
      'channel_user',
      'no_such_role',
    ]);
    assert.deepEqual(roles.map((r) => r.name).sort(), ['channel_user', 'system_user', 'team_user']);
    const systemUser = roles.find((r) => r.name === 'system_user')!;
    assert.deepEqual(Object.keys(systemUser).sort(), [
      'built_in',
      'create_at',
      'delete_at',
      'description',
      'display_name',
      'id',
      'name',
      'permissions',
      'scheme_managed',
      'update_at',
    ]);
    assert.equal(systemUser.id.length, 26);
    assert.equal(systemUser.built_in, true);
    assert.ok(systemUser.permissions.includes('create_team'));
  });

  test('POST /roles/names refuses empty, malformed and oversized lists', async () => {
    const empty = await clientError(() => user.client.getRolesByNames([]));
    assert.equal(empty.status_code, 400);
    const malformed = await clientError(() => user.client.getRolesByNames(['Not A Role']));
    assert.equal(malformed.status_code, 400);
    assert.equal(malformed.server_error_id, 'api.context.invalid_param.app_error');
    const tooMany = await clientError(() =>
      user.client.getRolesByNames(Array.from({ length: 101 }, (_, i) => `role_${i}`)),
    );
    assert.equal(tooMany.status_code, 400);
    const anonymous = await clientError(() => server.client().getRolesByNames(['system_user']));
    assert.equal(anonymous.status_code, 401);
  });

  test('GET /roles/name/{name} and /roles/{id}', async () => {
    const byName = await user.client.getRoleByName('system_admin');
    assert.equal(byName.name, 'system_admin');
    assert.ok(byName.permissions.includes('manage_system'));
    const byId = await user.client.getRole(byName.id);
    assert.deepEqual(byId, byName);

    const unknownName = await clientError(() => user.client.getRoleByName('no_such_role'));
    assert.equal(unknownName.status_code, 404);
    const badName = await clientError(() => user.client.getRoleByName('BAD-NAME'));
    assert.equal(badName.status_code, 400);
    const unknownId = await clientError(() => user.client.getRole('a'.repeat(26)));
    assert.equal(unknownId.status_code, 404);
    assert.equal(unknownId.server_error_id, 'app.role.get.app_error');
    const badId = await clientError(() => user.client.getRole('nope'));
    assert.equal(badId.status_code, 400);
  });

  test('GET /roles lists every role for admins only', async () => {
    const asAdmin = await raw(server, '/api/v4/roles', {
      headers: { Authorization: `Bearer ${admin.token}` },
    });
    assert.equal(asAdmin.status, 200);
    const names = (asAdmin.json as unknown as { name: string }[]).map((r) => r.name);
    assert.ok(names.includes('system_admin') && names.includes('channel_guest'));
    const asUser = await raw(server, '/api/v4/roles', { headers: { Authorization: `Bearer ${user.token}` } });
    assert.equal(asUser.status, 403);
  });

  test('patching a role changes what its holders may do and publishes role_updated', async () => {
    const systemUser = await admin.client.getRoleByName('system_user');
    const without = systemUser.permissions.filter((p) => p !== 'create_team');
    events.length = 0;
    const patched = await admin.client.patchRole(systemUser.id, { permissions: without });
    assert.equal(patched.permissions.includes('create_team'), false);
    assert.ok(patched.update_at >= systemUser.update_at);

    const event = events.find((e) => e.event === 'role_updated');
    assert.ok(event, 'role_updated published');
    assert.equal(typeof event.data.role, 'string');
    assert.equal((JSON.parse(event.data.role as string) as { id: string }).id, systemUser.id);

    // The permission check reads the new permissions at once.
    const refused = await clientError(() =>
      user.client.createTeam({ name: unique('team'), display_name: 'T', type: 'O' } as never),
    );
    assert.equal(refused.status_code, 403);

    await admin.client.patchRole(systemUser.id, { permissions: systemUser.permissions });
    const team = await user.client.createTeam({
      name: unique('team'),
      display_name: 'T',
      type: 'O',
    } as never);
    assert.ok(team.id);
  });

  test('role patches are refused to regular users and for bad input', async () => {
    const channelUser = await admin.client.getRoleByName('channel_user');
    const refused = await clientError(() => user.client.patchRole(channelUser.id, { permissions: [] }));
    assert.equal(refused.status_code, 403);

    const unknownPermission = await clientError(() =>
      admin.client.patchRole(channelUser.id, { permissions: ['fly_to_the_moon'] }),
    );
    assert.equal(unknownPermission.status_code, 400);

    const frozen = await clientError(() =>
      admin.client.patchRole(channelUser.id, { permissions: [...channelUser.permissions, 'manage_roles'] }),
    );
    assert.equal(frozen.status_code, 501);
    assert.equal(frozen.server_error_id, 'api.roles.patch_roles.not_allowed_permission.error');

    const badBody = await clientError(() =>
      admin.client.patchRole(channelUser.id, { permissions: 'create_post' } as never),
    );
    assert.equal(badBody.status_code, 400);

    const missing = await clientError(() => admin.client.patchRole('a'.repeat(26), { permissions: [] }));
    assert.equal(missing.status_code, 404);

    assert.deepEqual((await admin.client.getRole(channelUser.id)).permissions, channelUser.permissions);
  });
});
