import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import { addUserToTeam } from '../src/domains/teams/join.ts';
import { clientError, unique, type LoggedIn } from './harness.ts';
import { channelWorld, eventsNamed, newChannelFields, type ChannelWorld } from './channels-setup.ts';

/** Collapsed reply threads: following, unread replies and mentions, the threads API and events. */

describe('threads', () => {
  let w: ChannelWorld;
  let carol: LoggedIn;
  let pub: Channel;
  let root: Post;
  const post = (who: LoggedIn, channel_id: string, message: string, root_id = '') =>
    who.client.createPost({ channel_id, message, root_id } as Post);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  before(async () => {
    w = await channelWorld();
    carol = await w.server.userByAdmin(w.admin.client, { username: unique('carol') });
    await addUserToTeam(w.server.parley.app, w.team.id, carol.user.id);
    pub = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await w.alice.client.addToChannel(w.bob.user.id, pub.id);
    await w.alice.client.addToChannel(carol.user.id, pub.id);
    root = await post(w.alice, pub.id, 'a root');
  });
  after(() => w.server.close());

  test('a reply: author and root author follow, mentioned users follow with an unread mention', async () => {
    const from = w.events.length;
    await post(w.bob, pub.id, `reply for @${carol.user.username}`, root.id);
    const alice = await w.alice.client.getUserThread(w.alice.user.id, w.team.id, root.id);
    assert.equal(alice.is_following, true);
    assert.equal(alice.reply_count, 1);
    assert.equal(alice.unread_replies, 1);
    assert.equal(alice.unread_mentions, 0);
    assert.equal(alice.post.id, root.id);
    const bob = await w.bob.client.getUserThread(w.bob.user.id, w.team.id, root.id);
    assert.equal(bob.is_following, true);
    assert.equal(bob.unread_replies, 0);
    const carolThread = await carol.client.getUserThread(carol.user.id, w.team.id, root.id, true);
    assert.equal(carolThread.is_following, true);
    assert.equal(carolThread.unread_mentions, 1);
    assert.equal(carolThread.unread_replies, 1);
    assert.deepEqual(
      carolThread.participants.map((p) => p.id),
      [w.bob.user.id],
    );
    assert.equal((carolThread.participants[0] as { username: string }).username, w.bob.user.username);

    const posted = eventsNamed(w, 'posted', from)[0];
    assert.deepEqual(
      JSON.parse(posted.data.followers as string).sort(),
      [w.alice.user.id, carol.user.id].sort(),
    );
    const updated = eventsNamed(w, 'thread_updated', from);
    assert.deepEqual(updated.map((e) => e.broadcast.userId).sort(), [w.alice.user.id, carol.user.id].sort());
    const forCarol = updated.find((e) => e.broadcast.userId === carol.user.id)!;
    const thread = JSON.parse(forCarol.data.thread as string);
    assert.equal(thread.id, root.id);
    assert.equal(thread.unread_mentions, 1);
    assert.equal(forCarol.data.previous_unread_mentions, 0);
    assert.equal(forCarol.data.previous_unread_replies, 0);
  });

  test('the list: totals, threads, unread filter, totalsOnly/threadsOnly', async () => {
    const list = await carol.client.getUserThreads(carol.user.id, w.team.id, {});
    assert.equal(list.total, 1);
    assert.equal(list.total_unread_threads, 1);
    assert.equal(list.total_unread_mentions, 1);
    assert.equal(list.threads.length, 1);
    assert.equal(list.threads[0].id, root.id);
    assert.deepEqual(list.threads[0].participants, [{ id: w.bob.user.id }]);
    const totals = await carol.client.getUserThreads(carol.user.id, w.team.id, { totalsOnly: true });
    assert.equal(totals.threads.length, 0);
    assert.equal(totals.total, 1);
    const only = await carol.client.getUserThreads(carol.user.id, w.team.id, { threadsOnly: true });
    assert.equal(only.total, 0);
    assert.equal(only.threads.length, 1);
    const bobUnread = await w.bob.client.getUserThreads(w.bob.user.id, w.team.id, { unread: true });
    assert.equal(bobUnread.threads.length, 0);
  });

  test('reading a thread clears it and tells the user; set_unread brings replies and mentions back', async () => {
    const thread = await carol.client.getUserThread(carol.user.id, w.team.id, root.id);
    const from = w.events.length;
    const read = await carol.client.updateThreadReadForUser(
      carol.user.id,
      w.team.id,
      root.id,
      thread.last_reply_at,
    );
    assert.equal(read.unread_replies, 0);
    assert.equal(read.unread_mentions, 0);
    const changed = eventsNamed(w, 'thread_read_changed', from);
    assert.equal(changed.length, 1);
    assert.equal(changed[0].broadcast.userId, carol.user.id);
    assert.equal(changed[0].data.previous_unread_mentions, 1);
    assert.equal(changed[0].data.unread_mentions, 0);

    const replies = await w.alice.client.getPostThread(root.id);
    const reply = replies.order.map((id) => replies.posts[id]).find((p) => p.root_id === root.id)!;
    const unread = await carol.client.markThreadAsUnreadForUser(carol.user.id, w.team.id, root.id, reply.id);
    assert.equal(unread.unread_replies, 1);
    assert.equal(unread.unread_mentions, 1);
    assert.equal(unread.last_viewed_at, reply.create_at - 1);
  });

  test('unfollow and follow again, with thread_follow_changed; a followed thread without replies is listed', async () => {
    const from = w.events.length;
    await carol.client.updateThreadFollowForUser(carol.user.id, w.team.id, root.id, false);
    assert.equal((await carol.client.getUserThread(carol.user.id, w.team.id, root.id)).is_following, false);
    assert.equal((await carol.client.getUserThreads(carol.user.id, w.team.id, {})).total, 0);
    const ev = eventsNamed(w, 'thread_follow_changed', from);
    assert.equal(ev.length, 1);
    assert.deepEqual(ev[0].data, { thread_id: root.id, state: false, reply_count: 1 });
    // Not mentioned, an unfollowed user stays unfollowed when others reply.
    await sleep(2);
    await post(w.alice, pub.id, 'more', root.id);
    assert.equal((await carol.client.getUserThread(carol.user.id, w.team.id, root.id)).is_following, false);
    await carol.client.updateThreadFollowForUser(carol.user.id, w.team.id, root.id, true);
    assert.equal((await carol.client.getUserThread(carol.user.id, w.team.id, root.id)).is_following, true);
  });

  test('mark all threads read', async () => {
    await sleep(2);
    await post(w.bob, pub.id, `@${w.alice.user.username} ping`, root.id);
    assert.ok((await w.alice.client.getUserThreads(w.alice.user.id, w.team.id, {})).total_unread_threads > 0);
    const from = w.events.length;
    await w.alice.client.updateThreadsReadForUser(w.alice.user.id, w.team.id);
    const list = await w.alice.client.getUserThreads(w.alice.user.id, w.team.id, {});
    assert.equal(list.total_unread_threads, 0);
    assert.equal(list.total_unread_mentions, 0);
    assert.equal(eventsNamed(w, 'thread_read_changed', from)[0].broadcast.teamId, w.team.id);
  });

  test('refusals: another user 403, unknown thread 404, bad ids 400, unreadable channel 403', async () => {
    const other = await clientError(() => w.bob.client.getUserThreads(carol.user.id, w.team.id, {}));
    assert.equal(other.status_code, 403);
    const follow = await clientError(() =>
      w.bob.client.updateThreadFollowForUser(carol.user.id, w.team.id, root.id, true),
    );
    assert.equal(follow.status_code, 403);
    const missing = await clientError(() =>
      w.bob.client.getUserThread(w.bob.user.id, w.team.id, 'a'.repeat(26)),
    );
    assert.equal(missing.status_code, 404);
    const bad = await clientError(() => w.bob.client.getUserThread(w.bob.user.id, w.team.id, 'nope'));
    assert.equal(bad.status_code, 400);
    const badTeam = await clientError(() => w.bob.client.getUserThreads(w.bob.user.id, 'nope', {}));
    assert.equal(badTeam.status_code, 400);
    const badTs = await clientError(() =>
      w.bob.client.updateThreadReadForUser(w.bob.user.id, w.team.id, root.id, -5),
    );
    assert.equal(badTs.status_code, 400);
    const notInTeam = await clientError(() =>
      w.outsider.client.getUserThreads(w.outsider.user.id, w.team.id, {}),
    );
    assert.equal(notInTeam.status_code, 403);
    const priv = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));
    const secret = await post(w.alice, priv.id, 'secret');
    await post(w.alice, priv.id, 'reply', secret.id);
    const hidden = await clientError(() => w.bob.client.getUserThread(w.bob.user.id, w.team.id, secret.id));
    assert.equal(hidden.status_code, 403);
  });
});
