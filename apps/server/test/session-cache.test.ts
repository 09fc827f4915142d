import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientError, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';

/**
 * Sessions are cached in process (ServiceSettings.SessionCacheInMinutes): every test first makes a
 * request so the session is cached, then checks that the change takes effect on the very next one.
 */
describe('session cache', () => {
  let server: TestServer;
  let admin: LoggedIn;

  before(async () => {
    server = await startTestServer({ ServiceSettings: { SessionCacheInMinutes: 10 } });
    admin = await server.newUser({ username: unique('admin') });
  });
  after(() => server.close());

  test('a revoked session is refused at once, although it was cached', async () => {
    const alice = await server.userByAdmin(admin.client, { username: unique('alice') });
    await alice.client.getMe();
    await alice.client.getMe();
    const [session] = await admin.client.getSessions(alice.user.id);
    await admin.client.revokeSession(alice.user.id, session.id);
    const err = await clientError(() => alice.client.getMe());
    assert.equal(err.status_code, 401);
  });

  test('a role taken away stops working at once', async () => {
    const bob = await server.userByAdmin(admin.client, { username: unique('bob') });
    await admin.client.updateUserRoles(bob.user.id, 'system_admin system_user');
    await bob.client.getConfig();
    await bob.client.getConfig();
    await admin.client.updateUserRoles(bob.user.id, 'system_user');
    const err = await clientError(() => bob.client.getConfig());
    assert.equal(err.status_code, 403);
  });

  test('a role given works at once', async () => {
    const carol = await server.userByAdmin(admin.client, { username: unique('carol') });
    assert.equal((await clientError(() => carol.client.getConfig())).status_code, 403);
    await admin.client.updateUserRoles(carol.user.id, 'system_admin system_user');
    await carol.client.getConfig();
  });

  test('a deactivated user is refused at once', async () => {
    const dave = await server.userByAdmin(admin.client, { username: unique('dave') });
    await dave.client.getMe();
    await admin.client.updateUserActive(dave.user.id, false);
    const err = await clientError(() => dave.client.getMe());
    assert.equal(err.status_code, 401);
  });

  test('revoking every session of a user ends the cached ones too', async () => {
    const erin = await server.userByAdmin(admin.client, { username: unique('erin') });
    await erin.client.getMe();
    await admin.client.revokeAllSessionsForUser(erin.user.id);
    const err = await clientError(() => erin.client.getMe());
    assert.equal(err.status_code, 401);
  });
});
