import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startSmtpPeer } from './smtp-peer.ts';
import { notifyWorld, sleep, statusOf, until, type NotifyWorld } from './notifications-setup.ts';

/**
 * Email batching: mentions are queued in PostgreSQL and mailed as one digest per user once the
 * user's interval has passed, also when the server restarted in between.
 */

describe('notification emails (batched)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let w: NotifyWorld;
  let db: pg.Client;

  before(async () => {
    smtp = await startSmtpPeer();
    w = await notifyWorld({
      EmailSettings: {
        SMTPServer: '127.0.0.1',
        SMTPPort: String(smtp.port),
        SendPushNotifications: false,
        EnableEmailBatching: true,
        EmailBatchingInterval: 1,
      },
    });
    db = new pg.Client({ connectionString: w.server.dataSource });
    await db.connect();
  });
  after(async () => {
    await db.end();
    await w.server.close();
    await smtp.close();
  });

  const queued = async (userId: string) =>
    Number(
      (await db.query('SELECT count(*) AS n FROM notification_email_queue WHERE user_id = $1', [userId]))
        .rows[0].n,
    );
  const mailsTo = (address: string, from: number) =>
    smtp.received.slice(from).filter((r) => r.to.includes(address));

  const interval = (who: NotifyWorld['bob'], seconds: string) =>
    who.client.savePreferences(who.user.id, [
      { user_id: who.user.id, category: 'notifications', name: 'email_interval', value: seconds },
    ]);

  test('mentions wait in the queue and arrive as one digest after a restart', async () => {
    await interval(w.bob, '3');
    await statusOf(w, w.bob, 'offline');
    const from = smtp.received.length;
    const first = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `first thing @${w.bob.user.username}`,
    } as never);
    const second = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `second thing @${w.bob.user.username}`,
    } as never);
    await until(async () => (await queued(w.bob.user.id)) === 2, 'two queued mails');
    assert.equal(mailsTo(w.bob.user.email, from).length, 0);

    await w.server.restart();

    await until(() => mailsTo(w.bob.user.email, from).length > 0, 'the digest', 10_000);
    const { mail } = mailsTo(w.bob.user.email, from)[0];
    assert.match(mail.subject ?? '', /New Notifications for /);
    const text = mail.text ?? '';
    for (const p of [first, second]) assert.ok(text.includes(`/pl/${p.id}`), text);
    assert.ok(text.includes('first thing') && text.includes('second thing'));
    assert.ok(text.indexOf('first thing') < text.indexOf('second thing'));
    await until(async () => (await queued(w.bob.user.id)) === 0, 'an empty queue');
    await sleep(1500);
    assert.equal(mailsTo(w.bob.user.email, from).length, 1);
  });

  test('"immediately" (30 seconds) bypasses the queue', async () => {
    await interval(w.carol, '30');
    await statusOf(w, w.carol, 'offline');
    const from = smtp.received.length;
    const post = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `now @${w.carol.user.username}`,
    } as never);
    await until(
      () => mailsTo(w.carol.user.email, from).some((r) => (r.mail.text ?? '').includes(post.id)),
      'the immediate mail',
    );
    assert.equal(await queued(w.carol.user.id), 0);
  });

  test('a user who opens a channel before the digest is due gets none', async () => {
    await interval(w.bob, '3');
    await statusOf(w, w.bob, 'offline');
    const from = smtp.received.length;
    await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `seen @${w.bob.user.username}`,
    } as never);
    await until(async () => (await queued(w.bob.user.id)) === 1, 'a queued mail');
    await w.bob.client.viewMyChannel(w.channel.id);
    await until(async () => (await queued(w.bob.user.id)) === 0, 'the queue to be dropped', 10_000);
    assert.equal(mailsTo(w.bob.user.email, from).length, 0);
  });
});
