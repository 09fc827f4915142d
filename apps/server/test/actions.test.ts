import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { clientError, raw, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import { officialSocket, type OfficialSocket } from './websocket-setup.ts';

/**
 * Interactive messages and dialogs against a real integration on 127.0.0.2 (allow-listed); a
 * canary on 127.0.0.1 (not allow-listed) must never be reached.
 */

const listen = (s: Server, host: string) =>
  new Promise<number>((resolve) => s.listen(0, host, () => resolve((s.address() as AddressInfo).port)));

describe('interactive messages and dialogs', () => {
  let server: TestServer;
  let receiver: Server;
  let canary: Server;
  let base: string;
  let canaryBase: string;
  let canaryConnections = 0;
  const received: { path: string; body: Record<string, unknown> }[] = [];
  let admin: LoggedIn;
  let bob: LoggedIn;
  let eve: LoggedIn;
  let team: Team;
  let channel: Channel;
  let bobSocket: OfficialSocket;

  const replies: Record<string, unknown> = {
    '/approve': {
      update: { message: 'Approved by the team', props: { from_webhook: 'false', note: 'done' } },
      ephemeral_text: 'You approved <https://t.example.com/42|ticket 42>',
    },
    '/select': { ephemeral_text: 'picked' },
    '/goto': { goto_location: 'https://example.com/next' },
    '/submit': { errors: { name: 'A name is required' } },
    '/submit-ok': {},
    '/lookup': {
      items: [
        { text: 'Alpha', value: 'a' },
        { text: 'Beta', value: 'b' },
        { text: 7, value: 'not text' },
      ],
    },
    '/command': {
      text: 'Pick one',
      attachments: [
        {
          text: 'Choose',
          actions: [{ id: 'yes', name: 'Yes', type: 'button', integration: { url: '', context: { n: 1 } } }],
        },
      ],
    },
    '/eph-click': { update: { message: 'You chose yes', props: {} } },
  };

  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        const json = (req.headers['content-type'] ?? '').startsWith('application/json');
        received.push({
          path: req.url ?? '',
          body: json
            ? (JSON.parse(body || '{}') as Record<string, unknown>)
            : Object.fromEntries(new URLSearchParams(body)),
        });
        if (req.url === '/fail') {
          res.writeHead(503).end();
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(replies[req.url ?? ''] ?? {}));
      });
    });
    base = `http://127.0.0.2:${await listen(receiver, '127.0.0.2')}`;
    const command = replies['/command'] as { attachments: { actions: { integration: { url: string } }[] }[] };
    command.attachments[0].actions[0].integration.url = `${base}/eph-click`;
    canary = createServer((_req, res) => res.end('{}'));
    canary.on('connection', () => {
      canaryConnections += 1;
    });
    canaryBase = `http://127.0.0.1:${await listen(canary, '127.0.0.1')}`;
    server = await startTestServer({ ServiceSettings: { AllowedUntrustedInternalConnections: '127.0.0.2' } });
    admin = await server.newUser({ username: unique('admin') });
    bob = await server.userByAdmin(admin.client, { username: unique('bob') });
    eve = await server.userByAdmin(admin.client, { username: unique('eve') });
    team = await admin.client.createTeam({ name: unique('team'), display_name: 'T', type: 'O' } as never);
    await admin.client.addToTeam(team.id, bob.user.id);
    await admin.client.addToTeam(team.id, eve.user.id);
    channel = await admin.client.createChannel({
      team_id: team.id,
      name: unique('ch'),
      display_name: 'C',
      type: 'P',
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

  const interactivePost = (url = base) =>
    admin.client.createPost({
      channel_id: channel.id,
      message: 'Deploy ticket 42?',
      props: {
        attachments: [
          {
            text: 'Choose',
            actions: [
              {
                id: 'approve',
                name: 'Approve',
                type: 'button',
                integration: { url: `${url}/approve`, context: { ticket: 42 } },
              },
              {
                id: 'pick',
                name: 'Pick',
                type: 'select',
                data_source: '',
                options: [{ text: 'One', value: 'one' }],
                integration: { url: `${base}/select`, context: { k: 'v' } },
              },
              { id: 'go', name: 'Go', type: 'button', integration: { url: `${base}/goto` } },
              { id: 'broken', name: 'Broken', type: 'button', integration: { url: `${base}/fail` } },
              { id: 'leak', name: 'Leak', type: 'button', integration: { url: `${canaryBase}/x` } },
            ],
          },
        ],
      },
    } as unknown as Post);
  /** Client4 has no call for it: integrations POST it themselves. */
  const openDialog = async (who: LoggedIn, body: unknown) => {
    const res = await raw(server, '/api/v4/actions/dialogs/open', {
      method: 'POST',
      headers: { Authorization: `Bearer ${who.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw { status_code: res.status, server_error_id: res.json.id };
    return res.json;
  };
  const lastCall = (path: string) => received.filter((r) => r.path === path).at(-1);

  test('a button click reaches the integration with its context; the answer updates the post and tells the user', async () => {
    const post = await interactivePost();
    const answer = await bob.client.doPostActionWithCookie(post.id, 'approve', '');
    assert.equal(answer.status, 'OK');
    assert.match(answer.trigger_id, /^[a-z0-9]{26}$/);
    const call = lastCall('/approve');
    assert.ok(call);
    const { trigger_id: triggerId, ...rest } = call.body;
    assert.deepEqual(rest, {
      user_id: bob.user.id,
      user_name: bob.user.username,
      channel_id: channel.id,
      channel_name: channel.name,
      team_id: team.id,
      team_domain: team.name,
      post_id: post.id,
      type: 'button',
      data_source: '',
      context: { ticket: 42 },
    });
    assert.equal(typeof triggerId, 'string');

    const edited = await bobSocket.event(
      'post_edited',
      (m) => (JSON.parse((m.data as { post: string }).post) as Post).id === post.id,
    );
    const updated = JSON.parse((edited.data as { post: string }).post) as Post;
    assert.equal(updated.message, 'Approved by the team');
    // Props that say who posted cannot be set by the integration.
    assert.deepEqual(updated.props, { note: 'done' });
    assert.equal((await admin.client.getPost(post.id)).message, 'Approved by the team');
    const eph = await bobSocket.event('ephemeral_message', (m) =>
      (JSON.parse((m.data as { post: string }).post) as Post).message.startsWith('You approved'),
    );
    assert.equal(
      (JSON.parse((eph.data as { post: string }).post) as Post).message,
      'You approved [ticket 42](https://t.example.com/42)',
    );
  });

  test('a select sends the chosen option in the context; goto_location comes back', async () => {
    const post = await interactivePost();
    await bob.client.doPostActionWithCookie(post.id, 'pick', '', 'one');
    assert.deepEqual(lastCall('/select')?.body.context, { k: 'v', selected_option: 'one' });
    assert.equal(lastCall('/select')?.body.type, 'select');
    const go = (await bob.client.doPostActionWithCookie(post.id, 'go', '')) as { goto_location?: string };
    assert.equal(go.goto_location, 'https://example.com/next');
  });

  test('unknown actions, unreadable posts, failing and forbidden integrations are refused', async () => {
    const post = await interactivePost();
    const unknown = await clientError(() => bob.client.doPostActionWithCookie(post.id, 'nope', ''));
    assert.equal(unknown.status_code, 404);
    assert.equal(unknown.server_error_id, 'api.post.do_action.action_id.app_error');
    const outsider = await clientError(() => eve.client.doPostActionWithCookie(post.id, 'approve', ''));
    assert.equal(outsider.status_code, 403);
    const failing = await clientError(() => bob.client.doPostActionWithCookie(post.id, 'broken', ''));
    assert.equal(failing.status_code, 400);
    assert.equal(failing.server_error_id, 'api.post.do_action.action_integration.app_error');
    const leak = await clientError(() => bob.client.doPostActionWithCookie(post.id, 'leak', ''));
    assert.equal(leak.status_code, 400);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(canaryConnections, 0);
    assert.equal((await admin.client.getPost(post.id)).message, 'Deploy ticket 42?');
  });

  test('buttons on an ephemeral post work through their signed cookie', async () => {
    const cmd = await admin.client.addCommand({
      team_id: team.id,
      trigger: unique('pick'),
      method: 'P',
      url: `${base}/command`,
    } as never);
    await bob.client.executeCommand(`/${cmd.trigger}`, { channel_id: channel.id, team_id: team.id });
    const shown = await bobSocket.event(
      'ephemeral_message',
      (m) => (JSON.parse((m.data as { post: string }).post) as Post).message === 'Pick one',
    );
    const eph = JSON.parse((shown.data as { post: string }).post) as Post;
    const action = (eph.props as { attachments: { actions: { id: string; cookie: string }[] }[] })
      .attachments[0].actions[0];
    assert.equal(action.id, 'yes');
    assert.ok(action.cookie);

    const tampered = await clientError(() =>
      bob.client.doPostActionWithCookie(eph.id, 'yes', `${action.cookie.slice(0, -3)}xyz`),
    );
    assert.equal(tampered.status_code, 400);
    const elsewhere = await clientError(() =>
      bob.client.doPostActionWithCookie(eph.id, 'other', action.cookie),
    );
    assert.equal(elsewhere.status_code, 400);

    await bob.client.doPostActionWithCookie(eph.id, 'yes', action.cookie);
    assert.equal(lastCall('/eph-click')?.body.post_id, eph.id);
    assert.deepEqual(lastCall('/eph-click')?.body.context, { n: 1 });
    const edited = await bobSocket.event(
      'post_edited',
      (m) => (JSON.parse((m.data as { post: string }).post) as Post).id === eph.id,
    );
    assert.equal((JSON.parse((edited.data as { post: string }).post) as Post).message, 'You chose yes');
  });

  test('a trigger id opens a dialog for its user only while fresh; submissions come back with their errors', async () => {
    const post = await interactivePost();
    await bob.client.doPostActionWithCookie(post.id, 'pick', '', 'one');
    const triggerId = String(lastCall('/select')?.body.trigger_id);
    const dialog = {
      callback_id: 'cb',
      title: 'Name it',
      elements: [{ display_name: 'Name', name: 'name', type: 'text' }],
      submit_label: 'Save',
      state: 's1',
    };
    // The integration opens it with its own credentials.
    assert.deepEqual(await openDialog(admin, { trigger_id: triggerId, url: `${base}/submit`, dialog }), {
      status: 'OK',
    });
    const opened = await bobSocket.event('open_dialog');
    assert.deepEqual(JSON.parse((opened.data as { dialog: string }).dialog), {
      trigger_id: triggerId,
      url: `${base}/submit`,
      dialog,
    });

    const forged = `${triggerId.slice(0, -4)}AAAA`;
    const bad = await clientError(() =>
      openDialog(admin, { trigger_id: forged, url: `${base}/submit`, dialog }),
    );
    assert.equal(bad.status_code, 400);
    await new Promise((r) => setTimeout(r, 3100));
    const expired = await clientError(() =>
      openDialog(admin, { trigger_id: triggerId, url: `${base}/submit`, dialog }),
    );
    assert.equal(expired.server_error_id, 'interactive_message.decode_trigger_id.expired');

    const submission = {
      url: `${base}/submit`,
      callback_id: 'cb',
      state: 's1',
      channel_id: channel.id,
      team_id: team.id,
      submission: { name: '' },
      cancelled: false,
    };
    const result = await bob.client.submitInteractiveDialog(submission as never);
    assert.deepEqual(result, { errors: { name: 'A name is required' } });
    const sent = lastCall('/submit')?.body;
    assert.equal(sent?.type, 'dialog_submission');
    assert.equal(sent?.user_id, bob.user.id);
    assert.deepEqual(sent?.submission, { name: '' });
    assert.deepEqual(
      await bob.client.submitInteractiveDialog({ ...submission, url: `${base}/submit-ok` } as never),
      {},
    );
    const foreign = await clientError(() => eve.client.submitInteractiveDialog(submission as never));
    assert.equal(foreign.status_code, 403);
  });

  test('a dynamic select asks its integration for options; the team is that of the channel', async () => {
    const lookup = {
      url: `${base}/lookup`,
      callback_id: 'cb',
      state: 's1',
      channel_id: channel.id,
      team_id: 'someoneelsesteamxxxxxxxxxx',
      submission: { query: 'al', selected_field: 'pick' },
    };
    const answer = await bob.client.lookupInteractiveDialog(lookup as never);
    // The malformed option is dropped.
    assert.deepEqual(answer, {
      items: [
        { text: 'Alpha', value: 'a' },
        { text: 'Beta', value: 'b' },
      ],
    });
    const sent = lastCall('/lookup')?.body;
    assert.equal(sent?.type, 'dialog_lookup');
    assert.equal(sent?.user_id, bob.user.id);
    assert.equal(sent?.team_id, team.id);
    assert.deepEqual(sent?.submission, { query: 'al', selected_field: 'pick' });

    // Someone outside the channel, a bad URL, a refused address, a failing integration.
    assert.equal(
      (await clientError(() => eve.client.lookupInteractiveDialog(lookup as never))).status_code,
      403,
    );
    for (const url of ['', '/plugins/x/lookup', 'ftp://example.com/x']) {
      const bad = await clientError(() => bob.client.lookupInteractiveDialog({ ...lookup, url } as never));
      assert.equal(bad.status_code, 400, url);
    }
    const before = canaryConnections;
    const refused = await clientError(() =>
      bob.client.lookupInteractiveDialog({ ...lookup, url: `${canaryBase}/x` } as never),
    );
    assert.equal(refused.status_code, 400);
    assert.equal(canaryConnections, before);
    const failing = await clientError(() =>
      bob.client.lookupInteractiveDialog({ ...lookup, url: `${base}/fail` } as never),
    );
    assert.equal(failing.status_code, 400);
  });
});
