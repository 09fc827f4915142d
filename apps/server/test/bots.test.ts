import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client4 } from '@mattermost/client';
import type { Post } from '@mattermost/types/posts';
import { clientError, raw, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import { officialSocket } from './websocket-setup.ts';
import { loadOpenApi } from './openapi.ts';

describe('bots', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let alice: LoggedIn;
  let bob: LoggedIn;

  const bearer = (token: string) => {
    const c = new Client4();
    c.setUrl(server.url);
    c.setToken(token);
    return c;
  };
  const newBot = (c: Client4 = admin.client, fields: Record<string, string> = {}) =>
    c.createBot({ username: unique('bot'), display_name: 'Build Bot', description: 'CI', ...fields });
  const post = (token: string, path: string) =>
    raw(server, `/api/v4${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });

  before(async () => {
    // Bots' tokens work even with personal access tokens off (the default).
    server = await startTestServer({ ServiceSettings: { EnableBotAccountCreation: true } });
    admin = await server.newUser({ username: unique('admin') });
    alice = await server.userByAdmin(admin.client, { username: unique('alice') });
    bob = await server.userByAdmin(admin.client, { username: unique('bob') });
  });
  after(() => server.close());

  test('create, get, list and patch a bot; its user is_bot', async () => {
    const bot = await newBot();
    assert.equal(bot.owner_id, admin.user.id);
    assert.equal(bot.display_name, 'Build Bot');
    assert.equal(bot.description, 'CI');
    assert.equal(bot.delete_at, 0);
    assert.ok(bot.create_at > 0 && bot.update_at > 0);
    const user = await alice.client.getUser(bot.user_id);
    assert.equal(user.is_bot, true);
    assert.equal(user.username, bot.username);
    assert.equal((user as unknown as { bot_description: string }).bot_description, 'CI');

    assert.deepEqual(await admin.client.getBot(bot.user_id), bot);
    const api = await loadOpenApi();
    assert.deepEqual(api.errors('Bot', bot), []);
    assert.deepEqual(api.missing('Bot', bot), []);
    assert.ok((await admin.client.getBots(0, 200)).some((b) => b.user_id === bot.user_id));

    const renamed = unique('bot');
    const patched = await admin.client.patchBot(bot.user_id, { username: renamed, description: 'builds' });
    assert.equal(patched.username, renamed);
    assert.equal(patched.description, 'builds');
    assert.equal(patched.display_name, 'Build Bot');
    assert.equal((await admin.client.getUser(bot.user_id)).username, renamed);
  });

  test('EnableBotAccountCreation off: 403 api.bot.create_disabled', async () => {
    await admin.client.patchConfig({ ServiceSettings: { EnableBotAccountCreation: false } } as never);
    try {
      const err = await clientError(() => newBot());
      assert.equal(err.status_code, 403);
      assert.equal(err.server_error_id, 'api.bot.create_disabled');
    } finally {
      await admin.client.patchConfig({ ServiceSettings: { EnableBotAccountCreation: true } } as never);
    }
  });

  test('plain users may not create, see, patch, disable or assign bots', async () => {
    const bot = await newBot();
    assert.equal((await clientError(() => newBot(alice.client))).status_code, 403);
    // Without read permissions a bot looks like it does not exist.
    for (const call of [
      () => alice.client.getBot(bot.user_id),
      () => alice.client.patchBot(bot.user_id, { description: 'x' }),
      () => alice.client.disableBot(bot.user_id),
      () => alice.client.assignBot(bot.user_id, alice.user.id),
    ]) {
      const err = await clientError(call);
      assert.equal(err.status_code, 404);
      assert.equal(err.server_error_id, 'store.sql_bot.get.missing.app_error');
    }
    assert.equal((await clientError(() => alice.client.getBots())).status_code, 403);
    const tokenForBot = await clientError(() => alice.client.createUserAccessToken(bot.user_id, 'x'));
    assert.equal(tokenForBot.status_code, 403);
  });

  test('bad input is 400: invalid or taken username, bad ids', async () => {
    const bad = await clientError(() => newBot(admin.client, { username: 'Not Valid' }));
    assert.equal(bad.status_code, 400);
    assert.equal(bad.server_error_id, 'model.bot.is_valid.username.app_error');
    const taken = await clientError(() => newBot(admin.client, { username: alice.user.username }));
    assert.equal(taken.status_code, 400);
    assert.equal(taken.server_error_id, 'app.user.save.username_exists.app_error');
    assert.equal((await clientError(() => admin.client.getBot('nope'))).status_code, 400);
    const missing = await clientError(() => admin.client.getBot(alice.user.id));
    assert.equal(missing.status_code, 404);
  });

  test('a bot gets a token with user tokens off, posts with it, and a member sees `posted`', async () => {
    const bot = await newBot();
    const token = await admin.client.createUserAccessToken(bot.user_id, 'bot token');
    const botClient = bearer(token.token!);
    assert.equal((await botClient.getMe()).id, bot.user_id);
    // Users' own tokens stay refused while the switch is off.
    const userToken = await clientError(() => admin.client.createUserAccessToken(admin.user.id, 'x'));
    assert.equal(userToken.status_code, 501);

    const team = await admin.client.createTeam({
      name: unique('team'),
      display_name: 'T',
      type: 'O',
    } as never);
    await admin.client.addToTeam(team.id, alice.user.id);
    await admin.client.addToTeam(team.id, bot.user_id);
    const channel = await admin.client.createChannel({
      team_id: team.id,
      name: unique('ch'),
      display_name: 'CI',
      type: 'O',
    } as never);
    await admin.client.addToChannel(alice.user.id, channel.id);
    await admin.client.addToChannel(bot.user_id, channel.id);

    const socket = await officialSocket(server, alice.token);
    try {
      const sent = await botClient.createPost({
        channel_id: channel.id,
        message: 'build #42 passed',
      } as Post);
      const seen = await socket.event('posted', (m) => {
        const p = JSON.parse((m.data as { post: string }).post) as Post;
        return p.id === sent.id;
      });
      const p = JSON.parse((seen.data as { post: string }).post) as Post;
      assert.equal(p.user_id, bot.user_id);
      assert.equal(p.message, 'build #42 passed');
    } finally {
      socket.close();
    }

    // A DM with the bot works like any other.
    const dm = await alice.client.createDirectChannel([alice.user.id, bot.user_id]);
    const reply = await botClient.createPost({ channel_id: dm.id, message: 'hi' } as Post);
    assert.equal(reply.channel_id, dm.id);
  });

  test('a bot cannot sign in with a password', async () => {
    const bot = await newBot();
    const res = await raw(server, '/api/v4/users/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login_id: bot.username, password: '' }),
    });
    assert.equal(res.status, 400);
    const withPassword = await raw(server, '/api/v4/users/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login_id: bot.username, password: 'anything-123' }),
    });
    assert.equal(withPassword.status, 401);
  });

  test('disable stops its tokens and closes its sockets; enable brings the tokens back', async () => {
    const bot = await newBot();
    const token = await admin.client.createUserAccessToken(bot.user_id, 'bot token');
    const botClient = bearer(token.token!);
    const socket = await officialSocket(server, token.token!);
    try {
      const disabled = await admin.client.disableBot(bot.user_id);
      assert.ok(disabled.delete_at > 0);
      assert.equal((await clientError(() => botClient.getMe())).status_code, 401);
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(socket.closes >= 1);
    } finally {
      socket.close();
    }
    // Disabled bots are hidden unless asked for.
    assert.equal((await clientError(() => admin.client.getBot(bot.user_id))).status_code, 404);
    assert.ok(!(await admin.client.getBots(0, 200)).some((b) => b.user_id === bot.user_id));
    assert.ok((await admin.client.getBotsIncludeDeleted(0, 200)).some((b) => b.user_id === bot.user_id));
    const included = await raw(server, `/api/v4/bots/${bot.user_id}?include_deleted=true`, {
      headers: { Authorization: `Bearer ${admin.token}` },
    });
    assert.equal(included.status, 200);

    const enabled = await admin.client.enableBot(bot.user_id);
    assert.equal(enabled.delete_at, 0);
    assert.equal((await botClient.getMe()).id, bot.user_id);
  });

  test('owners with bot permissions manage their own bots only; assign hands a bot over', async () => {
    // A custom grant: a plain user who may create and manage their own bots.
    const role = await admin.client.getRoleByName('system_user');
    await admin.client.patchRole(role.id, {
      permissions: [
        ...role.permissions,
        'create_bot',
        'read_bots',
        'manage_bots',
        'create_user_access_token',
      ],
    });
    try {
      const mine = await newBot(bob.client);
      assert.equal(mine.owner_id, bob.user.id);
      assert.deepEqual(
        (await bob.client.getBots(0, 200)).map((b) => b.user_id),
        [mine.user_id],
      );
      assert.equal((await bob.client.patchBot(mine.user_id, { display_name: 'Mine' })).display_name, 'Mine');
      const token = await bob.client.createUserAccessToken(mine.user_id, 'owner token');
      assert.equal((await bearer(token.token!).getMe()).id, mine.user_id);

      const theirs = await newBot();
      const err = await clientError(() => bob.client.getBot(theirs.user_id));
      assert.equal(err.status_code, 404);
      // Bob may manage his bot but not hand it over (assign_bot).
      assert.equal(
        (await clientError(() => bob.client.assignBot(mine.user_id, alice.user.id))).status_code,
        403,
      );

      const moved = await admin.client.assignBot(mine.user_id, alice.user.id);
      assert.equal(moved.owner_id, alice.user.id);
      assert.equal((await clientError(() => bob.client.getBot(mine.user_id))).status_code, 404);
      // A bot cannot own a bot.
      const toBot = await clientError(() => admin.client.assignBot(theirs.user_id, mine.user_id));
      assert.equal(toBot.status_code, 403);
    } finally {
      await admin.client.patchRole(role.id, { permissions: role.permissions });
    }
  });

  test('orphaned bots: owners who are deactivated', async () => {
    const owner = await server.userByAdmin(admin.client, { username: unique('owner') });
    const bot = await newBot();
    await admin.client.assignBot(bot.user_id, owner.user.id);
    assert.ok(!(await admin.client.getBotsOrphaned(0, 200)).some((b) => b.user_id === bot.user_id));
    await admin.client.updateUserActive(owner.user.id, false);
    assert.ok((await admin.client.getBotsOrphaned(0, 200)).some((b) => b.user_id === bot.user_id));
  });

  test('system admins convert a user to a bot and back', async () => {
    const carol = await server.userByAdmin(admin.client, { username: unique('carol') });
    const refused = await post(alice.token, `/users/${carol.user.id}/convert_to_bot`);
    assert.equal(refused.status, 403);

    const converted = await post(admin.token, `/users/${carol.user.id}/convert_to_bot`);
    assert.equal(converted.status, 200);
    assert.equal(converted.json.user_id, carol.user.id);
    assert.equal(converted.json.owner_id, carol.user.id);
    assert.equal((await admin.client.getUser(carol.user.id)).is_bot, true);
    // Her password session ended, and she can no longer sign in.
    assert.equal((await clientError(() => carol.client.getMe())).status_code, 401);
    const login = await clientError(() => server.client().login(carol.user.username, carol.password));
    assert.equal(login.server_error_id, 'api.user.login.bot_login_forbidden.app_error');
    assert.equal((await post(admin.token, `/users/${carol.user.id}/convert_to_bot`)).status, 400);

    const back = await raw(server, `/api/v4/bots/${carol.user.id}/convert_to_user`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `${unique('c')}@example.com`, password: 'new-password-1' }),
    });
    assert.equal(back.status, 200);
    assert.equal(back.json.is_bot, false);
    const again = await server.client().login(carol.user.username, 'new-password-1');
    assert.equal(again.id, carol.user.id);
    const other = await newBot();
    const noPassword = await raw(server, `/api/v4/bots/${other.user_id}/convert_to_user`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `${unique('d')}@example.com` }),
    });
    assert.equal(noPassword.status, 400);
    assert.equal(noPassword.json.id, 'api.context.invalid_body_param.app_error');
    const asUser = await post(alice.token, `/bots/${other.user_id}/convert_to_user`);
    assert.equal(asUser.status, 403);
  });
});
