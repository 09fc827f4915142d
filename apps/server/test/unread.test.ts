import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import { addUserToTeam } from '../src/domains/teams/join.ts';
import { clientError, unique, type LoggedIn } from './harness.ts';
import { channelWorld, eventsNamed, newChannelFields, type ChannelWorld } from './channels-setup.ts';

/** Unread state: counts after posts, after viewing, after mark-unread, and the team unread totals. */

describe('unread', () => {
  let w: ChannelWorld;
  let carol: LoggedIn;
  let pub: Channel;
  const post = (who: LoggedIn, channel_id: string, message: string, root_id = '') =>
    who.client.createPost({ channel_id, message, root_id } as Post);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const teamUnread = async (who: LoggedIn) =>
    (await who.client.getMyTeamUnreads()).find((u) => u.team_id === w.team.id)!;

  before(async () => {
    w = await channelWorld();
    carol = await w.server.userByAdmin(w.admin.client, { username: unique('carol') });
    await addUserToTeam(w.server.parley.app, w.team.id, carol.user.id);
    pub = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await w.alice.client.addToChannel(w.bob.user.id, pub.id);
    await w.alice.client.addToChannel(carol.user.id, pub.id);
    await w.bob.client.viewMyChannel(pub.id);
    await carol.client.viewMyChannel(pub.id);
  });
  after(() => w.server.close());

  test('channel: unread = total − msg_count, mentions per member, reflected in team unreads', async () => {
    const before = await teamUnread(w.bob);
    await post(w.alice, pub.id, 'one');
    await sleep(2);
    await post(w.alice, pub.id, `two @${w.bob.user.username}`);
    await sleep(2);
    const root = await post(w.alice, pub.id, 'three');
    await sleep(2);
    await post(w.alice, pub.id, 'a reply', root.id);
    const ch = await w.bob.client.getChannel(pub.id);
    const bob = await w.bob.client.getChannelMember(pub.id, w.bob.user.id);
    assert.equal(ch.total_msg_count - bob.msg_count, 4);
    assert.equal(ch.total_msg_count_root - bob.msg_count_root, 3);
    assert.equal(bob.mention_count, 1);
    assert.equal(bob.mention_count_root, 1);
    const carolMember = await carol.client.getChannelMember(pub.id, carol.user.id);
    assert.equal(carolMember.mention_count, 0);
    const after = await teamUnread(w.bob);
    assert.equal(after.msg_count - before.msg_count, 4);
    assert.equal(after.mention_count - before.mention_count, 1);
  });

  test('after view: counts caught up, mentions zeroed, team unreads clear', async () => {
    await w.bob.client.viewMyChannel(pub.id);
    const ch = await w.bob.client.getChannel(pub.id);
    const bob = await w.bob.client.getChannelMember(pub.id, w.bob.user.id);
    assert.equal(bob.msg_count, ch.total_msg_count);
    assert.equal(bob.msg_count_root, ch.total_msg_count_root);
    assert.equal(bob.mention_count, 0);
    assert.equal(bob.mention_count_root, 0);
    assert.equal(bob.urgent_mention_count, 0);
    const u = await teamUnread(w.bob);
    assert.equal(u.mention_count, 0);
  });

  test('after mark-unread: counts rewound to that post, mentions recounted, post_unread to the user', async () => {
    const page = await w.bob.client.getPosts(pub.id);
    const byMessage = (m: string) => Object.values(page.posts).find((p) => p.message.startsWith(m))!;
    const two = byMessage('two');
    const from = w.events.length;
    const unread = await w.bob.client.markPostAsUnread(w.bob.user.id, two.id);
    const ch = await w.bob.client.getChannel(pub.id);
    assert.equal(unread.channel_id, pub.id);
    assert.equal(unread.team_id, w.team.id);
    assert.equal(unread.last_viewed_at, two.create_at - 1);
    assert.equal(ch.total_msg_count - unread.msg_count, 3);
    assert.equal(ch.total_msg_count_root - unread.msg_count_root, 2);
    assert.equal(unread.mention_count, 1);
    assert.equal(unread.mention_count_root, 1);
    const member = await w.bob.client.getChannelMember(pub.id, w.bob.user.id);
    assert.equal(member.msg_count, unread.msg_count);
    assert.equal(member.mention_count, 1);
    assert.equal(member.last_viewed_at, two.create_at - 1);
    const u = await teamUnread(w.bob);
    assert.equal(u.mention_count, 1);
    assert.ok(u.msg_count >= 3);
    const ev = eventsNamed(w, 'post_unread', from);
    assert.equal(ev.length, 1);
    assert.equal(ev[0].broadcast.userId, w.bob.user.id);
    assert.equal(ev[0].data.post_id, two.id);
    assert.equal(ev[0].data.mention_count, 1);
    // Viewing again clears it all.
    await w.bob.client.viewMyChannel(pub.id);
    assert.equal((await teamUnread(w.bob)).mention_count, 0);
  });

  test('DM: every message is a mention until viewed; mark-unread recounts them', async () => {
    const dm = await w.alice.client.createDirectChannel([w.alice.user.id, carol.user.id]);
    const first = await post(w.alice, dm.id, 'hi');
    await sleep(2);
    await post(w.alice, dm.id, 'there');
    assert.equal((await carol.client.getChannelMember(dm.id, carol.user.id)).mention_count, 2);
    await carol.client.viewMyChannel(dm.id);
    assert.equal((await carol.client.getChannelMember(dm.id, carol.user.id)).mention_count, 0);
    const unread = await carol.client.markPostAsUnread(carol.user.id, first.id);
    assert.equal(unread.mention_count, 2);
    assert.equal(unread.msg_count, 0);
  });

  test('mark-unread refusals: other user 403, unreadable post 403, bad id 400', async () => {
    const p = await post(w.alice, pub.id, 'x');
    assert.equal(
      (await clientError(() => w.bob.client.markPostAsUnread(carol.user.id, p.id))).status_code,
      403,
    );
    const priv = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));
    const secret = await post(w.alice, priv.id, 'secret');
    assert.equal(
      (await clientError(() => w.bob.client.markPostAsUnread(w.bob.user.id, secret.id))).status_code,
      403,
    );
    assert.equal(
      (await clientError(() => w.bob.client.markPostAsUnread(w.bob.user.id, 'bad'))).status_code,
      400,
    );
  });
});
