import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Reaction } from '@mattermost/types/reactions';
import { channelWorld, eventsNamed, newChannelFields, type ChannelWorld } from './channels-setup.ts';
import { clientError, raw, type LoggedIn } from './harness.ts';
import { makePost } from './reactions-setup.ts';

describe('reactions', () => {
  let w: ChannelWorld;
  let town: string;
  let secret: string;

  const postRow = (id: string) =>
    w.server.parley.app.db
      .selectFrom('posts')
      .select(['has_reactions', 'update_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const post = (channelId = town, deleted = false) => makePost(w.admin.client, channelId, { deleted });
  const bulk = (who: LoggedIn, body: unknown) =>
    raw(w.server, '/api/v4/posts/ids/reactions', {
      method: 'POST',
      headers: { Authorization: `Bearer ${who.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async () => {
    w = await channelWorld();
    town = (
      await w.server.parley.app.db
        .selectFrom('channels')
        .select('id')
        .where('team_id', '=', w.team.id)
        .where('name', '=', 'town-square')
        .executeTakeFirstOrThrow()
    ).id;
    secret = (await w.admin.client.createChannel(newChannelFields(w.team.id, 'P'))).id;
  });
  after(() => w.server.close());

  test('a member reacts; the post is marked and the channel is told; reacting again changes nothing', async () => {
    const { alice, bob } = w;
    const p = await post();
    const from = w.events.length;
    const reaction = await alice.client.addReaction(alice.user.id, p.id, 'thumbsup');
    assert.equal(reaction.user_id, alice.user.id);
    assert.equal(reaction.post_id, p.id);
    assert.equal(reaction.emoji_name, 'thumbsup');
    // Mattermost's Reaction carries channel_id, which @mattermost/types does not declare.
    assert.equal((reaction as Reaction & { channel_id: string }).channel_id, town);
    assert.ok(reaction.create_at > 0);

    const row = await postRow(p.id);
    assert.equal(row.has_reactions, true);
    assert.ok(row.update_at >= p.update_at);

    const events = eventsNamed(w, 'reaction_added', from);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].broadcast, { channelId: town });
    assert.equal(typeof events[0].data.reaction, 'string');
    assert.deepEqual(JSON.parse(events[0].data.reaction as string), reaction);

    const again = await alice.client.addReaction(alice.user.id, p.id, 'thumbsup');
    assert.deepEqual(again, reaction);
    assert.equal(eventsNamed(w, 'reaction_added', from).length, 1);

    await bob.client.addReaction(bob.user.id, p.id, 'thumbsup');
    const list = await bob.client.getReactionsForPost(p.id);
    assert.deepEqual(
      list.map((r: Reaction) => [r.user_id, r.emoji_name]),
      [
        [alice.user.id, 'thumbsup'],
        [bob.user.id, 'thumbsup'],
      ],
    );
  });

  test('reacting as someone else, outside one’s channels, or with a bad body is refused', async () => {
    const { alice, bob } = w;
    const p = await post();
    const asBob = await clientError(() => alice.client.addReaction(bob.user.id, p.id, 'smile'));
    assert.equal(asBob.status_code, 403);
    assert.equal(asBob.server_error_id, 'api.reaction.save_reaction.user_id.app_error');

    const hidden = await post(secret);
    for (const call of [
      () => alice.client.addReaction(alice.user.id, hidden.id, 'smile'),
      () => alice.client.getReactionsForPost(hidden.id),
      () => alice.client.addReaction(alice.user.id, 'q'.repeat(26), 'smile'),
      () => w.outsider.client.addReaction(w.outsider.user.id, p.id, 'smile'),
    ]) {
      const err = await clientError(call);
      assert.equal(err.status_code, 403);
      assert.equal(err.server_error_id, 'api.context.permissions.app_error');
    }

    for (const [name, id] of [
      ['', 'api.reaction.save_reaction.invalid.app_error'],
      ['x'.repeat(65), 'api.reaction.save_reaction.invalid.app_error'],
      ['smile:', 'model.reaction.is_valid.emoji_name.app_error'],
      ['a b', 'model.reaction.is_valid.emoji_name.app_error'],
    ]) {
      const err = await clientError(() => alice.client.addReaction(alice.user.id, p.id, name));
      assert.equal(err.status_code, 400, name);
      assert.equal(err.server_error_id, id);
    }
    const notId = await clientError(() => alice.client.addReaction(alice.user.id, 'nope', 'smile'));
    assert.equal(notId.status_code, 400);
    const res = await raw(w.server, '/api/v4/reactions', {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user_id: alice.user.id, post_id: p.id, emoji_name: 7 }),
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.id, 'api.context.invalid_body_param.app_error');
    assert.equal((await postRow(p.id)).has_reactions, false);
  });

  test('deleted posts and archived channels take no reactions', async () => {
    const { alice } = w;
    const gone = await post(town, true);
    const err = await clientError(() => alice.client.addReaction(alice.user.id, gone.id, 'smile'));
    assert.equal(err.status_code, 404);

    const channel = await alice.client.createChannel(newChannelFields(w.team.id));
    const p = await post(channel.id);
    await alice.client.addReaction(alice.user.id, p.id, 'smile');
    await alice.client.deleteChannel(channel.id);
    const archived = await clientError(() => alice.client.addReaction(alice.user.id, p.id, 'tada'));
    assert.equal(archived.status_code, 403);
    assert.equal(archived.server_error_id, 'api.reaction.save.archived_channel.app_error');
    const removal = await clientError(() => alice.client.removeReaction(alice.user.id, p.id, 'smile'));
    assert.equal(removal.status_code, 403);
    assert.equal(removal.server_error_id, 'api.reaction.delete.archived_channel.app_error');
  });

  test('one removes one’s own reactions; others’ need remove_others_reactions', async () => {
    const { alice, bob, admin } = w;
    const p = await post();
    await alice.client.addReaction(alice.user.id, p.id, 'heart');
    await bob.client.addReaction(bob.user.id, p.id, 'heart');

    const err = await clientError(() => bob.client.removeReaction(alice.user.id, p.id, 'heart'));
    assert.equal(err.status_code, 403);
    const outsider = await clientError(() =>
      w.outsider.client.removeReaction(w.outsider.user.id, p.id, 'heart'),
    );
    assert.equal(outsider.status_code, 403);
    const badName = await clientError(() => alice.client.removeReaction(alice.user.id, p.id, 'bad:name'));
    assert.equal(badName.status_code, 400);

    const from = w.events.length;
    assert.deepEqual(await bob.client.removeReaction(bob.user.id, p.id, 'heart'), { status: 'OK' });
    const [removed] = eventsNamed(w, 'reaction_removed', from);
    assert.deepEqual(removed.broadcast, { channelId: town });
    const payload = JSON.parse(removed.data.reaction as string) as Reaction;
    assert.deepEqual([payload.user_id, payload.post_id, payload.emoji_name], [bob.user.id, p.id, 'heart']);
    assert.equal((await postRow(p.id)).has_reactions, true);

    // The system admin holds remove_others_reactions.
    await admin.client.removeReaction(alice.user.id, p.id, 'heart');
    assert.deepEqual(await alice.client.getReactionsForPost(p.id), []);
    assert.equal((await postRow(p.id)).has_reactions, false);

    // Removing a reaction that is not there is harmless and tells no one.
    const quiet = w.events.length;
    await alice.client.removeReaction(alice.user.id, p.id, 'heart');
    assert.equal(eventsNamed(w, 'reaction_removed', quiet).length, 0);
  });

  test('a post takes at most UniqueEmojiReactionLimitPerPost distinct emoji', async () => {
    const { alice, bob } = w;
    const p = await post();
    for (let i = 0; i < 50; i++) await alice.client.addReaction(alice.user.id, p.id, `emoji_${i}`);
    const err = await clientError(() => alice.client.addReaction(alice.user.id, p.id, 'one_too_many'));
    assert.equal(err.status_code, 400);
    assert.equal(err.server_error_id, 'app.reaction.save.save.too_many_reactions');
    // An emoji already on the post can still be added by others.
    await bob.client.addReaction(bob.user.id, p.id, 'emoji_7');
    assert.equal((await alice.client.getReactionsForPost(p.id)).length, 51);
  });

  test('reactions of many posts: readable ones only, the rest answered as empty lists', async () => {
    const { alice, bob } = w;
    const open = await post();
    const hidden = await post(secret);
    await alice.client.addReaction(alice.user.id, open.id, 'wave');
    await w.admin.client.addReaction(w.admin.user.id, hidden.id, 'secret');
    const missing = 'm'.repeat(26);

    const res = await bulk(bob, [open.id, hidden.id, missing, open.id]);
    assert.equal(res.status, 200);
    const body = res.json as unknown as Record<string, Reaction[]>;
    assert.deepEqual(Object.keys(body).sort(), [open.id, hidden.id, missing].sort());
    assert.deepEqual(
      body[open.id].map((r) => [r.user_id, r.emoji_name]),
      [[alice.user.id, 'wave']],
    );
    assert.deepEqual(body[hidden.id], []);
    assert.deepEqual(body[missing], []);

    const admin = (await bulk(w.admin, [hidden.id])).json as unknown as Record<string, Reaction[]>;
    assert.equal(admin[hidden.id].length, 1);

    assert.equal((await bulk(bob, { ids: [open.id] })).status, 400);
    assert.equal((await bulk(bob, [1, 2])).status, 400);
    const tooMany = await bulk(
      bob,
      Array.from({ length: 201 }, (_, i) => `${i}`.padStart(26, 'a')),
    );
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.json.id, 'api.context.invalid_body_param.app_error');
  });
});
