import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client4 } from '@mattermost/client';
import { officialSocket } from './websocket-setup.ts';
import { clientError, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';

const MINUTE = 60_000;

describe('session policy: idle timeout and the per-user session cap', () => {
  let server: TestServer;
  let admin: LoggedIn;

  before(async () => {
    server = await startTestServer({
      ServiceSettings: { SessionIdleTimeoutInMinutes: 5, EnableUserAccessTokens: true },
      ParleySettings: { MaximumSessionsPerUser: 3 },
    });
    admin = await server.newUser({ username: unique('admin') });
  });
  after(() => server.close());

  const signIn = async (who: LoggedIn): Promise<Client4> => {
    const c = server.client();
    await c.login(who.user.username, who.password);
    return c;
  };
  test('a session idle longer than SessionIdleTimeoutInMinutes ends; activity keeps it alive', async () => {
    const alice = await server.userByAdmin(admin.client);
    const fresh = server.client();
    await fresh.login(alice.user.username, alice.password);
    const stale = server.client();
    await stale.login(alice.user.username, alice.password);

    // Before either is used (and cached): one idle for 4 minutes, one for 6.
    const all = (await admin.client.getSessions(alice.user.id)).sort((a, b) => a.create_at - b.create_at);
    const [, freshRow, staleRow] = all;
    const setIdle = (id: string, ms: number) =>
      server.parley.app.db
        .updateTable('sessions')
        .set({ last_activity_at: Date.now() - ms })
        .where('id', '=', id)
        .execute();
    await setIdle(freshRow!.id, 4 * MINUTE);
    await setIdle(staleRow!.id, 6 * MINUTE);

    assert.equal((await fresh.getMe()).id, alice.user.id);
    assert.equal((await clientError(() => stale.getMe())).status_code, 401);

    // Using the session moved its last activity to now, and the ended one is gone from the list.
    const after = await admin.client.getSessions(alice.user.id);
    const touched = after.find((s) => s.id === freshRow!.id);
    assert.ok(touched && Date.now() - touched.last_activity_at < MINUTE);
    assert.equal(
      after.find((s) => s.id === staleRow!.id),
      undefined,
    );
  });

  test('signing in beyond MaximumSessionsPerUser ends the least recently used session and its socket', async () => {
    const bob = await server.userByAdmin(admin.client);
    const second = await signIn(bob);
    const third = await signIn(bob);
    // bob.client, the first sign-in, is the least recently used (activity is recorded at most once
    // a minute, so each session's last activity is still its sign-in time).
    const socket = await officialSocket(server, bob.token);
    try {
      assert.equal((await second.getMe()).id, bob.user.id);
      assert.equal((await third.getMe()).id, bob.user.id);
      assert.equal((await admin.client.getSessions(bob.user.id)).length, 3);

      const fourth = await signIn(bob);
      assert.equal((await fourth.getMe()).id, bob.user.id);
      assert.equal((await clientError(() => bob.client.getMe())).status_code, 401);
      assert.equal((await second.getMe()).id, bob.user.id);
      assert.equal((await admin.client.getSessions(bob.user.id)).length, 3);
      const deadline = Date.now() + 5000;
      while (socket.closes === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(socket.closes >= 1, 'the ended session’s socket was closed');
    } finally {
      socket.close();
    }
  });

  test('access-token sessions do not count against the cap and are never ended by it', async () => {
    const carol = await server.userByAdmin(admin.client);
    await admin.client.updateUserRoles(carol.user.id, 'system_user system_user_access_token');
    const tokens = [];
    for (let i = 0; i < 3; i++)
      tokens.push(await carol.client.createUserAccessToken(carol.user.id, `ci ${i}`));
    const viaToken = (t: string) => {
      const c = new Client4();
      c.setUrl(server.url);
      c.setToken(t);
      return c;
    };
    for (const t of tokens) assert.equal((await viaToken(t.token!).getMe()).id, carol.user.id);

    await signIn(carol);
    await signIn(carol);
    await signIn(carol);
    // Three sign-ins beside three token sessions: the first sign-in (carol.client) is over the cap.
    assert.equal((await clientError(() => carol.client.getMe())).status_code, 401);
    for (const t of tokens) assert.equal((await viaToken(t.token!).getMe()).id, carol.user.id);
  });

  test('the settings are range-checked on save', async () => {
    const idle = await clientError(() =>
      admin.client.patchConfig({ ServiceSettings: { SessionIdleTimeoutInMinutes: 2 } } as never),
    );
    assert.equal(idle.status_code, 400);
    assert.match(idle.message, /SessionIdleTimeoutInMinutes/);
    const cap = await clientError(() =>
      admin.client.patchConfig({ ParleySettings: { MaximumSessionsPerUser: -1 } } as never),
    );
    assert.equal(cap.status_code, 400);
  });
});
