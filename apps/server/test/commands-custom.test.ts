import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel } from '@mattermost/types/channels';
import type { Command } from '@mattermost/types/integrations';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { clientError, raw, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import { officialSocket, until, type OfficialSocket } from './websocket-setup.ts';

/**
 * Custom slash commands: CRUD with its switch and permissions, and execution against a real HTTP
 * receiver on 127.0.0.2 (allow-listed). A canary on 127.0.0.1 (not allow-listed) must never be
 * reached by a command pointing at it.
 */

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  fields: Record<string, string>;
}

const listen = (s: Server, host: string) =>
  new Promise<number>((resolve) => s.listen(0, host, () => resolve((s.address() as AddressInfo).port)));

describe('custom slash commands', () => {
  let server: TestServer;
  let receiver: Server;
  let canary: Server;
  let base: string;
  let canaryBase: string;
  let canaryConnections = 0;
  const received: Received[] = [];
  let admin: LoggedIn;
  let bob: LoggedIn;
  let team: Team;
  let channel: Channel;
  let bobSocket: OfficialSocket;

  const answers: Record<string, { status?: number; type?: string; body: string }> = {
    '/ephemeral': { body: JSON.stringify({ text: 'only for you' }) },
    '/inchannel': {
      body: JSON.stringify({
        response_type: 'in_channel',
        text: 'deployed <https://ci.example.com/1|build 1>',
        username: 'DeployBot',
        props: { from_webhook: 'no', extra: 'yes' },
        attachments: [
          { color: 'good', text: 'all green', fields: [{ title: 'env', value: 'prod', short: true }] },
        ],
        extra_responses: [{ text: 'and a private note' }],
      }),
    },
    '/goto': { body: JSON.stringify({ goto_location: 'https://example.com/somewhere' }) },
    '/plain': { type: 'text/plain', body: 'plain words' },
    '/fail': { status: 500, body: 'boom' },
    '/later': { body: '{}' },
  };

  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const fields = Object.fromEntries(
          req.method === 'GET' ? url.searchParams : new URLSearchParams(body),
        );
        received.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, fields });
        const answer = answers[url.pathname] ?? { body: '{}' };
        res.writeHead(answer.status ?? 200, { 'Content-Type': answer.type ?? 'application/json' });
        res.end(answer.body);
      });
    });
    base = `http://127.0.0.2:${await listen(receiver, '127.0.0.2')}`;
    canary = createServer((_req, res) => res.end('{"text":"leak"}'));
    canary.on('connection', () => {
      canaryConnections += 1;
    });
    canaryBase = `http://127.0.0.1:${await listen(canary, '127.0.0.1')}`;
    server = await startTestServer({
      ServiceSettings: {
        AllowedUntrustedInternalConnections: '127.0.0.2',
        EnablePostUsernameOverride: true,
      },
    });
    admin = await server.newUser({ username: unique('admin') });
    bob = await server.userByAdmin(admin.client, { username: unique('bob') });
    team = await admin.client.createTeam({ name: unique('team'), display_name: 'T', type: 'O' } as never);
    await admin.client.addToTeam(team.id, bob.user.id);
    channel = await admin.client.createChannel({
      team_id: team.id,
      name: unique('ch'),
      display_name: 'C',
      type: 'O',
    } as never);
    await admin.client.addToChannel(bob.user.id, channel.id);
    bobSocket = await officialSocket(server, bob.token);
  });
  after(async () => {
    bobSocket.close();
    receiver.close();
    canary.close();
    await server.close();
  });

  const fields = (over: Partial<Command>): Command =>
    ({
      team_id: team.id,
      trigger: unique('t'),
      method: 'P',
      url: `${base}/ephemeral`,
      display_name: 'Cmd',
      ...over,
    }) as Command;
  const run = (who: LoggedIn, command: string, extra: Record<string, string> = {}) =>
    who.client.executeCommand(command, { channel_id: channel.id, team_id: team.id, ...extra });
  const getCommand = async (who: LoggedIn, id: string): Promise<Command> => {
    const res = await raw(server, `/api/v4/commands/${id}`, {
      headers: { Authorization: `Bearer ${who.token}` },
    });
    if (res.status !== 200) throw { status_code: res.status, server_error_id: res.json.id };
    return res.json as unknown as Command;
  };
  const callsTo = (path: string) => received.filter((r) => r.path === path);
  const setConfig = async (patch: Record<string, unknown>) => {
    const config = await admin.client.getConfig();
    await admin.client.updateConfig({ ...config, ServiceSettings: { ...config.ServiceSettings, ...patch } });
  };

  test('create, get, list, update, regenerate the token and delete', async () => {
    const created = await admin.client.addCommand(
      fields({
        trigger: 'Weather',
        auto_complete: true,
        auto_complete_desc: 'Forecast',
        auto_complete_hint: '[city]',
      }),
    );
    assert.equal(created.trigger, 'weather');
    assert.equal(created.token.length, 26);
    assert.equal(created.creator_id, admin.user.id);
    assert.deepEqual(await getCommand(admin, created.id), created);

    const custom = await admin.client.getCustomTeamCommands(team.id);
    assert.deepEqual(
      custom.map((c) => c.id),
      [created.id],
    );
    const all = await admin.client.getCommandsList(team.id);
    assert.ok(all.some((c) => c.trigger === 'join' && c.id === ''));
    assert.ok(all.some((c) => c.id === created.id));

    const edited = await admin.client.editCommand({
      ...created,
      description: 'Tells the weather',
      method: 'G',
    });
    assert.equal(edited.description, 'Tells the weather');
    assert.equal(edited.method, 'G');
    assert.equal(edited.token, created.token);

    const { token } = await admin.client.regenCommandToken(created.id);
    assert.notEqual(token, created.token);
    assert.equal((await getCommand(admin, created.id)).token, token);

    // Autocomplete: everyone in the team sees it, without its secrets.
    const auto = await bob.client.getAutocompleteCommandsList(team.id);
    const mine = auto.find((c) => c.trigger === 'weather');
    assert.ok(mine);
    assert.equal(mine.token, '');
    assert.equal(mine.url, '');
    const suggestions = await bob.client.getCommandAutocompleteSuggestionsList('/wea', team.id, {
      channel_id: channel.id,
    });
    assert.deepEqual(suggestions, [
      { Complete: 'weather', Suggestion: '/weather', Hint: '[city]', Description: 'Forecast', IconData: '' },
    ]);
    const builtinHits = await bob.client.getCommandAutocompleteSuggestionsList('/jo', team.id, {
      channel_id: channel.id,
    });
    assert.equal(builtinHits[0].Suggestion, '/join');

    assert.deepEqual(await admin.client.deleteCommand(created.id), { status: 'OK' });
    assert.equal((await clientError(() => getCommand(admin, created.id))).status_code, 404);
  });

  test('bad fields, duplicate triggers, the switch and permissions are refused', async () => {
    const cases: [Partial<Command>, string][] = [
      [{ trigger: '' }, 'model.command.is_valid.trigger.app_error'],
      [{ trigger: '/slash' }, 'model.command.is_valid.trigger.app_error'],
      [{ trigger: 'two words' }, 'model.command.is_valid.trigger.app_error'],
      [{ url: '' }, 'model.command.is_valid.url.app_error'],
      [{ url: 'ftp://example.com/x' }, 'model.command.is_valid.url_http.app_error'],
      [{ method: 'X' as 'P' }, 'model.command.is_valid.method.app_error'],
      [{ trigger: 'join' }, 'api.command.duplicate_trigger.app_error'],
    ];
    for (const [over, id] of cases) {
      const err = await clientError(() => admin.client.addCommand(fields(over)));
      assert.equal(err.status_code, 400, id);
      assert.equal(err.server_error_id, id);
    }
    const first = await admin.client.addCommand(fields({ trigger: 'dup' }));
    assert.equal(
      (await clientError(() => admin.client.addCommand(fields({ trigger: 'dup' })))).server_error_id,
      'api.command.duplicate_trigger.app_error',
    );

    // A plain team member cannot manage commands; others' commands read as missing.
    assert.equal((await clientError(() => bob.client.addCommand(fields({})))).status_code, 403);
    assert.equal((await clientError(() => bob.client.getCustomTeamCommands(team.id))).status_code, 403);
    assert.equal((await clientError(() => getCommand(bob, first.id))).status_code, 404);
    assert.equal((await clientError(() => bob.client.deleteCommand(first.id))).status_code, 404);
    assert.equal((await clientError(() => bob.client.regenCommandToken(first.id))).status_code, 404);
    const list = await bob.client.getCommandsList(team.id);
    assert.ok(!list.some((c) => c.id === first.id));
    const mismatch = await clientError(() => admin.client.editCommand({ ...first, team_id: bob.user.id }));
    assert.equal(mismatch.server_error_id, 'api.command.team_mismatch.app_error');

    // With manage_own (granted to team users here) bob manages his own only.
    const role = await admin.client.getRoleByName('team_user');
    await admin.client.patchRole(role.id, {
      permissions: [...role.permissions, 'manage_own_slash_commands'],
    });
    try {
      const own = await bob.client.addCommand(fields({}));
      assert.deepEqual(
        (await bob.client.getCustomTeamCommands(team.id)).map((c) => c.id),
        [own.id],
      );
      assert.equal((await clientError(() => getCommand(bob, first.id))).status_code, 404);
      assert.equal((await clientError(() => bob.client.deleteCommand(first.id))).status_code, 403);
      assert.equal(
        (await clientError(() => bob.client.editCommand({ ...first, description: 'x' }))).status_code,
        403,
      );
      await bob.client.deleteCommand(own.id);
    } finally {
      await admin.client.patchRole(role.id, { permissions: role.permissions });
    }

    await setConfig({ EnableCommands: false });
    try {
      const off = await clientError(() => admin.client.addCommand(fields({})));
      assert.equal(off.status_code, 501);
      assert.equal(off.server_error_id, 'api.command.disabled.app_error');
      assert.equal((await clientError(() => getCommand(admin, first.id))).status_code, 501);
      const notRun = await clientError(() => run(admin, '/dup'));
      assert.equal(notRun.server_error_id, 'api.command.execute_command.not_found.app_error');
      // Built-ins keep working.
      assert.equal((await run(admin, '/online')).text, 'You are now online');
    } finally {
      await setConfig({ EnableCommands: true });
    }
    await admin.client.deleteCommand(first.id);
  });

  test('a command moves to another team its creator manages commands in', async () => {
    const cmd = await admin.client.addCommand(fields({}));
    const other = await admin.client.createTeam({
      name: unique('other'),
      display_name: 'O',
      type: 'O',
    } as never);
    const move = (who: LoggedIn, teamId: string) =>
      raw(server, `/api/v4/commands/${cmd.id}/move`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${who.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ team_id: teamId }),
      });
    const refused = await move(bob, other.id);
    assert.equal(refused.status, 403);
    const bad = await move(admin, 'nope');
    assert.equal(bad.status, 400);
    const moved = await move(admin, other.id);
    assert.equal(moved.status, 200);
    assert.deepEqual(moved.json, { status: 'OK' });
    assert.equal((await getCommand(admin, cmd.id)).team_id, other.id);
    assert.equal((await clientError(() => admin.client.getCommandsList(''))).status_code, 400);
  });

  test('POST commands receive the form fields and the token; ephemeral answers reach the caller only', async () => {
    const cmd = await admin.client.addCommand(fields({ url: `${base}/ephemeral` }));
    const answer = await run(bob, `/${cmd.trigger} some  args`);
    assert.equal(answer.text, 'only for you');
    const call = callsTo('/ephemeral').at(-1);
    assert.ok(call);
    assert.equal(call.method, 'POST');
    assert.equal(call.headers.authorization, `Token ${cmd.token}`);
    assert.equal(call.headers.accept, 'application/json');
    assert.equal(call.headers['content-type'], 'application/x-www-form-urlencoded');
    const { trigger_id: triggerId, response_url: responseUrl, ...rest } = call.fields;
    assert.deepEqual(rest, {
      token: cmd.token,
      team_id: team.id,
      team_domain: team.name,
      channel_id: channel.id,
      channel_name: channel.name,
      user_id: bob.user.id,
      user_name: bob.user.username,
      command: `/${cmd.trigger}`,
      text: 'some  args',
      root_id: '',
    });
    assert.ok(triggerId.length > 20);
    assert.match(responseUrl, new RegExp(`^${server.url}/hooks/commands/[a-z0-9]{26}$`));
    const eph = await bobSocket.event(
      'ephemeral_message',
      (m) => (JSON.parse((m.data as { post: string }).post) as Post).message === 'only for you',
    );
    assert.equal((JSON.parse((eph.data as { post: string }).post) as Post).channel_id, channel.id);
    const latest = await admin.client.getPosts(channel.id, 0, 1);
    assert.notEqual(latest.posts[latest.order[0]]?.message, 'only for you');
  });

  test('GET commands get the fields in the query; plain-text answers are ephemeral text', async () => {
    const cmd = await admin.client.addCommand(fields({ method: 'G', url: `${base}/plain?fixed=1` }));
    const answer = await run(bob, `/${cmd.trigger} hello`);
    assert.equal(answer.text, 'plain words');
    const call = callsTo('/plain').at(-1);
    assert.ok(call);
    assert.equal(call.method, 'GET');
    assert.equal(call.fields.fixed, '1');
    assert.equal(call.fields.text, 'hello');
    assert.equal(call.fields.token, cmd.token);
    assert.equal(call.headers.authorization, `Token ${cmd.token}`);
  });

  test('in_channel answers become posts marked from_webhook; extra responses and goto_location are handled', async () => {
    const cmd = await admin.client.addCommand(fields({ url: `${base}/inchannel` }));
    await run(bob, `/${cmd.trigger}`);
    const posted = await bobSocket.event('posted', (m) =>
      (JSON.parse((m.data as { post: string }).post) as Post).message.startsWith('deployed'),
    );
    const post = JSON.parse((posted.data as { post: string }).post) as Post;
    assert.equal(post.message, 'deployed [build 1](https://ci.example.com/1)');
    assert.equal(post.user_id, bob.user.id);
    const props = post.props as Record<string, unknown>;
    assert.equal(props.from_webhook, 'true');
    assert.equal(props.override_username, 'DeployBot');
    assert.equal(props.extra, 'yes');
    assert.deepEqual(props.attachments, [
      { color: 'good', text: 'all green', fields: [{ title: 'env', value: 'prod', short: true }] },
    ]);
    await bobSocket.event(
      'ephemeral_message',
      (m) => (JSON.parse((m.data as { post: string }).post) as Post).message === 'and a private note',
    );

    const go = await admin.client.addCommand(fields({ url: `${base}/goto` }));
    assert.equal((await run(bob, `/${go.trigger}`)).goto_location, 'https://example.com/somewhere');
  });

  test('a failing integration is reported as upstream does', async () => {
    const cmd = await admin.client.addCommand(fields({ url: `${base}/fail` }));
    const err = await clientError(() => run(bob, `/${cmd.trigger}`));
    assert.equal(err.status_code, 500);
    assert.equal(err.server_error_id, 'api.command.execute_command.failed_resp.app_error');
  });

  test('response_url takes delayed answers, five times at most', async () => {
    const cmd = await admin.client.addCommand(fields({ url: `${base}/later` }));
    assert.equal((await run(bob, `/${cmd.trigger}`)).text, '');
    const url = callsTo('/later').at(-1)?.fields.response_url;
    assert.ok(url);
    const path = url.slice(server.url.length);
    const first = await raw(server, path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ response_type: 'in_channel', text: 'done at last' }),
    });
    assert.equal(first.status, 200);
    assert.equal(first.text, 'ok');
    const list = await bob.client.getPosts(channel.id, 0, 1);
    const post = list.posts[list.order[0]];
    assert.equal(post.message, 'done at last');
    assert.equal(post.user_id, bob.user.id);
    assert.equal((post.props as Record<string, unknown>).from_webhook, 'true');
    for (let i = 0; i < 4; i++) {
      const again = await raw(server, path, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: `note ${i}`,
      });
      assert.equal(again.status, 200);
    }
    await bobSocket.event(
      'ephemeral_message',
      (m) => (JSON.parse((m.data as { post: string }).post) as Post).message === 'note 3',
    );
    const sixth = await raw(server, path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"text":"x"}',
    });
    assert.equal(sixth.status, 400);
    assert.equal(sixth.json.id, 'app.command_webhook.try_use.invalid.app_error');
    const unknown = await raw(server, `/hooks/commands/${'a'.repeat(26)}`, { method: 'POST', body: '{}' });
    assert.equal(unknown.status, 404);
  });

  test('a command URL that is not allow-listed is refused and nothing reaches it', async () => {
    const cmd = await admin.client.addCommand(fields({ url: `${canaryBase}/steal` }));
    const err = await clientError(() => run(bob, `/${cmd.trigger}`));
    assert.equal(err.status_code, 500);
    assert.equal(err.server_error_id, 'api.command.execute_command.failed.app_error');
    const viaName = await admin.client.addCommand(
      fields({ url: `http://localhost:${new URL(canaryBase).port}/` }),
    );
    await clientError(() => run(bob, `/${viaName.trigger}`));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(canaryConnections, 0);
  });

  test('a thread reply answers in the thread', async () => {
    const root = await bob.client.createPost({ channel_id: channel.id, message: 'root' } as Post);
    const cmd = await admin.client.addCommand(fields({ url: `${base}/inchannel` }));
    await run(bob, `/${cmd.trigger}`, { root_id: root.id });
    const thread = await until(async () => {
      const t = await bob.client.getPostThread(root.id);
      return t.order.length > 1 ? t : undefined;
    }, 'the threaded answer');
    const reply = Object.values(thread.posts).find((p) => p.id !== root.id);
    assert.equal(reply?.root_id, root.id);
    assert.equal(callsTo('/inchannel').at(-1)?.fields.root_id, root.id);
  });
});
