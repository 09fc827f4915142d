import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpPeer } from './smtp-peer.ts';
import { notifyWorld, SITE, sleep, statusOf, type NotifyWorld } from './notifications-setup.ts';

/**
 * Immediate notification emails over a real SMTP peer: who is mailed (offline or away and mentioned,
 * DM partners), who is not (online, muted, channel email off, the author), and what the mail says.
 */

describe('notification emails (immediate)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let w: NotifyWorld;

  before(async () => {
    smtp = await startSmtpPeer();
    w = await notifyWorld({
      TeamSettings: { SiteName: 'Parley Test' },
      EmailSettings: {
        SMTPServer: '127.0.0.1',
        SMTPPort: String(smtp.port),
        FeedbackEmail: 'noreply@parley.test',
        SendPushNotifications: false,
      },
    });
  });
  after(async () => {
    await w.server.close();
    await smtp.close();
  });

  const mailsTo = (address: string, from: number) =>
    smtp.received.slice(from).filter((r) => r.to.includes(address));

  /** The first mail to `address` received after index `from` whose text contains `text`. */
  async function mailWith(address: string, from: number, text: string) {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = mailsTo(address, from).find((r) => (r.mail.text ?? '').includes(text));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no mail to ${address} with "${text}"`);
      await sleep(25);
    }
  }

  /** Posts `message` as alice, then a mention of carol (offline) as a barrier: once carol's mail is in, the first post's mails are too. */
  async function postThenBarrier(
    channelId: string,
    message: string,
  ): Promise<{ from: number; postId: string }> {
    const from = smtp.received.length;
    const post = await w.alice.client.createPost({ channel_id: channelId, message } as never);
    await sleep(150);
    await statusOf(w, w.carol, 'offline');
    const barrier = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `barrier @${w.carol.user.username} ${post.id}`,
    } as never);
    await mailWith(w.carol.user.email, from, barrier.id);
    return { from, postId: post.id };
  }

  test('an offline user who is mentioned gets one mail linking to the post', async () => {
    await statusOf(w, w.bob, 'offline');
    const from = smtp.received.length;
    const post = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `hello @${w.bob.user.username}, the report is ready`,
    } as never);
    const { mail } = await mailWith(w.bob.user.email, from, post.id);
    const link = `${SITE}/${w.team.name}/pl/${post.id}`;
    assert.match(mail.subject ?? '', /^\[Parley Test\] Notification in Team on /);
    assert.ok((mail.text ?? '').includes(link), mail.text);
    assert.ok((mail.text ?? '').includes('the report is ready'));
    assert.ok((mail.text ?? '').includes(`${SITE}/settings/notifications`));
    const html = typeof mail.html === 'string' ? mail.html : '';
    assert.ok(html.includes(`href="${link}"`));
    assert.ok(html.includes('Parley Test'));
    await sleep(200);
    assert.equal(mailsTo(w.bob.user.email, from).length, 1);
    // The author is never mailed about their own post.
    assert.equal(mailsTo(w.alice.user.email, from).length, 0);
  });

  test('an online user gets no mail; away does', async () => {
    await statusOf(w, w.bob, 'online');
    const { from } = await postThenBarrier(w.channel.id, `online @${w.bob.user.username}`);
    assert.equal(mailsTo(w.bob.user.email, from).length, 0);

    await statusOf(w, w.bob, 'away');
    const start = smtp.received.length;
    const post = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `away @${w.bob.user.username}`,
    } as never);
    await mailWith(w.bob.user.email, start, post.id);
  });

  test('a direct message mails the offline receiver without any mention', async () => {
    await statusOf(w, w.bob, 'offline');
    const dm = await w.alice.client.createDirectChannel([w.alice.user.id, w.bob.user.id]);
    const from = smtp.received.length;
    await w.alice.client.createPost({ channel_id: dm.id, message: 'private words' } as never);
    const { mail } = await mailWith(w.bob.user.email, from, 'private words');
    assert.match(mail.subject ?? '', new RegExp(`New Direct Message from @${w.alice.user.username}`));
    assert.ok((mail.text ?? '').includes('private words'));
    // DMs belong to no team: the link goes through the receiver's team.
    assert.ok((mail.text ?? '').includes(`${SITE}/${w.team.name}/pl/`));
  });

  test('posts without a mention mail nobody; a muted channel mails nobody, mentions included', async () => {
    await statusOf(w, w.bob, 'offline');
    let r = await postThenBarrier(w.channel.id, 'no mention here');
    assert.equal(mailsTo(w.bob.user.email, r.from).length, 0);

    await w.bob.client.updateChannelNotifyProps({
      channel_id: w.channel.id,
      user_id: w.bob.user.id,
      mark_unread: 'mention',
    });
    await statusOf(w, w.bob, 'offline');
    r = await postThenBarrier(w.channel.id, 'muted, not mentioned');
    assert.equal(mailsTo(w.bob.user.email, r.from).length, 0);
    r = await postThenBarrier(w.channel.id, `muted but @${w.bob.user.username}`);
    assert.equal(mailsTo(w.bob.user.email, r.from).length, 0);
    await w.bob.client.updateChannelNotifyProps({
      channel_id: w.channel.id,
      user_id: w.bob.user.id,
      mark_unread: 'all',
    });
  });

  test('the channel email setting "none" and the account setting "false" stop mails', async () => {
    await w.bob.client.updateChannelNotifyProps({
      channel_id: w.channel.id,
      user_id: w.bob.user.id,
      email: 'none',
    });
    await statusOf(w, w.bob, 'offline');
    let r = await postThenBarrier(w.channel.id, `channel off @${w.bob.user.username}`);
    assert.equal(mailsTo(w.bob.user.email, r.from).length, 0);
    await w.bob.client.updateChannelNotifyProps({
      channel_id: w.channel.id,
      user_id: w.bob.user.id,
      email: 'default',
    });

    await w.bob.client.patchMe({ notify_props: { ...w.bob.user.notify_props, email: 'false' } } as never);
    await statusOf(w, w.bob, 'offline');
    r = await postThenBarrier(w.channel.id, `account off @${w.bob.user.username}`);
    assert.equal(mailsTo(w.bob.user.email, r.from).length, 0);
    await w.bob.client.patchMe({ notify_props: { ...w.bob.user.notify_props, email: 'true' } } as never);
  });

  test('a reply mails the offline followers of its thread; email_threads "mention" stops that', async () => {
    const root = await w.bob.client.createPost({ channel_id: w.channel.id, message: 'deploy plan' } as never);
    await statusOf(w, w.bob, 'offline');
    let from = smtp.received.length;
    const reply = await w.alice.client.createPost({
      channel_id: w.channel.id,
      root_id: root.id,
      message: 'looks good to me',
    } as never);
    const { mail } = await mailWith(w.bob.user.email, from, reply.id);
    assert.ok((mail.text ?? '').includes('looks good to me'));

    await w.bob.client.patchMe({
      notify_props: { ...w.bob.user.notify_props, email_threads: 'mention' },
    } as never);
    await statusOf(w, w.bob, 'offline');
    from = smtp.received.length;
    await w.alice.client.createPost({
      channel_id: w.channel.id,
      root_id: root.id,
      message: 'one more thing',
    } as never);
    await sleep(150);
    const barrier = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `barrier @${w.carol.user.username}`,
    } as never);
    await statusOf(w, w.carol, 'offline');
    await mailWith(w.carol.user.email, from, barrier.id);
    assert.equal(mailsTo(w.bob.user.email, from).length, 0);
    await w.bob.client.patchMe({ notify_props: w.bob.user.notify_props } as never);
  });

  test('generic contents leave the message text out', async () => {
    await w.server.parley.app.config.patch({ EmailSettings: { EmailNotificationContentsType: 'generic' } });
    try {
      await statusOf(w, w.bob, 'offline');
      const from = smtp.received.length;
      const post = await w.alice.client.createPost({
        channel_id: w.channel.id,
        message: `secret plans @${w.bob.user.username}`,
      } as never);
      const { mail } = await mailWith(w.bob.user.email, from, post.id);
      assert.ok((mail.text ?? '').includes(post.id));
      assert.ok(!(mail.text ?? '').includes('secret plans'));
      assert.ok(!String(mail.html).includes('secret plans'));
    } finally {
      await w.server.parley.app.config.patch({ EmailSettings: { EmailNotificationContentsType: 'full' } });
    }
  });

  test('SendEmailNotifications false mails nobody', async () => {
    await w.server.parley.app.config.patch({ EmailSettings: { SendEmailNotifications: false } });
    await statusOf(w, w.bob, 'offline');
    const from = smtp.received.length;
    await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `off @${w.bob.user.username}`,
    } as never);
    await sleep(400);
    assert.equal(mailsTo(w.bob.user.email, from).length, 0);
    await w.server.parley.app.config.patch({ EmailSettings: { SendEmailNotifications: true } });
  });
});
