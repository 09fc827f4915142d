import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import { clientError, raw } from './harness.ts';
import { channelWorld, eventsNamed, newChannelFields, type ChannelWorld } from './channels-setup.ts';

/** Changing posts: edit with history, delete, pin, saved (flagged) posts, ephemeral messages. */

describe('posts: edit, delete, pin, saved, ephemeral', () => {
  let w: ChannelWorld;
  let ch: Channel;
  let priv: Channel;
  before(async () => {
    w = await channelWorld();
    ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    priv = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));
    await w.bob.client.addToChannel(w.bob.user.id, ch.id);
  });
  after(() => w.server.close());

  const post = (message: string, channelId = ch.id, client = w.alice.client) =>
    client.createPost({ channel_id: channelId, message } as Post);

  test('the author patches and updates: edit_at, history, post_edited event', async () => {
    const p = await post('first #one');
    const from = w.events.length;
    const patched = await w.alice.client.patchPost({ id: p.id, message: 'second #two' } as Post);
    assert.equal(patched.message, 'second #two');
    assert.equal(patched.hashtags, '#two');
    assert.ok(patched.edit_at >= p.create_at && patched.edit_at > 0);
    assert.equal(patched.update_at, patched.edit_at);
    const edited = eventsNamed(w, 'post_edited', from);
    assert.equal(edited.length, 1);
    assert.equal(edited[0].broadcast.channelId, ch.id);
    assert.equal(JSON.parse(edited[0].data.post as string).message, 'second #two');

    const updated = await w.alice.client.updatePost({ ...patched, message: 'third' });
    assert.equal(updated.message, 'third');
    const history = await w.alice.client.getPostEditHistory(p.id);
    assert.deepEqual(
      history.map((h) => h.message),
      ['second #two', 'first #one'],
    );
    assert.ok(history.every((h) => h.original_id === p.id && h.delete_at > 0 && h.id !== p.id));

    // Only the text makes an edit: a props-only patch leaves edit_at and the history alone.
    const propsOnly = await w.alice.client.patchPost({ id: p.id, props: { x: 'y' } } as never);
    assert.equal(propsOnly.edit_at, updated.edit_at);
    assert.deepEqual(propsOnly.props, { x: 'y' });
    assert.equal((await w.alice.client.getPostEditHistory(p.id)).length, 2);
  });

  test('edit refusals: someone else, outsiders, mismatched id, too long, deleted, archived', async () => {
    const p = await post('mine');
    assert.equal(
      (await clientError(() => w.bob.client.patchPost({ id: p.id, message: 'x' } as Post))).status_code,
      403,
    );
    assert.equal(
      (await clientError(() => w.outsider.client.patchPost({ id: p.id, message: 'x' } as Post))).status_code,
      403,
    );
    const mismatch = await raw(w.server, `/api/v4/posts/${p.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${w.alice.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'f'.repeat(26), message: 'x' }),
    });
    assert.equal(mismatch.status, 400);
    const long = await clientError(() =>
      w.alice.client.patchPost({ id: p.id, message: 'x'.repeat(16384) } as Post),
    );
    assert.equal(long.server_error_id, 'model.post.is_valid.msg.app_error');
    const badType = await clientError(() => w.alice.client.patchPost({ id: p.id, message: 5 } as never));
    assert.equal(badType.status_code, 400);
    // An administrator may edit anyone's post (edit_others_posts).
    const byAdmin = await w.admin.client.patchPost({ id: p.id, message: 'moderated' } as Post);
    assert.equal(byAdmin.message, 'moderated');
    assert.equal((await clientError(() => w.bob.client.getPostEditHistory(p.id))).status_code, 403);
    const fresh = await post('never edited');
    assert.equal((await clientError(() => w.alice.client.getPostEditHistory(fresh.id))).status_code, 404);

    await w.alice.client.deletePost(p.id);
    const deleted = await clientError(() => w.alice.client.patchPost({ id: p.id, message: 'x' } as Post));
    assert.equal(deleted.status_code, 400);

    const doomed = await w.alice.client.createChannel(newChannelFields(w.team.id));
    const q = await post('in doomed', doomed.id);
    await w.alice.client.deleteChannel(doomed.id);
    const archived = await clientError(() => w.alice.client.patchPost({ id: q.id, message: 'x' } as Post));
    assert.equal(archived.server_error_id, 'api.post.update_post.can_not_update_post_in_deleted.error');
  });

  test('PostEditTimeLimit bounds text edits', async () => {
    const p = await post('timed');
    await w.server.parley.app.db
      .updateTable('posts')
      .set({ create_at: Date.now() - 120_000 })
      .where('id', '=', p.id)
      .execute();
    const cfg = await w.admin.client.getConfig();
    await w.admin.client.updateConfig({
      ...cfg,
      ServiceSettings: { ...cfg.ServiceSettings, PostEditTimeLimit: 60 },
    });
    try {
      const late = await clientError(() => w.alice.client.patchPost({ id: p.id, message: 'late' } as Post));
      assert.equal(late.server_error_id, 'api.post.update_post.permissions_time_limit.app_error');
    } finally {
      const now = await w.admin.client.getConfig();
      await w.admin.client.updateConfig({
        ...now,
        ServiceSettings: { ...now.ServiceSettings, PostEditTimeLimit: -1 },
      });
    }
    assert.equal((await w.alice.client.patchPost({ id: p.id, message: 'late' } as Post)).message, 'late');
  });

  test('delete: soft, takes replies along, post_deleted event; refusals', async () => {
    const root = await post('root to delete');
    const reply = await w.bob.client.createPost({
      channel_id: ch.id,
      message: 'reply',
      root_id: root.id,
    } as Post);
    assert.equal((await clientError(() => w.bob.client.deletePost(root.id))).status_code, 403);
    assert.equal((await clientError(() => w.outsider.client.deletePost(root.id))).status_code, 403);
    const from = w.events.length;
    await w.alice.client.deletePost(root.id);
    const ev = eventsNamed(w, 'post_deleted', from);
    assert.equal(ev.length, 1);
    assert.equal(ev[0].broadcast.channelId, ch.id);
    const sent = JSON.parse(ev[0].data.post as string);
    assert.equal(sent.id, root.id);
    assert.ok(sent.delete_at > 0);
    assert.equal((await clientError(() => w.bob.client.getPost(reply.id))).status_code, 404);
    assert.equal((await clientError(() => w.alice.client.deletePost(root.id))).status_code, 404);
    // A reply deleted by its author leaves one reply fewer on the thread.
    const r2 = await post('root 2');
    const a = await w.bob.client.createPost({ channel_id: ch.id, message: 'a', root_id: r2.id } as Post);
    await w.bob.client.createPost({ channel_id: ch.id, message: 'b', root_id: r2.id } as Post);
    await w.bob.client.deletePost(a.id);
    assert.equal((await w.alice.client.getPost(r2.id)).reply_count, 1);
    // Admins delete others' posts.
    const bobs = await post('bob says', ch.id, w.bob.client);
    await w.admin.client.deletePost(bobs.id);
    assert.equal((await clientError(() => w.bob.client.getPost(bobs.id))).status_code, 404);
  });

  test('pin and unpin: post_edited event and the pinned list', async () => {
    const p = await post('pin me');
    const from = w.events.length;
    await w.bob.client.pinPost(p.id);
    assert.equal((await w.alice.client.getPost(p.id)).is_pinned, true);
    const ev = eventsNamed(w, 'post_edited', from);
    assert.equal(ev.length, 1);
    assert.equal(JSON.parse(ev[0].data.post as string).is_pinned, true);
    const pinned = await w.bob.client.getPinnedPosts(ch.id);
    assert.deepEqual(pinned.order, [p.id]);
    assert.equal(pinned.posts[p.id].is_pinned, true);
    assert.equal((await clientError(() => w.outsider.client.pinPost(p.id))).status_code, 403);
    assert.equal((await clientError(() => w.outsider.client.getPinnedPosts(ch.id))).status_code, 403);
    await w.alice.client.unpinPost(p.id);
    assert.deepEqual((await w.bob.client.getPinnedPosts(ch.id)).order, []);
    assert.equal((await w.alice.client.getPost(p.id)).edit_at, 0, 'pinning is not an edit');
  });

  test('flagged posts: the saved ones the user can still read, filtered and paged', async () => {
    const a = await post('save a');
    const b = await post('save b', priv.id);
    const c = await post('not saved');
    await w.server.parley.app.db
      .insertInto('preferences')
      .values([
        { user_id: w.alice.user.id, category: 'flagged_post', name: a.id, value: 'true' },
        { user_id: w.alice.user.id, category: 'flagged_post', name: b.id, value: 'true' },
        { user_id: w.bob.user.id, category: 'flagged_post', name: b.id, value: 'true' },
      ])
      .execute();
    const all = await w.alice.client.getFlaggedPosts(w.alice.user.id);
    assert.deepEqual(all.order, [b.id, a.id]);
    assert.ok(!all.order.includes(c.id));
    const inCh = await w.alice.client.getFlaggedPosts(w.alice.user.id, ch.id);
    assert.deepEqual(inCh.order, [a.id]);
    const inTeam = await w.alice.client.getFlaggedPosts(w.alice.user.id, '', w.team.id, 0, 1);
    assert.deepEqual(inTeam.order, [b.id]);
    // Bob saved a post of a private channel he is not in: it is not shown.
    assert.deepEqual((await w.bob.client.getFlaggedPosts(w.bob.user.id)).order, []);
    assert.equal((await clientError(() => w.bob.client.getFlaggedPosts(w.alice.user.id))).status_code, 403);
  });

  test('ephemeral: only with create_post_ephemeral; delivered to one user, not stored', async () => {
    const from = w.events.length;
    const sent = await w.admin.client.createPostEphemeral(w.bob.user.id, {
      channel_id: ch.id,
      message: 'only you',
    } as Post);
    assert.equal(sent.type, 'system_ephemeral');
    const ev = eventsNamed(w, 'ephemeral_message', from);
    assert.equal(ev.length, 1);
    assert.deepEqual(ev[0].broadcast, { userId: w.bob.user.id });
    assert.equal(JSON.parse(ev[0].data.post as string).message, 'only you');
    assert.equal((await clientError(() => w.bob.client.getPost(sent.id))).status_code, 403);
    const refused = await clientError(() =>
      w.alice.client.createPostEphemeral(w.bob.user.id, { channel_id: ch.id, message: 'x' } as Post),
    );
    assert.equal(refused.status_code, 403);
    const bad = await clientError(() =>
      w.admin.client.createPostEphemeral('nope', { channel_id: ch.id } as Post),
    );
    assert.equal(bad.status_code, 400);
  });
});
