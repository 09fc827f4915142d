import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client4 } from '@mattermost/client';
import type { Post } from '@mattermost/types/posts';
import { loadOpenApi } from './openapi.ts';
import { officialSocket } from './websocket-setup.ts';
import { clientError, raw, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';

describe('personal access tokens', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let alice: LoggedIn;
  let bob: LoggedIn;
  let channelId: string;

  const bearer = (token: string) => {
    const c = new Client4();
    c.setUrl(server.url);
    c.setToken(token);
    return c;
  };
  const setTokens = (on: boolean) =>
    admin.client.patchConfig({ ServiceSettings: { EnableUserAccessTokens: on } } as never);
  /** Gives a plain user the right to own tokens, as an admin does in the System Console. */
  const grantTokenRole = (u: LoggedIn) =>
    admin.client.updateUserRoles(u.user.id, 'system_user system_user_access_token');

  before(async () => {
    server = await startTestServer({ ServiceSettings: { EnableUserAccessTokens: true } });
    admin = await server.newUser({ username: unique('admin') });
    alice = await server.userByAdmin(admin.client, { username: unique('alice') });
    bob = await server.userByAdmin(admin.client, { username: unique('bob') });
    await grantTokenRole(alice);
    const team = await admin.client.createTeam({
      name: unique('team'),
      display_name: 'T',
      type: 'O',
    } as never);
    await admin.client.addToTeam(team.id, alice.user.id);
    const channel = await admin.client.createChannel({
      team_id: team.id,
      name: unique('ch'),
      display_name: 'Builds',
      type: 'O',
    } as never);
    await admin.client.addToChannel(alice.user.id, channel.id);
    channelId = channel.id;
  });
  after(() => server.close());

  test('a token is shown once and works as Bearer for GET /users/me and POST /posts', async () => {
    const created = await alice.client.createUserAccessToken(alice.user.id, 'ci script');
    assert.equal(created.user_id, alice.user.id);
    assert.equal(created.description, 'ci script');
    assert.equal(created.is_active, true);
    assert.match(created.token ?? '', /^[a-z0-9]{26}$/);
    assert.notEqual(created.token, created.id);

    const client = bearer(created.token!);
    assert.equal((await client.getMe()).id, alice.user.id);
    const post = await client.createPost({ channel_id: channelId, message: 'build green' } as Post);
    assert.equal(post.user_id, alice.user.id);

    // Never shown again.
    const fetched = await alice.client.getUserAccessToken(created.id);
    assert.equal(fetched.token, undefined);
    assert.equal(fetched.description, 'ci script');
    const api = await loadOpenApi();
    assert.deepEqual(api.errors('UserAccessToken', created), []);
    assert.deepEqual(api.missing('UserAccessToken', created), []);
    assert.deepEqual(api.errors('UserAccessTokenSanitized', fetched), []);
    assert.deepEqual(api.missing('UserAccessTokenSanitized', fetched), []);
    const listed = await alice.client.getUserAccessTokensForUser(alice.user.id, 0, 10);
    assert.deepEqual(
      listed.map((t) => [t.id, t.token]),
      [[created.id, undefined]],
    );
    // The session it works through is tagged as a token session and does not expire.
    const sessions = await alice.client.getSessions(alice.user.id);
    const tokenSession = sessions.find((s) => s.props?.type === 'UserAccessToken');
    assert.ok(tokenSession);
    assert.ok(tokenSession.expires_at > Date.now() + 50 * 365 * 24 * 3_600_000);
  });

  test('disable stops the token at once, enable brings it back, revoke ends it for good', async () => {
    const created = await alice.client.createUserAccessToken('me', 'toggle');
    const client = bearer(created.token!);
    await client.getMe();

    assert.deepEqual(await alice.client.disableUserAccessToken(created.id), { status: 'OK' });
    assert.equal((await clientError(() => client.getMe())).status_code, 401);
    assert.equal((await alice.client.getUserAccessToken(created.id)).is_active, false);

    await alice.client.enableUserAccessToken(created.id);
    assert.equal((await client.getMe()).id, alice.user.id);

    await alice.client.revokeUserAccessToken(created.id);
    assert.equal((await clientError(() => client.getMe())).status_code, 401);
    const gone = await clientError(() => alice.client.getUserAccessToken(created.id));
    assert.equal(gone.status_code, 404);
  });

  test('a deactivated owner is refused at once; reactivated, the token works again', async () => {
    const carol = await server.userByAdmin(admin.client, { username: unique('carol') });
    await grantTokenRole(carol);
    const created = await carol.client.createUserAccessToken(carol.user.id, 'script');
    const client = bearer(created.token!);
    await client.getMe();
    await admin.client.updateUserActive(carol.user.id, false);
    assert.equal((await clientError(() => client.getMe())).status_code, 401);
    await admin.client.updateUserActive(carol.user.id, true);
    assert.equal((await client.getMe()).id, carol.user.id);
  });

  test('a token survives its owner signing out everywhere', async () => {
    const created = await alice.client.createUserAccessToken(alice.user.id, 'survivor');
    await admin.client.revokeAllSessionsForUser(alice.user.id);
    assert.equal((await bearer(created.token!).getMe()).id, alice.user.id);
    // Her password session ended with the rest: sign in again for the following tests.
    await alice.client.login(alice.user.username, alice.password);
    alice.token = alice.client.getToken();
  });

  test('EnableUserAccessTokens off: creation is 501 and existing tokens stop working', async () => {
    const created = await alice.client.createUserAccessToken(alice.user.id, 'switch');
    await setTokens(false);
    try {
      const err = await clientError(() => alice.client.createUserAccessToken(alice.user.id, 'nope'));
      assert.equal(err.status_code, 501);
      assert.equal(err.server_error_id, 'app.user_access_token.disabled');
      assert.equal((await clientError(() => bearer(created.token!).getMe())).status_code, 401);
    } finally {
      await setTokens(true);
    }
    assert.equal((await bearer(created.token!).getMe()).id, alice.user.id);
  });

  test('without create_user_access_token, or for another user, creation is 403', async () => {
    const noRole = await clientError(() => bob.client.createUserAccessToken(bob.user.id, 'x'));
    assert.equal(noRole.status_code, 403);
    const other = await clientError(() => alice.client.createUserAccessToken(bob.user.id, 'x'));
    assert.equal(other.status_code, 403);
    // An admin may create one for anybody (edit_other_users).
    const forBob = await admin.client.createUserAccessToken(bob.user.id, 'by admin');
    assert.equal((await bearer(forBob.token!).getMe()).id, bob.user.id);
  });

  test('other users cannot read, disable, enable or revoke a token; admins can', async () => {
    const created = await alice.client.createUserAccessToken(alice.user.id, 'private');
    await grantTokenRole(bob);
    for (const call of [
      () => bob.client.getUserAccessToken(created.id),
      () => bob.client.disableUserAccessToken(created.id),
      () => bob.client.enableUserAccessToken(created.id),
      () => bob.client.revokeUserAccessToken(created.id),
      () => bob.client.getUserAccessTokensForUser(alice.user.id, 0, 10),
      () => bob.client.getUserAccessTokens(0, 10),
    ]) {
      assert.equal((await clientError(call)).status_code, 403);
    }
    assert.equal((await bearer(created.token!).getMe()).id, alice.user.id);
    await admin.client.disableUserAccessToken(created.id);
    assert.equal((await clientError(() => bearer(created.token!).getMe())).status_code, 401);
    const all = await admin.client.getUserAccessTokens(0, 200);
    assert.ok(all.some((t) => t.id === created.id && t.is_active === false && t.token === undefined));
  });

  test('admins search tokens by owner username, user id or token id', async () => {
    const created = await alice.client.createUserAccessToken(alice.user.id, 'findme');
    const search = (term: string) =>
      raw(server, '/api/v4/users/tokens/search', {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ term }),
      });
    for (const term of [alice.user.username.slice(0, 6), alice.user.id, created.id]) {
      const res = await search(term);
      assert.equal(res.status, 200);
      const list = res.json as unknown as Array<{ id: string; token?: string }>;
      assert.ok(
        list.some((t) => t.id === created.id && t.token === undefined),
        term,
      );
    }
    const asUser = await raw(server, '/api/v4/users/tokens/search', {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ term: 'a' }),
    });
    assert.equal(asUser.status, 403);
  });

  test('bad input is 400 with Mattermost error JSON', async () => {
    const empty = await clientError(() => alice.client.createUserAccessToken(alice.user.id, ''));
    assert.equal(empty.status_code, 400);
    const badId = await clientError(() => alice.client.disableUserAccessToken('nope'));
    assert.equal(badId.status_code, 400);
    assert.equal(badId.server_error_id, 'api.context.invalid_param.app_error');
    const badPath = await clientError(() => alice.client.getUserAccessToken('nope'));
    assert.equal(badPath.status_code, 400);
    const past = await clientError(() => alice.client.createUserAccessToken(alice.user.id, 'old', 1000));
    assert.equal(past.status_code, 400);
  });

  test('revoking a token closes the sockets opened with it', async () => {
    const created = await alice.client.createUserAccessToken(alice.user.id, 'socket');
    const socket = await officialSocket(server, created.token!);
    try {
      await alice.client.revokeUserAccessToken(created.id);
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(socket.closes >= 1);
    } finally {
      socket.close();
    }
  });

  test('token sessions ignore the idle timeout', async () => {
    const created = await alice.client.createUserAccessToken(alice.user.id, 'idle');
    // As if the token had not been used for a year (SessionIdleTimeoutInMinutes is 30 days).
    const res = await server.parley.app.db
      .updateTable('sessions')
      .set({ last_activity_at: Date.now() - 365 * 24 * 3_600_000 })
      .where('user_id', '=', alice.user.id)
      .where((eb) => eb.ref('props', '->>').key('type'), '=', 'UserAccessToken')
      .executeTakeFirst();
    assert.ok(Number(res.numUpdatedRows) > 0);
    assert.equal((await bearer(created.token!).getMe()).id, alice.user.id);
  });

  test('a token given an expiry stops working once it passes', async () => {
    const created = await alice.client.createUserAccessToken(alice.user.id, 'short', Date.now() + 1500);
    assert.equal((await bearer(created.token!).getMe()).id, alice.user.id);
    await new Promise((r) => setTimeout(r, 1600));
    assert.equal((await clientError(() => bearer(created.token!).getMe())).status_code, 401);
  });
});
