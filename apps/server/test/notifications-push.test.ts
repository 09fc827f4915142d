import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { LoggedIn } from './harness.ts';
import { notifyWorld, sleep, statusOf, until, type NotifyWorld } from './notifications-setup.ts';

/**
 * Push notifications to a local stand-in for Mattermost's push proxy. Loopback is not in
 * AllowedUntrustedInternalConnections: the configured push server is trusted by the administrator.
 */

interface Received {
  path: string;
  body: Record<string, unknown>;
  raw: string;
}

describe('push notifications', () => {
  let proxy: Server;
  const received: Received[] = [];
  let w: NotifyWorld;
  let db: pg.Client;

  before(async () => {
    proxy = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(raw) as Record<string, unknown>;
        received.push({ path: req.url ?? '', body, raw });
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(body.device_id === 'uninstalled' ? { status: 'REMOVE' } : { status: 'OK' }));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
    const port = (proxy.address() as AddressInfo).port;
    w = await notifyWorld({
      EmailSettings: {
        SendEmailNotifications: false,
        SendPushNotifications: true,
        PushNotificationServer: `http://127.0.0.1:${port}/`,
      },
    });
    db = new pg.Client({ connectionString: w.server.dataSource });
    await db.connect();
    await phone(w.bob, 'apple_rn-v2:bob-token');
    await phone(w.carol, 'android_rn-v2:carol-token');
  });
  after(async () => {
    await db.end();
    await w.server.close();
    await new Promise((resolve) => proxy.close(resolve));
  });

  /** A second, mobile login of the user whose session carries the device id. */
  async function phone(who: LoggedIn, deviceId: string): Promise<string> {
    const res = await fetch(`${w.server.url}/api/v4/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login_id: who.user.username, password: who.password, device_id: deviceId }),
    });
    assert.equal(res.status, 200);
    return res.headers.get('token') ?? '';
  }

  const to = (token: string, from: number) => received.slice(from).filter((r) => r.body.device_id === token);

  /** Posts, then mentions carol (offline) and waits for her push: by then the first post's pushes are out. */
  async function postThenBarrier(message: string): Promise<{ from: number; postId: string }> {
    const from = received.length;
    const post = await w.alice.client.createPost({ channel_id: w.channel.id, message } as never);
    await sleep(150);
    await statusOf(w, w.carol, 'offline');
    const barrier = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `barrier @${w.carol.user.username}`,
    } as never);
    await until(() => to('carol-token', from).some((r) => r.body.post_id === barrier.id), 'the barrier push');
    return { from, postId: post.id };
  }

  test('id_loaded (the default): the push carries ids and no message text', async () => {
    await statusOf(w, w.bob, 'offline');
    const from = received.length;
    const post = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `top secret launch code @${w.bob.user.username}`,
    } as never);
    await until(() => to('bob-token', from).length > 0, 'a push to bob');
    const [push] = to('bob-token', from);
    assert.equal(push.path, '/api/v1/send_push');
    assert.equal(push.body.platform, 'apple_rn-v2');
    assert.equal(push.body.type, 'message');
    assert.equal(push.body.version, 'v2');
    assert.equal(push.body.is_id_loaded, true);
    assert.equal(push.body.post_id, post.id);
    assert.equal(push.body.channel_id, w.channel.id);
    assert.equal(push.body.team_id, w.team.id);
    assert.equal(push.body.sender_id, w.alice.user.id);
    assert.equal(push.body.message, "You've received a new message.");
    assert.ok(Number(push.body.badge) >= 1);
    assert.equal(typeof push.body.ack_id, 'string');
    assert.equal(typeof push.body.server_id, 'string');
    for (const leak of ['top secret', w.alice.user.username, w.channel.display_name])
      assert.ok(!push.raw.includes(leak), `payload leaks ${leak}`);
  });

  test('full contents carry the sender, the channel and the text', async () => {
    await w.server.parley.app.config.patch({ EmailSettings: { PushNotificationContents: 'full' } });
    try {
      await statusOf(w, w.bob, 'away');
      const from = received.length;
      const post = await w.alice.client.createPost({
        channel_id: w.channel.id,
        message: `lunch? @${w.bob.user.username}`,
      } as never);
      await until(() => to('bob-token', from).length > 0, 'a push to bob');
      const [push] = to('bob-token', from);
      assert.equal(push.body.is_id_loaded, false);
      assert.equal(push.body.post_id, post.id);
      assert.equal(push.body.sender_name, w.alice.user.username);
      assert.equal(push.body.channel_name, w.channel.display_name);
      assert.equal(push.body.message, `${w.alice.user.username}: lunch? @${w.bob.user.username}`);
    } finally {
      await w.server.parley.app.config.patch({ EmailSettings: { PushNotificationContents: 'id_loaded' } });
    }
  });

  test('no push without a mention, when online (push_status away), or in do-not-disturb', async () => {
    await statusOf(w, w.bob, 'offline');
    let r = await postThenBarrier('nothing for bob');
    assert.equal(to('bob-token', r.from).length, 0);

    await statusOf(w, w.bob, 'online');
    r = await postThenBarrier(`online @${w.bob.user.username}`);
    assert.equal(to('bob-token', r.from).length, 0);

    await statusOf(w, w.bob, 'dnd');
    r = await postThenBarrier(`dnd @${w.bob.user.username}`);
    assert.equal(to('bob-token', r.from).length, 0);
  });

  test('push "all" rings for every message; a muted channel rings for none', async () => {
    await w.bob.client.updateChannelNotifyProps({
      channel_id: w.channel.id,
      user_id: w.bob.user.id,
      push: 'all',
    });
    await statusOf(w, w.bob, 'offline');
    let r = await postThenBarrier('everyone hears this');
    // The message and the barrier after it: every message of the channel.
    assert.ok(to('bob-token', r.from).some((p) => p.body.post_id === r.postId));
    await w.bob.client.updateChannelNotifyProps({
      channel_id: w.channel.id,
      user_id: w.bob.user.id,
      mark_unread: 'mention',
    });
    r = await postThenBarrier(`muted @${w.bob.user.username}`);
    assert.equal(to('bob-token', r.from).length, 0);
    await w.bob.client.updateChannelNotifyProps({
      channel_id: w.channel.id,
      user_id: w.bob.user.id,
      push: 'default',
      mark_unread: 'all',
    });
  });

  test('viewing the channel clears its notifications on the phone', async () => {
    const from = received.length;
    await w.bob.client.viewMyChannel(w.channel.id);
    await until(() => to('bob-token', from).some((p) => p.body.type === 'clear'), 'a clear push');
    const clear = to('bob-token', from).find((p) => p.body.type === 'clear')!;
    assert.equal(clear.body.channel_id, w.channel.id);
    assert.equal(clear.body.platform, 'apple_rn-v2');
    assert.equal(clear.body.version, 'v2');
    assert.equal(typeof clear.body.badge === 'number' || clear.body.badge === undefined, true);
  });

  test('a phone the proxy reports as uninstalled is forgotten', async () => {
    const token = await phone(w.carol, 'android_rn-v2:uninstalled');
    const sessionOf = async () =>
      (
        await db.query('SELECT device_id FROM sessions WHERE user_id = $1 ORDER BY create_at', [
          w.carol.user.id,
        ])
      ).rows as { device_id: string }[];
    assert.ok((await sessionOf()).some((s) => s.device_id === 'android_rn-v2:uninstalled'));
    await statusOf(w, w.carol, 'offline');
    await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `@${w.carol.user.username}`,
    } as never);
    await until(
      async () => !(await sessionOf()).some((s) => s.device_id === 'android_rn-v2:uninstalled'),
      'the device to be detached',
    );
    assert.ok(token);
  });

  test('SendPushNotifications false sends nothing', async () => {
    await w.server.parley.app.config.patch({ EmailSettings: { SendPushNotifications: false } });
    try {
      await statusOf(w, w.bob, 'offline');
      const from = received.length;
      await w.alice.client.createPost({
        channel_id: w.channel.id,
        message: `@${w.bob.user.username}`,
      } as never);
      await w.bob.client.viewMyChannel(w.channel.id);
      await sleep(400);
      assert.equal(received.length, from);
    } finally {
      await w.server.parley.app.config.patch({ EmailSettings: { SendPushNotifications: true } });
    }
  });
});
