import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel } from '@mattermost/types/channels';
import type { OutgoingWebhook } from '@mattermost/types/integrations';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { clientError, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import { until } from './websocket-setup.ts';

/**
 * Outgoing webhooks against a real HTTP receiver on 127.0.0.1 (allow-listed through
 * AllowedUntrustedInternalConnections): what it receives, and how its answers become posts.
 */

interface Received {
  path: string;
  contentType: string;
  fields: Record<string, unknown>;
}

describe('outgoing webhooks', () => {
  let server: TestServer;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  let admin: LoggedIn;
  let bob: LoggedIn;
  let team: Team;
  let channel: Channel;
  let quiet: Channel;
  let secret: Channel;

  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        const contentType = req.headers['content-type'] ?? '';
        const fields = contentType.startsWith('application/json')
          ? (JSON.parse(body) as Record<string, unknown>)
          : Object.fromEntries(new URLSearchParams(body));
        received.push({ path: req.url ?? '', contentType, fields });
        if (req.url === '/reply') {
          res.setHeader('Content-Type', 'application/json');
          res.end(
            JSON.stringify({
              text: `pong <https://example.com|link> to ${String(fields.user_name)}`,
              response_type: 'comment',
              username: 'PingBot',
              props: { extra: 'yes', from_webhook: 'no' },
              attachments: [{ color: '#ff0000', text: 'details' }],
            }),
          );
          return;
        }
        if (req.url === '/channel') {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ text: 'heard you' }));
          return;
        }
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    server = await startTestServer({
      ServiceSettings: { AllowedUntrustedInternalConnections: '127.0.0.1', EnablePostUsernameOverride: true },
    });
    admin = await server.newUser({ username: unique('admin') });
    bob = await server.userByAdmin(admin.client, { username: unique('bob') });
    team = await admin.client.createTeam({ name: unique('team'), display_name: 'T', type: 'O' } as never);
    await admin.client.addToTeam(team.id, bob.user.id);
    const mk = async (type: 'O' | 'P') => {
      const c = await admin.client.createChannel({
        team_id: team.id,
        name: unique('ch'),
        display_name: 'C',
        type,
      } as never);
      await admin.client.addToChannel(bob.user.id, c.id);
      return c;
    };
    channel = await mk('O');
    quiet = await mk('O');
    secret = await mk('P');
  });
  after(async () => {
    receiver.close();
    await server.close();
  });

  const hookFields = (over: Partial<OutgoingWebhook>): OutgoingWebhook =>
    ({
      team_id: team.id,
      display_name: 'Ping',
      trigger_words: [],
      callback_urls: [],
      ...over,
    }) as OutgoingWebhook;
  const postAs = (who: LoggedIn, channelId: string, message: string, rootId = '') =>
    who.client.createPost({ channel_id: channelId, message, root_id: rootId } as Post);
  const calls = (path: string) => received.filter((r) => r.path === path);

  test('a trigger word sends the post (form-encoded) and a comment answer replies in the thread', async () => {
    const hook = await admin.client.createOutgoingWebhook(
      hookFields({ trigger_words: ['!ping'], callback_urls: [`${base}/reply`], username: 'HookName' }),
    );
    assert.equal(hook.token.length, 26);
    assert.equal(hook.creator_id, admin.user.id);
    const post = await postAs(bob, channel.id, '!ping are you there?');
    const call = await until(() => calls('/reply').find((r) => r.fields.post_id === post.id), 'the callback');
    assert.equal(call.contentType, 'application/x-www-form-urlencoded');
    assert.deepEqual(call.fields, {
      token: hook.token,
      team_id: team.id,
      team_domain: team.name,
      channel_id: channel.id,
      channel_name: channel.name,
      timestamp: String(post.create_at),
      user_id: bob.user.id,
      user_name: bob.user.username,
      post_id: post.id,
      text: '!ping are you there?',
      trigger_word: '!ping',
      file_ids: '',
    });
    const reply = await until(async () => {
      const thread = await bob.client.getPostThread(post.id);
      return thread.order.map((id) => thread.posts[id]).find((p) => p.id !== post.id);
    }, 'the reply in the thread');
    assert.equal(reply.root_id, post.id);
    assert.equal(reply.user_id, admin.user.id);
    assert.equal(reply.message, `pong [link](https://example.com) to ${bob.user.username}`);
    assert.equal(reply.props.from_webhook, 'true');
    assert.equal(reply.props.override_username, 'PingBot');
    assert.equal(reply.props.webhook_display_name, 'Ping');
    assert.equal(reply.props.extra, 'yes');
    assert.deepEqual(reply.props.attachments, [{ color: '#ff0000', text: 'details' }]);

    // Exact match only: a longer first word or the word later in the message does not fire.
    const before = calls('/reply').length;
    await postAs(bob, channel.id, '!pinged nothing');
    await postAs(bob, channel.id, 'say !ping');
    const regenerated = await admin.client.regenOutgoingHookToken(hook.id);
    assert.notEqual(regenerated.token, hook.token);
    const marker = await postAs(bob, channel.id, '!ping again');
    const next = await until(
      () => calls('/reply').find((r) => r.fields.post_id === marker.id),
      'the next callback',
    );
    assert.equal(next.fields.token, regenerated.token);
    assert.equal(calls('/reply').length, before + 1);
    await admin.client.removeOutgoingWebhook(hook.id);
  });

  test('starts-with triggers, whole-channel hooks with JSON bodies, never private channels or webhook posts', async () => {
    const startsWith = await admin.client.createOutgoingWebhook(
      hookFields({ trigger_words: ['deploy'], trigger_when: 1, callback_urls: [`${base}/plain`] }),
    );
    const whole = await admin.client.createOutgoingWebhook(
      hookFields({
        channel_id: quiet.id,
        callback_urls: [`${base}/channel`],
        content_type: 'application/json',
      }),
    );
    await postAs(bob, secret.id, 'deployment in private');
    const p1 = await postAs(bob, channel.id, 'deployment started');
    const call = await until(
      () => calls('/plain').find((r) => r.fields.post_id === p1.id),
      'starts-with callback',
    );
    assert.equal(call.fields.trigger_word, 'deploy');
    assert.equal(calls('/plain').length, 1, 'the private channel post did not fire');

    const p2 = await postAs(bob, quiet.id, 'anything at all');
    const json = await until(
      () => calls('/channel').find((r) => r.fields.post_id === p2.id),
      'channel callback',
    );
    assert.equal(json.contentType, 'application/json');
    assert.equal(json.fields.trigger_word, '');
    assert.equal(json.fields.timestamp, p2.create_at);
    // Its answer is posted in the channel, and that webhook post does not fire the hook again.
    const answer = await until(async () => {
      const list = await bob.client.getPosts(quiet.id, 0, 5);
      return Object.values(list.posts).find((p) => p.message === 'heard you');
    }, 'the channel answer');
    assert.equal(answer.root_id, '');
    const p3 = await postAs(bob, quiet.id, 'second');
    await until(() => calls('/channel').find((r) => r.fields.post_id === p3.id), 'second channel callback');
    assert.equal(calls('/channel').length, 2);
    await admin.client.removeOutgoingWebhook(startsWith.id);
    await admin.client.removeOutgoingWebhook(whole.id);
  });

  test('a callback on a loopback address that is not allow-listed is never called; the post still succeeds', async () => {
    await admin.client.patchConfig({ ServiceSettings: { AllowedUntrustedInternalConnections: '' } } as never);
    const hook = await admin.client.createOutgoingWebhook(
      hookFields({ trigger_words: ['!blocked'], callback_urls: [`${base}/blocked`] }),
    );
    try {
      const post = await postAs(bob, channel.id, '!blocked hello');
      assert.ok(post.id);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(calls('/blocked').length, 0);
    } finally {
      await admin.client.patchConfig({
        ServiceSettings: { AllowedUntrustedInternalConnections: '127.0.0.1' },
      } as never);
      await admin.client.removeOutgoingWebhook(hook.id);
    }
  });

  test('CRUD with its rules and refusals', async () => {
    const hook = await admin.client.createOutgoingWebhook(
      hookFields({ trigger_words: ['a', 'b'], callback_urls: [`${base}/x`], description: 'd' }),
    );
    assert.deepEqual(await admin.client.getOutgoingWebhook(hook.id), hook);
    assert.ok((await admin.client.getOutgoingWebhooks('', team.id)).some((h) => h.id === hook.id));
    assert.equal((await admin.client.getOutgoingWebhooks(quiet.id)).length, 0);
    const updated = await admin.client.updateOutgoingWebhook({
      ...hook,
      trigger_words: ['c'],
      display_name: 'New',
    });
    assert.deepEqual(updated.trigger_words, ['c']);
    assert.equal(updated.token, hook.token);
    assert.equal(updated.creator_id, admin.user.id);

    const refused = async (over: Partial<OutgoingWebhook>, status: number, id?: string) => {
      const err = await clientError(() => admin.client.createOutgoingWebhook(hookFields(over)));
      assert.equal(err.status_code, status, JSON.stringify(over));
      if (id) assert.equal(err.server_error_id, id);
    };
    await refused({ callback_urls: [`${base}/y`] }, 400, 'api.webhook.create_outgoing.triggers.app_error');
    await refused(
      { trigger_words: ['z'], callback_urls: [] },
      400,
      'model.outgoing_hook.is_valid.callback.app_error',
    );
    await refused(
      { trigger_words: ['z'], callback_urls: ['ftp://x'] },
      400,
      'model.outgoing_hook.is_valid.url.app_error',
    );
    await refused(
      { channel_id: secret.id, callback_urls: [`${base}/y`] },
      403,
      'api.webhook.create_outgoing.not_open.app_error',
    );
    await refused(
      { trigger_words: ['c'], callback_urls: [`${base}/x`] },
      400,
      'api.webhook.create_outgoing.intersect.app_error',
    );
    await refused({ trigger_words: ['z'], callback_urls: [`${base}/y`], trigger_when: 2 }, 400);
    await refused({ team_id: 'nope', trigger_words: ['z'], callback_urls: [`${base}/y`] }, 400);

    // A plain member holds no outgoing webhook permission.
    assert.equal(
      (
        await clientError(() =>
          bob.client.createOutgoingWebhook(
            hookFields({ trigger_words: ['q'], callback_urls: [`${base}/q`] }),
          ),
        )
      ).status_code,
      403,
    );
    assert.equal((await clientError(() => bob.client.getOutgoingWebhook(hook.id))).status_code, 403);
    assert.equal((await clientError(() => bob.client.regenOutgoingHookToken(hook.id))).status_code, 403);
    assert.equal((await clientError(() => bob.client.getOutgoingWebhooks('', team.id))).status_code, 403);

    await admin.client.patchConfig({ ServiceSettings: { EnableOutgoingWebhooks: false } } as never);
    try {
      const off = await clientError(() => admin.client.getOutgoingWebhook(hook.id));
      assert.equal(off.status_code, 501);
      assert.equal(off.server_error_id, 'api.outgoing_webhook.disabled.app_error');
    } finally {
      await admin.client.patchConfig({ ServiceSettings: { EnableOutgoingWebhooks: true } } as never);
    }
    await admin.client.removeOutgoingWebhook(hook.id);
    assert.equal((await clientError(() => admin.client.getOutgoingWebhook(hook.id))).status_code, 404);
  });
});
