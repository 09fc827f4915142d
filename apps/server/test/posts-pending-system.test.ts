import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import { channelWorld, eventsNamed, newChannelFields, type ChannelWorld } from './channels-setup.ts';

/** pending_post_id makes a retried create one post; channel changes leave system messages. */

describe('posts: pending_post_id deduplication', () => {
  let w: ChannelWorld;
  let ch: Channel;
  before(async () => {
    w = await channelWorld();
    ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
  });
  after(() => w.server.close());

  const countWithPending = async (pending: string) =>
    (
      await w.server.parley.app.db
        .selectFrom('posts')
        .select('id')
        .where('pending_post_id', '=', pending)
        .execute()
    ).length;

  test('a retried create answers the original post', async () => {
    const pending = `${w.alice.user.id}:${Date.now()}`;
    const first = await w.alice.client.createPost({
      channel_id: ch.id,
      message: 'once',
      pending_post_id: pending,
    } as Post);
    const from = w.events.length;
    const again = await w.alice.client.createPost({
      channel_id: ch.id,
      message: 'once',
      pending_post_id: pending,
    } as Post);
    assert.equal(again.id, first.id);
    assert.equal(again.pending_post_id, pending);
    assert.equal(eventsNamed(w, 'posted', from).length, 0, 'a retry is not announced again');
    assert.equal(await countWithPending(pending), 1);
    // Another author may use the same client id: it is unique per author only.
    await w.alice.client.addToChannel(w.bob.user.id, ch.id);
    const bobs = await w.bob.client.createPost({
      channel_id: ch.id,
      message: 'bob',
      pending_post_id: pending,
    } as Post);
    assert.notEqual(bobs.id, first.id);
  });

  test('concurrent creates with one pending_post_id make one post', async () => {
    const pending = `${w.alice.user.id}:${Date.now()}:race`;
    const channelBefore = await w.alice.client.getChannel(ch.id);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        w.alice.client.createPost({ channel_id: ch.id, message: 'race', pending_post_id: pending } as Post),
      ),
    );
    assert.equal(new Set(results.map((p) => p.id)).size, 1);
    assert.equal(await countWithPending(pending), 1);
    const channelAfter = await w.alice.client.getChannel(ch.id);
    assert.equal(channelAfter.total_msg_count, channelBefore.total_msg_count + 1);
  });

  test('a create retried after a server restart answers the original post', async () => {
    const pending = `${w.alice.user.id}:${Date.now()}:restart`;
    const first = await w.alice.client.createPost({
      channel_id: ch.id,
      message: 'durable',
      pending_post_id: pending,
    } as Post);
    await w.server.restart();
    const again = await w.alice.client.createPost({
      channel_id: ch.id,
      message: 'durable',
      pending_post_id: pending,
    } as Post);
    assert.equal(again.id, first.id);
    assert.equal(again.create_at, first.create_at);
    assert.equal(await countWithPending(pending), 1);
  });
});

describe('posts: system messages', () => {
  let w: ChannelWorld;
  let ch: Channel;
  before(async () => {
    w = await channelWorld();
    ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
  });
  after(() => w.server.close());

  const latest = async (channelId: string): Promise<Post> => {
    const list = await w.alice.client.getPosts(channelId, 0, 1);
    return list.posts[list.order[0]];
  };

  test('join and leave are posted but do not count as messages', async () => {
    const before = await w.alice.client.getChannel(ch.id);
    const from = w.events.length;
    await w.bob.client.addToChannel(w.bob.user.id, ch.id);
    const joined = await latest(ch.id);
    assert.equal(joined.type, 'system_join_channel');
    assert.equal(joined.user_id, w.bob.user.id);
    assert.equal(joined.message, `${w.bob.user.username} joined the channel.`);
    assert.deepEqual(joined.props, { username: w.bob.user.username });
    const posted = eventsNamed(w, 'posted', from);
    assert.equal(posted.length, 1);
    assert.equal(posted[0].data.sender_name, 'System');
    await w.bob.client.removeFromChannel(w.bob.user.id, ch.id);
    const left = await latest(ch.id);
    assert.equal(left.type, 'system_leave_channel');
    assert.deepEqual(left.props, { username: w.bob.user.username });
    const after = await w.alice.client.getChannel(ch.id);
    assert.equal(after.total_msg_count, before.total_msg_count);
    assert.ok(after.last_post_at >= left.create_at);
  });

  test('add and remove by someone else name both users', async () => {
    await w.alice.client.addToChannel(w.bob.user.id, ch.id);
    const added = await latest(ch.id);
    assert.equal(added.type, 'system_add_to_channel');
    assert.equal(added.user_id, w.alice.user.id);
    assert.deepEqual(added.props, {
      userId: w.alice.user.id,
      username: w.alice.user.username,
      addedUserId: w.bob.user.id,
      addedUsername: w.bob.user.username,
    });
    await w.alice.client.removeFromChannel(w.bob.user.id, ch.id);
    const removed = await latest(ch.id);
    assert.equal(removed.type, 'system_remove_from_channel');
    assert.deepEqual(removed.props, { removedUserId: w.bob.user.id, removedUsername: w.bob.user.username });
  });

  test('header, purpose and display name changes, then archiving', async () => {
    await w.alice.client.patchChannel(ch.id, { header: 'new header' });
    const header = await latest(ch.id);
    assert.equal(header.type, 'system_header_change');
    assert.deepEqual(header.props, {
      username: w.alice.user.username,
      old_header: '',
      new_header: 'new header',
    });
    assert.equal(header.message, `${w.alice.user.username} updated the channel header to: new header`);
    assert.equal(header.user_id, w.alice.user.id);
    await w.alice.client.patchChannel(ch.id, { purpose: 'why', display_name: 'Renamed' });
    const list = await w.alice.client.getPosts(ch.id, 0, 2);
    const types = list.order.map((id) => list.posts[id].type).sort();
    assert.deepEqual(types, ['system_displayname_change', 'system_purpose_change']);
    const rename = list.order
      .map((id) => list.posts[id])
      .find((p) => p.type === 'system_displayname_change')!;
    assert.equal(rename.props.old_displayname, ch.display_name);
    assert.equal(rename.props.new_displayname, 'Renamed');
    await w.alice.client.patchChannel(ch.id, { header: 'new header' });
    assert.equal((await latest(ch.id)).type, 'system_displayname_change', 'no message without a change');
    await w.alice.client.deleteChannel(ch.id);
    const archived = await latest(ch.id);
    assert.equal(archived.type, 'system_channel_deleted');
    assert.equal(archived.message, `${w.alice.user.username} archived the channel`);
  });
});
