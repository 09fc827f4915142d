import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import type { IncomingWebhook } from '@mattermost/types/integrations';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { clientError, raw, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import { officialSocket, type Msg, type OfficialSocket } from './websocket-setup.ts';

/**
 * Incoming webhooks: management through Client4 with its permission rules, and POST /hooks/{id}
 * as CI systems and Slack scripts call it, seen by a member over the official WebSocket client.
 */
describe('incoming webhooks', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let bob: LoggedIn;
  let team: Team;
  let ciCd: Channel;
  let secret: Channel;
  let hook: IncomingWebhook;
  let bobSocket: OfficialSocket;

  const send = (id: string, body: string, contentType = 'application/json') =>
    raw(server, `/hooks/${id}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  const lastPost = async (channelId: string, client = admin.client) => {
    const list = await client.getPosts(channelId, 0, 1);
    return list.posts[list.order[0]];
  };
  const postOf = (m: Msg) => JSON.parse((m.data as { post: string }).post) as Post;

  before(async () => {
    server = await startTestServer({
      ServiceSettings: { EnablePostUsernameOverride: true, EnablePostIconOverride: true },
    });
    admin = await server.newUser({ username: unique('admin') });
    bob = await server.userByAdmin(admin.client, { username: unique('bob') });
    team = await admin.client.createTeam({ name: unique('team'), display_name: 'T', type: 'O' } as never);
    await admin.client.addToTeam(team.id, bob.user.id);
    ciCd = await admin.client.createChannel({
      team_id: team.id,
      name: 'ci-cd',
      display_name: 'CI/CD',
      type: 'O',
    } as never);
    await admin.client.addToChannel(bob.user.id, ciCd.id);
    secret = await admin.client.createChannel({
      team_id: team.id,
      name: unique('secret'),
      display_name: 'S',
      type: 'P',
    } as never);
    const townSquare = await admin.client.getChannelByName(team.id, 'town-square');
    hook = await admin.client.createIncomingWebhook({
      channel_id: townSquare.id,
      display_name: 'CI',
      description: 'builds',
    });
    bobSocket = await officialSocket(server, bob.token);
  });
  after(async () => {
    bobSocket?.close();
    await server.close();
  });

  test('the CI notification reaches a member over the WebSocket with its attachments', async () => {
    const body = JSON.stringify({
      channel: 'ci-cd',
      username: 'BuildBot',
      icon_url: 'https://ci.example.com/icon.png',
      text: 'Build #42 passed: <https://ci.example.com/42|details> <!channel>',
      attachments: [
        {
          color: 'good',
          fallback: 'Build #42 passed',
          title: 'main @ 1a2b3c',
          fields: [
            { title: 'Branch', value: 'main', short: true },
            { title: 'Duration', value: 42, short: true },
          ],
        },
      ],
    });
    const res = await send(hook.id, body);
    assert.equal(res.status, 200);
    assert.equal(res.text, 'ok');
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);

    const event = await bobSocket.event('posted', (m) => postOf(m).channel_id === ciCd.id);
    const post = postOf(event);
    assert.equal(post.user_id, admin.user.id, 'the hook owner is the author');
    assert.equal(post.message, 'Build #42 passed: [details](https://ci.example.com/42) @channel');
    assert.equal(post.type, 'slack_attachment');
    assert.equal(post.props.from_webhook, 'true');
    assert.equal(post.props.override_username, 'BuildBot');
    assert.equal(post.props.override_icon_url, 'https://ci.example.com/icon.png');
    assert.equal(post.props.webhook_display_name, 'CI');
    const [attachment] = post.props.attachments as Record<string, unknown>[];
    assert.equal(attachment.color, 'good');
    assert.equal(attachment.title, 'main @ 1a2b3c');
    assert.deepEqual(attachment.fields, [
      { title: 'Branch', value: 'main', short: true },
      { title: 'Duration', value: '42', short: true },
    ]);
    assert.equal(
      (event.data as { set_online: boolean }).set_online,
      false,
      'a webhook does not mark anyone online',
    );
    assert.deepEqual(JSON.parse((event.data as { mentions?: string }).mentions ?? '[]'), [bob.user.id]);
    assert.equal((await lastPost(ciCd.id, bob.client)).id, post.id, 'the member reads it over REST too');
  });

  test('form-encoded payload=, multipart and @username DMs', async () => {
    const form = new URLSearchParams({ payload: JSON.stringify({ text: 'from a form' }) }).toString();
    assert.equal((await send(hook.id, form, 'application/x-www-form-urlencoded')).status, 200);
    assert.equal((await lastPost(hook.channel_id)).message, 'from a form');

    // Hand-written payloads with raw newlines inside strings are accepted, as upstream.
    assert.equal((await send(hook.id, '{"text": "line one\nline two"}')).status, 200);
    assert.equal((await lastPost(hook.channel_id)).message, 'line one\nline two');

    const multipart = new FormData();
    multipart.set('payload', JSON.stringify({ text: 'multipart payload' }));
    const viaPayload = await raw(server, `/hooks/${hook.id}`, { method: 'POST', body: multipart });
    assert.equal(viaPayload.status, 200, viaPayload.text);
    assert.equal((await lastPost(hook.channel_id)).message, 'multipart payload');

    const fields = new FormData();
    fields.set('text', 'multipart fields');
    fields.set('channel', 'ci-cd');
    assert.equal((await raw(server, `/hooks/${hook.id}`, { method: 'POST', body: fields })).status, 200);
    assert.equal((await lastPost(ciCd.id)).message, 'multipart fields');

    assert.equal(
      (await send(hook.id, JSON.stringify({ channel: `@${bob.user.username}`, text: 'psst' }))).status,
      200,
    );
    const dm = await bob.client.createDirectChannel([admin.user.id, bob.user.id]);
    const last = await lastPost(dm.id, bob.client);
    assert.equal(last.message, 'psst');
    assert.equal(last.user_id, admin.user.id);
  });

  test('a locked hook posts only to its channel; overrides follow the settings; long text is split', async () => {
    const locked = await admin.client.updateIncomingWebhook({ ...hook, channel_locked: true });
    assert.equal(locked.channel_locked, true);
    await send(hook.id, JSON.stringify({ channel: 'ci-cd', text: 'locked in' }));
    assert.equal((await lastPost(hook.channel_id)).message, 'locked in');
    assert.notEqual((await lastPost(ciCd.id)).message, 'locked in');

    await admin.client.patchConfig({
      ServiceSettings: { EnablePostUsernameOverride: false, EnablePostIconOverride: false },
    } as never);
    try {
      await send(
        hook.id,
        JSON.stringify({
          text: 'plain',
          username: 'Nope',
          icon_url: 'https://x/y.png',
          props: { card: 'c', from_webhook: 'no' },
        }),
      );
      const post = await lastPost(hook.channel_id);
      assert.equal(post.props.override_username, undefined);
      assert.equal(post.props.override_icon_url, undefined);
      assert.equal(post.props.from_webhook, 'true', 'an integration cannot unmark itself');
      assert.equal(post.props.card, 'c');
    } finally {
      await admin.client.patchConfig({
        ServiceSettings: { EnablePostUsernameOverride: true, EnablePostIconOverride: true },
      } as never);
    }

    const long = 'a'.repeat(16383) + 'b'.repeat(10);
    assert.equal((await send(hook.id, JSON.stringify({ text: long }))).status, 200);
    const list = await admin.client.getPosts(hook.channel_id, 0, 2);
    const [newest, previous] = list.order.map((id) => list.posts[id]);
    assert.equal(previous.message.length, 16383);
    assert.equal(newest.message, 'b'.repeat(10));
    await admin.client.updateIncomingWebhook({ ...hook, channel_locked: false });
  });

  test('POST /hooks/{id} refuses like Mattermost and reveals nothing about unknown hooks', async () => {
    const unknown = await send('a'.repeat(26), JSON.stringify({ text: 'x' }));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.id, 'web.incoming_webhook.invalid.app_error');
    assert.equal((await send('not-an-id', JSON.stringify({ text: 'x' }))).status, 400);
    const noText = await send(hook.id, JSON.stringify({ channel: 'ci-cd' }));
    assert.equal(noText.status, 400);
    assert.equal(noText.json.id, 'web.incoming_webhook.text.app_error');
    const badJson = await send(hook.id, '{"text": ');
    assert.equal(badJson.status, 400);
    assert.equal(badJson.json.id, 'model.incoming_hook.parse_data.app_error');
    const noPayload = await send(hook.id, 'text=hi', 'application/x-www-form-urlencoded');
    assert.equal(noPayload.status, 400);
    const noChannel = await send(hook.id, JSON.stringify({ text: 'x', channel: 'nowhere' }));
    assert.equal(noChannel.status, 404);
    const noUser = await send(hook.id, JSON.stringify({ text: 'x', channel: '@nobody-here' }));
    assert.equal(noUser.status, 400);
    const systemType = await send(hook.id, JSON.stringify({ text: 'x', type: 'system_join_channel' }));
    assert.equal(systemType.status, 400);
    // The owner is not in the private channel, so the hook may not post there.
    const other = await server.userByAdmin(admin.client);
    await admin.client.addToTeam(team.id, other.user.id);
    await admin.client.updateTeamMemberRoles(team.id, other.user.id, 'team_user team_admin' as never);
    const otherHook = await other.client.createIncomingWebhook({ channel_id: hook.channel_id });
    const priv = await send(otherHook.id, JSON.stringify({ text: 'x', channel: secret.name }));
    assert.equal(priv.status, 403);
    assert.equal(priv.json.id, 'web.incoming_webhook.permissions.app_error');

    await admin.client.patchConfig({ ServiceSettings: { EnableIncomingWebhooks: false } } as never);
    try {
      const off = await send(hook.id, JSON.stringify({ text: 'x' }));
      assert.equal(off.status, 501);
      assert.equal((await clientError(() => admin.client.getIncomingWebhook(hook.id))).status_code, 501);
    } finally {
      await admin.client.patchConfig({ ServiceSettings: { EnableIncomingWebhooks: true } } as never);
    }
  });

  test('CRUD with ownership rules', async () => {
    const created = await admin.client.createIncomingWebhook({
      channel_id: ciCd.id,
      display_name: 'Deploys',
      username: 'deployer',
    });
    assert.equal(created.team_id, team.id);
    assert.equal(created.user_id, admin.user.id);
    assert.equal(created.channel_locked, false);
    assert.deepEqual(await admin.client.getIncomingWebhook(created.id), created);
    const listed = (await admin.client.getIncomingWebhooks(team.id, 0, 100)) as IncomingWebhook[];
    assert.ok(listed.some((h) => h.id === created.id));
    const counted = (await admin.client.getIncomingWebhooks(team.id, 0, 1, true)) as {
      incoming_webhooks: IncomingWebhook[];
      total_count: number;
    };
    assert.equal(counted.incoming_webhooks.length, 1);
    assert.ok(counted.total_count >= 2);
    const updated = await admin.client.updateIncomingWebhook({
      ...created,
      display_name: 'Deploys 2',
      channel_id: hook.channel_id,
    });
    assert.equal(updated.display_name, 'Deploys 2');
    assert.equal(updated.channel_id, hook.channel_id);
    assert.ok(updated.update_at >= created.update_at);

    // A plain team member holds no webhook permission.
    assert.equal(
      (await clientError(() => bob.client.createIncomingWebhook({ channel_id: ciCd.id }))).status_code,
      403,
    );
    assert.equal((await clientError(() => bob.client.getIncomingWebhook(created.id))).status_code, 403);
    assert.equal((await clientError(() => bob.client.getIncomingWebhooks(team.id))).status_code, 403);
    assert.equal((await clientError(() => bob.client.removeIncomingWebhook(created.id))).status_code, 403);
    // Bad input.
    const noChannel = await clientError(() => admin.client.createIncomingWebhook({ channel_id: 'x' }));
    assert.equal(noChannel.status_code, 400);
    assert.equal(
      (await clientError(() => admin.client.createIncomingWebhook({ channel_id: 'b'.repeat(26) })))
        .status_code,
      404,
    );
    const longName = await clientError(() =>
      admin.client.createIncomingWebhook({ channel_id: ciCd.id, display_name: 'x'.repeat(65) }),
    );
    assert.equal(longName.server_error_id, 'model.incoming_hook.display_name.app_error');
    const mismatch = await raw(server, `/api/v4/hooks/incoming/${created.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ ...created, id: hook.id }),
    });
    assert.equal(mismatch.status, 400);
    assert.equal((await clientError(() => admin.client.getIncomingWebhook('c'.repeat(26)))).status_code, 404);

    await admin.client.removeIncomingWebhook(created.id);
    assert.equal((await clientError(() => admin.client.getIncomingWebhook(created.id))).status_code, 404);
    const gone = await send(created.id, JSON.stringify({ text: 'x' }));
    assert.equal(gone.status, 404);
  });

  test("a second team admin manages others' hooks and may create one owned by another user", async () => {
    const carol = await server.userByAdmin(admin.client);
    await admin.client.addToTeam(team.id, carol.user.id);
    await admin.client.updateTeamMemberRoles(team.id, carol.user.id, 'team_user team_admin' as never);
    const seen = await carol.client.getIncomingWebhook(hook.id);
    assert.equal(seen.id, hook.id);
    const mine = await carol.client.createIncomingWebhook({ channel_id: ciCd.id, user_id: bob.user.id });
    assert.equal(mine.user_id, bob.user.id, 'a manager of others may create a hook owned by another user');
    assert.equal((await send(mine.id, JSON.stringify({ text: 'as bob' }))).status, 200);
    assert.equal((await lastPost(ciCd.id)).user_id, bob.user.id);
  });
});
