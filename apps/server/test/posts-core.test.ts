import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import { clientError, raw } from './harness.ts';
import { channelWorld, eventsNamed, newChannelFields, type ChannelWorld } from './channels-setup.ts';

/** Creating and reading posts: POST /posts, single and bulk reads, channel pages, threads, unread. */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('posts: create and read', () => {
  let w: ChannelWorld;
  let pub: Channel;
  let priv: Channel;
  before(async () => {
    w = await channelWorld();
    pub = await w.alice.client.createChannel(newChannelFields(w.team.id));
    priv = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));
    await w.bob.client.addToChannel(w.bob.user.id, pub.id);
  });
  after(() => w.server.close());

  test('a member posts: 201, Post shape, counters, author has no unread, posted event', async () => {
    const from = w.events.length;
    const before = await w.alice.client.getChannel(pub.id);
    const res = await raw(w.server, '/api/v4/posts', {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel_id: pub.id, message: 'hello #world, and #again!' }),
    });
    assert.equal(res.status, 201);
    const post = res.json as unknown as Post;
    assert.equal(post.user_id, w.alice.user.id);
    assert.equal(post.channel_id, pub.id);
    assert.equal(post.message, 'hello #world, and #again!');
    assert.equal(post.hashtags, '#world #again');
    assert.equal(post.type, '');
    assert.equal(post.root_id, '');
    assert.equal(post.edit_at, 0);
    assert.equal(post.delete_at, 0);
    assert.equal(post.is_pinned, false);
    assert.equal(post.reply_count, 0);
    assert.equal('file_ids' in post, false);
    assert.deepEqual(post.metadata, { embeds: [], emojis: [], files: [], images: {}, reactions: [] });
    assert.equal(post.create_at, post.update_at);

    const ch = await w.alice.client.getChannel(pub.id);
    assert.equal(ch.total_msg_count, before.total_msg_count + 1);
    assert.equal(ch.total_msg_count_root, before.total_msg_count_root + 1);
    assert.equal(ch.last_post_at, post.create_at);
    assert.equal(ch.last_root_post_at, post.create_at);
    const me = await w.alice.client.getMyChannelMember(pub.id);
    assert.equal(me.msg_count, ch.total_msg_count);
    assert.equal(me.last_viewed_at, post.create_at);
    const bobMember = await w.bob.client.getMyChannelMember(pub.id);
    assert.ok(bobMember.msg_count < ch.total_msg_count, 'bob has an unread message');

    const posted = eventsNamed(w, 'posted', from);
    assert.equal(posted.length, 1);
    assert.equal(posted[0].broadcast.channelId, pub.id);
    const data = posted[0].data;
    assert.equal(typeof data.post, 'string');
    assert.equal(JSON.parse(data.post as string).id, post.id);
    assert.equal(data.channel_type, 'O');
    assert.equal(data.channel_name, pub.name);
    assert.equal(data.channel_display_name, pub.display_name);
    assert.equal(data.sender_name, `@${w.alice.user.username}`);
    assert.equal(data.team_id, w.team.id);
    assert.equal(data.set_online, true);
  });

  test('set_online=false is echoed in the event; a bad value is a 400', async () => {
    const from = w.events.length;
    const res = await raw(w.server, '/api/v4/posts?set_online=false', {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel_id: pub.id, message: 'quiet' }),
    });
    assert.equal(res.status, 201);
    assert.equal(eventsNamed(w, 'posted', from)[0].data.set_online, false);
    const bad = await raw(w.server, '/api/v4/posts?set_online=maybe', {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel_id: pub.id, message: 'x' }),
    });
    assert.equal(bad.status, 400);
  });

  test('create is refused to non-members of private channels, outsiders, archived channels and bad input', async () => {
    const nonMember = await clientError(() =>
      w.bob.client.createPost({ channel_id: priv.id, message: 'x' } as Post),
    );
    assert.equal(nonMember.status_code, 403);
    const outsider = await clientError(() =>
      w.outsider.client.createPost({ channel_id: pub.id, message: 'x' } as Post),
    );
    assert.equal(outsider.status_code, 403);
    const missing = await clientError(() =>
      w.alice.client.createPost({ channel_id: 'a'.repeat(26), message: 'x' } as Post),
    );
    assert.equal(missing.status_code, 403);
    const badChannel = await clientError(() =>
      w.alice.client.createPost({ channel_id: 'x', message: 'x' } as Post),
    );
    assert.equal(badChannel.status_code, 400);

    const tooLong = await clientError(() =>
      w.alice.client.createPost({ channel_id: pub.id, message: 'x'.repeat(16384) } as Post),
    );
    assert.equal(tooLong.status_code, 400);
    assert.equal(tooLong.server_error_id, 'model.post.is_valid.msg.app_error');
    const ok = await w.alice.client.createPost({ channel_id: pub.id, message: '😀'.repeat(16383) } as Post);
    assert.equal([...ok.message].length, 16383);

    const files = await clientError(() =>
      w.alice.client.createPost({
        channel_id: pub.id,
        message: 'x',
        file_ids: Array.from({ length: 11 }, (_, i) => `file${i}`),
      } as Post),
    );
    assert.equal(files.server_error_id, 'model.post.is_valid.file_ids.app_error');
    const system = await clientError(() =>
      w.alice.client.createPost({ channel_id: pub.id, message: 'x', type: 'system_join_channel' } as Post),
    );
    assert.equal(system.status_code, 400);

    const doomed = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await w.alice.client.deleteChannel(doomed.id);
    const archived = await clientError(() =>
      w.alice.client.createPost({ channel_id: doomed.id, message: 'x' } as Post),
    );
    assert.equal(archived.status_code, 400);
    assert.equal(archived.server_error_id, 'api.post.create_post.can_not_post_to_deleted.error');
  });

  test('posting needs membership (or create_post_public); other teams are refused', async () => {
    const other = await w.admin.client.createTeam({
      name: `t${Date.now()}`,
      display_name: 'T',
      type: 'O',
    } as never);
    const otherCh = await w.admin.client.createChannel(newChannelFields(other.id));
    const refused = await clientError(() =>
      w.alice.client.createPost({ channel_id: otherCh.id, message: 'x' } as Post),
    );
    assert.equal(refused.status_code, 403);
    // Bob is in the team but not in this public channel; plain team users lack create_post_public.
    const open = await w.alice.client.createChannel(newChannelFields(w.team.id));
    const notJoined = await clientError(() =>
      w.bob.client.createPost({ channel_id: open.id, message: 'x' } as Post),
    );
    assert.equal(notJoined.status_code, 403);
    // The system admin holds create_post_public everywhere.
    const post = await w.admin.client.createPost({ channel_id: open.id, message: 'announcement' } as Post);
    assert.equal(post.user_id, w.admin.user.id);
  });

  test('replies: root_id must be a live root in the same channel; threads count replies', async () => {
    const root = await w.alice.client.createPost({ channel_id: pub.id, message: 'root' } as Post);
    const before = await w.alice.client.getChannel(pub.id);
    const reply = await w.bob.client.createPost({
      channel_id: pub.id,
      message: 're 1',
      root_id: root.id,
    } as Post);
    assert.equal(reply.root_id, root.id);
    assert.equal(reply.reply_count, 1);
    const reply2 = await w.alice.client.createPost({
      channel_id: pub.id,
      message: 're 2',
      root_id: root.id,
    } as Post);
    assert.equal(reply2.reply_count, 2);
    const after = await w.alice.client.getChannel(pub.id);
    assert.equal(after.total_msg_count, before.total_msg_count + 2);
    assert.equal(after.total_msg_count_root, before.total_msg_count_root);
    assert.equal(after.last_root_post_at, before.last_root_post_at);
    const fetchedRoot = await w.bob.client.getPost(root.id);
    assert.equal(fetchedRoot.reply_count, 2);
    assert.equal(fetchedRoot.last_reply_at, reply2.create_at);
    const membership = await w.server.parley.app.db
      .selectFrom('thread_memberships')
      .selectAll()
      .where('post_id', '=', root.id)
      .orderBy('user_id')
      .execute();
    assert.deepEqual(
      membership.map((m) => [m.user_id, m.following]).sort(),
      [
        [w.alice.user.id, true],
        [w.bob.user.id, true],
      ].sort(),
    );
    const thread = await w.server.parley.app.db
      .selectFrom('threads')
      .selectAll()
      .where('post_id', '=', root.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(thread.participants, [w.bob.user.id, w.alice.user.id]);

    const nested = await clientError(() =>
      w.alice.client.createPost({ channel_id: pub.id, message: 'x', root_id: reply.id } as Post),
    );
    assert.equal(nested.status_code, 400);
    assert.equal(nested.server_error_id, 'api.post.create_post.root_id.app_error');
    const unknown = await clientError(() =>
      w.alice.client.createPost({ channel_id: pub.id, message: 'x', root_id: 'b'.repeat(26) } as Post),
    );
    assert.equal(unknown.status_code, 400);
    const elsewhere = await w.alice.client.createPost({
      channel_id: priv.id,
      message: 'private root',
    } as Post);
    const cross = await clientError(() =>
      w.alice.client.createPost({ channel_id: pub.id, message: 'x', root_id: elsewhere.id } as Post),
    );
    assert.equal(cross.status_code, 400);
    assert.equal(cross.server_error_id, 'api.post.create_post.channel_root_id.app_error');
  });

  test('GET /posts/{id}: readers get it, others 403, deleted ones 404', async () => {
    const post = await w.alice.client.createPost({ channel_id: priv.id, message: 'secret' } as Post);
    assert.equal((await w.alice.client.getPost(post.id)).message, 'secret');
    assert.equal((await clientError(() => w.bob.client.getPost(post.id))).status_code, 403);
    assert.equal((await clientError(() => w.outsider.client.getPost(post.id))).status_code, 403);
    assert.equal((await clientError(() => w.alice.client.getPost('c'.repeat(26)))).status_code, 403);
    assert.equal((await clientError(() => w.alice.client.getPost('nope'))).status_code, 400);
    await w.alice.client.deletePost(post.id);
    assert.equal((await clientError(() => w.alice.client.getPost(post.id))).status_code, 404);
    // Public posts are readable by team members outside the channel.
    const open = await w.alice.client.createPost({ channel_id: pub.id, message: 'open' } as Post);
    const other = await w.server.userByAdmin(w.admin.client);
    assert.equal((await clientError(() => other.client.getPost(open.id))).status_code, 403);
  });

  test('POST /posts/ids answers only readable, live posts and reveals nothing else', async () => {
    const a = await w.alice.client.createPost({ channel_id: pub.id, message: 'a' } as Post);
    const b = await w.alice.client.createPost({ channel_id: priv.id, message: 'b' } as Post);
    const mine = await w.alice.client.getPostsByIds([a.id, b.id]);
    assert.deepEqual(mine.map((p) => p.id).sort(), [a.id, b.id].sort());
    const bobs = await w.bob.client.getPostsByIds([a.id, b.id, 'd'.repeat(26)]);
    assert.deepEqual(
      bobs.map((p) => p.id),
      [a.id],
    );
    assert.deepEqual(await w.outsider.client.getPostsByIds([a.id, b.id]), []);
    const tooMany = await clientError(() =>
      w.alice.client.getPostsByIds(Array.from({ length: 201 }, () => a.id)),
    );
    assert.equal(tooMany.status_code, 400);
    assert.equal((await clientError(() => w.alice.client.getPostsByIds(['bad']))).status_code, 400);
  });
});

describe('posts: channel pages, threads, unread', () => {
  let w: ChannelWorld;
  let ch: Channel;
  const ids: string[] = [];
  before(async () => {
    w = await channelWorld();
    ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await w.bob.client.addToChannel(w.bob.user.id, ch.id);
    for (let i = 0; i < 6; i += 1) {
      const p = await w.alice.client.createPost({ channel_id: ch.id, message: `m${i}` } as Post);
      ids.push(p.id);
      await sleep(2);
    }
  });
  after(() => w.server.close());

  test('GET /channels/{id}/posts pages newest first with cursors', async () => {
    const first = await w.bob.client.getPosts(ch.id, 0, 2);
    assert.deepEqual(first.order, [ids[5], ids[4]]);
    assert.equal(first.next_post_id, '');
    assert.equal(first.prev_post_id, ids[3]);
    assert.equal(first.posts[ids[5]].message, 'm5');
    const second = await w.bob.client.getPosts(ch.id, 1, 2);
    assert.deepEqual(second.order, [ids[3], ids[2]]);
    assert.equal(second.next_post_id, ids[4]);
    assert.equal(second.prev_post_id, ids[1]);

    const before = await w.bob.client.getPostsBefore(ch.id, ids[3], 0, 2);
    assert.deepEqual(before.order, [ids[2], ids[1]]);
    assert.equal(before.next_post_id, ids[3]);
    assert.equal(before.prev_post_id, ids[0]);
    const afterList = await w.bob.client.getPostsAfter(ch.id, ids[1], 0, 2);
    assert.deepEqual(afterList.order, [ids[3], ids[2]]);
    assert.equal(afterList.prev_post_id, ids[1]);
    assert.equal(afterList.next_post_id, ids[4]);
    const newest = await w.bob.client.getPostsAfter(ch.id, ids[5], 0, 2);
    assert.deepEqual(newest.order, []);
    assert.equal(newest.next_post_id, '');
  });

  test('since returns created, edited and deleted posts, deleted ones with delete_at', async () => {
    const mark = Date.now();
    await sleep(2);
    const fresh = await w.alice.client.createPost({ channel_id: ch.id, message: 'fresh' } as Post);
    await w.alice.client.deletePost(ids[0]);
    const since = await w.bob.client.getPostsSince(ch.id, mark);
    assert.ok(since.order.includes(fresh.id));
    assert.ok(since.order.includes(ids[0]));
    assert.ok(since.posts[ids[0]].delete_at > 0);
    assert.ok(!since.order.includes(ids[1]));
    const later = await w.bob.client.getPosts(ch.id, 0, 60);
    assert.ok(!later.order.includes(ids[0]), 'deleted posts leave normal pages');
    ids.push(fresh.id);
  });

  test('collapsedThreads lists roots only; replies bring their root in `posts`', async () => {
    const root = ids[3];
    const reply = await w.bob.client.createPost({
      channel_id: ch.id,
      message: 'reply',
      root_id: root,
    } as Post);
    const full = await w.bob.client.getPosts(ch.id, 0, 1);
    assert.deepEqual(full.order, [reply.id]);
    assert.equal(full.posts[root].id, root);
    const collapsed = await w.bob.client.getPosts(ch.id, 0, 60, true, true);
    assert.ok(!collapsed.order.includes(reply.id));
    assert.ok(collapsed.order.includes(root));
  });

  test('refusals: outsiders 403, bad cursors and ids 400', async () => {
    assert.equal((await clientError(() => w.outsider.client.getPosts(ch.id))).status_code, 403);
    assert.equal((await clientError(() => w.bob.client.getPosts('bad'))).status_code, 400);
    const badCursor = await raw(w.server, `/api/v4/channels/${ch.id}/posts?before=nope`, {
      headers: { Authorization: `Bearer ${w.bob.token}` },
    });
    assert.equal(badCursor.status, 400);
    const badSince = await raw(w.server, `/api/v4/channels/${ch.id}/posts?since=abc`, {
      headers: { Authorization: `Bearer ${w.bob.token}` },
    });
    assert.equal(badSince.status, 400);
    assert.equal((await clientError(() => w.bob.client.getPosts('e'.repeat(26)))).status_code, 404);
  });

  test('GET /posts/{id}/thread returns the root and its replies, paged', async () => {
    const root = await w.alice.client.createPost({ channel_id: ch.id, message: 'thread root' } as Post);
    const replies: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await w.bob.client.createPost({
        channel_id: ch.id,
        message: `r${i}`,
        root_id: root.id,
      } as Post);
      replies.push(r.id);
      await sleep(2);
    }
    const thread = await w.alice.client.getPostThread(root.id);
    assert.deepEqual(thread.order, [replies[2], replies[1], replies[0], root.id]);
    assert.equal(thread.posts[root.id].reply_count, 3);
    const viaReply = await w.alice.client.getPostThread(replies[1]);
    assert.equal(viaReply.order.length, 4);
    const page = await w.alice.client.getPaginatedPostThread(root.id, {
      perPage: 2,
      direction: 'down',
    } as never);
    assert.deepEqual(page.order, [replies[1], replies[0], root.id]);
    assert.equal(page.has_next, true);
    const rest = await w.alice.client.getPaginatedPostThread(root.id, {
      perPage: 2,
      direction: 'down',
      fromPost: replies[1],
    } as never);
    assert.deepEqual(rest.order, [replies[2], root.id]);
    assert.equal(rest.has_next, false);
    assert.equal((await clientError(() => w.outsider.client.getPostThread(root.id))).status_code, 403);
  });

  test('unread: posts around the member last_viewed_at; only for oneself', async () => {
    await w.bob.client.viewMyChannel(ch.id);
    const view = await w.bob.client.getMyChannelMember(ch.id);
    await sleep(5);
    const n1 = await w.alice.client.createPost({ channel_id: ch.id, message: 'new 1' } as Post);
    const n2 = await w.alice.client.createPost({ channel_id: ch.id, message: 'new 2' } as Post);
    // One unread after the mark (the oldest unread), two read ones before it.
    const list = await w.bob.client.getPostsUnread(ch.id, w.bob.user.id, 1, 2);
    assert.equal(list.order.length, 3);
    assert.equal(list.order[0], n1.id);
    assert.equal(list.next_post_id, n2.id);
    assert.ok(list.prev_post_id !== '');
    for (const id of list.order.slice(1)) assert.ok(list.posts[id].create_at <= view.last_viewed_at);
    const wide = await w.bob.client.getPostsUnread(ch.id, w.bob.user.id, 30, 2);
    assert.deepEqual(wide.order.slice(0, 2), [n2.id, n1.id]);
    assert.equal(wide.order.length, 4);
    assert.equal(wide.next_post_id, '');
    const other = await clientError(() => w.bob.client.getPostsUnread(ch.id, w.alice.user.id));
    assert.equal(other.status_code, 403);
    const outsider = await clientError(() => w.outsider.client.getPostsUnread(ch.id, w.outsider.user.id));
    assert.equal(outsider.status_code, 403);
  });
});
