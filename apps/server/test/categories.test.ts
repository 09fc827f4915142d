import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client4 } from '@mattermost/client';
import { clientError, raw, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import type { ServerEvent } from '../src/realtime/bus.ts';

describe('sidebar categories', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let alice: LoggedIn;
  let bob: LoggedIn;
  let teamId: string;
  let town: string;
  let offTopic: string;
  const events: ServerEvent[] = [];

  const channelId = async (name: string) =>
    (
      await server.parley.app.db
        .selectFrom('channels')
        .select('id')
        .where('team_id', '=', teamId)
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id;

  const categoriesOf = (c: Client4, userId: string) => c.getChannelCategories(userId, teamId);

  before(async () => {
    server = await startTestServer();
    admin = await server.newUser({ username: 'admin' });
    alice = await server.userByAdmin(admin.client);
    bob = await server.userByAdmin(admin.client);
    const team = await alice.client.createTeam({
      name: unique('team'),
      display_name: 'T',
      type: 'O',
    } as never);
    teamId = team.id;
    town = await channelId('town-square');
    offTopic = await channelId('off-topic');
    server.parley.app.events.subscribe((e) => events.push(e));
  });
  after(() => server.close());

  test('the three default categories are created on first read, team channels in Channels', async () => {
    const { categories, order } = await categoriesOf(alice.client, alice.user.id);
    const me = alice.user.id;
    assert.deepEqual(order, [
      `favorites_${me}_${teamId}`,
      `channels_${me}_${teamId}`,
      `direct_messages_${me}_${teamId}`,
    ]);
    assert.deepEqual(
      categories.map((c) => [c.type, c.display_name]),
      [
        ['favorites', 'Favorites'],
        ['channels', 'Channels'],
        ['direct_messages', 'Direct Messages'],
      ],
    );
    const channels = categories.find((c) => c.type === 'channels');
    assert.deepEqual([...(channels?.channel_ids ?? [])].sort(), [offTopic, town].sort());
    assert.equal(channels?.user_id, me);
    assert.equal(channels?.team_id, teamId);
    assert.deepEqual(categories[2].channel_ids, []);
    // Reading again does not duplicate anything.
    assert.equal((await categoriesOf(alice.client, 'me')).categories.length, 3);
  });

  test('create a custom category with a channel; it moves out of Channels and comes first', async () => {
    const created = await alice.client.createChannelCategory(alice.user.id, teamId, {
      display_name: 'Work',
      channel_ids: [offTopic],
    });
    assert.equal(created.type, 'custom');
    assert.deepEqual(created.channel_ids, [offTopic]);
    assert.ok(
      events.some((e) => e.event === 'sidebar_category_created' && e.data.category_id === created.id),
    );
    const { categories, order } = await categoriesOf(alice.client, alice.user.id);
    assert.equal(order[0], created.id);
    assert.deepEqual(categories.find((c) => c.type === 'channels')?.channel_ids, [town]);
    const fetched = await alice.client.getChannelCategory(alice.user.id, teamId, created.id);
    assert.equal(fetched.display_name, 'Work');

    const noName = await clientError(() =>
      alice.client.createChannelCategory(alice.user.id, teamId, { display_name: '' }),
    );
    assert.equal(noName.status_code, 400);
    const notMine = await clientError(() =>
      alice.client.createChannelCategory(alice.user.id, teamId, {
        display_name: 'x',
        channel_ids: ['a'.repeat(26)],
      }),
    );
    assert.equal(notMine.status_code, 400);
  });

  test('update several categories: favourite a channel, rename, collapse', async () => {
    const { categories } = await categoriesOf(alice.client, alice.user.id);
    const favorites = categories.find((c) => c.type === 'favorites')!;
    const channels = categories.find((c) => c.type === 'channels')!;
    const updated = await alice.client.updateChannelCategories(alice.user.id, teamId, [
      { ...favorites, channel_ids: [town], display_name: 'Renamed' },
      { ...channels, collapsed: true, channel_ids: [] },
    ]);
    assert.equal(updated.length, 2);
    assert.deepEqual(updated[0].channel_ids, [town]);
    assert.equal(updated[0].display_name, 'Favorites'); // default categories keep their names
    assert.equal(updated[1].collapsed, true);
    const event = events.find((e) => e.event === 'sidebar_category_updated');
    assert.ok(event && typeof event.data.updatedCategories === 'string');
    assert.equal(event.broadcast.userId, alice.user.id);

    const custom = categories.find((c) => c.type === 'custom')!;
    const renamed = await alice.client.updateChannelCategory(alice.user.id, teamId, {
      ...custom,
      display_name: 'Later',
    });
    assert.equal(renamed.display_name, 'Later');
    const mismatch = await raw(server, `/api/v4/users/me/teams/${teamId}/channels/categories/${custom.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ ...custom, id: favorites.id }),
    });
    assert.equal(mismatch.status, 400);
    const badSorting = await clientError(() =>
      alice.client.updateChannelCategories(alice.user.id, teamId, [
        { ...custom, sorting: 'sideways' as never },
      ]),
    );
    assert.equal(badSorting.status_code, 400);
    const badBody = await raw(server, `/api/v4/users/me/teams/${teamId}/channels/categories`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ not: 'a list' }),
    });
    assert.equal(badBody.status, 400);
    assert.equal(badBody.json.id, 'api.context.invalid_body_param.app_error');
  });

  test('order: read and rewrite; a wrong set of ids is 400', async () => {
    const order = await alice.client.getChannelCategoryOrder(alice.user.id, teamId);
    assert.equal(order.length, 4);
    const reversed = [...order].reverse();
    assert.deepEqual(
      await alice.client.updateChannelCategoryOrder(alice.user.id, teamId, reversed),
      reversed,
    );
    assert.deepEqual((await categoriesOf(alice.client, alice.user.id)).order, reversed);
    assert.ok(events.some((e) => e.event === 'sidebar_category_order_updated'));
    const partial = await clientError(() =>
      alice.client.updateChannelCategoryOrder(alice.user.id, teamId, reversed.slice(1)),
    );
    assert.equal(partial.status_code, 400);
  });

  test('deleting a custom category returns its channels to Channels; defaults cannot be deleted', async () => {
    const { categories } = await categoriesOf(alice.client, alice.user.id);
    const custom = categories.find((c) => c.type === 'custom')!;
    await alice.client.deleteChannelCategory(alice.user.id, teamId, custom.id);
    assert.ok(events.some((e) => e.event === 'sidebar_category_deleted' && e.data.category_id === custom.id));
    const after = await categoriesOf(alice.client, alice.user.id);
    assert.equal(after.categories.length, 3);
    assert.deepEqual(after.categories.find((c) => c.type === 'channels')?.channel_ids, [offTopic]);
    const favorites = after.categories.find((c) => c.type === 'favorites')!;
    const refused = await clientError(() =>
      alice.client.deleteChannelCategory(alice.user.id, teamId, favorites.id),
    );
    assert.equal(refused.status_code, 400);
    const missing = await clientError(() =>
      alice.client.getChannelCategory(alice.user.id, teamId, 'nope_nope'),
    );
    assert.equal(missing.status_code, 404);
  });

  test('only the user (or an admin) touches their categories, and only in their teams', async () => {
    assert.equal((await clientError(() => categoriesOf(bob.client, alice.user.id))).status_code, 403);
    assert.equal(
      (
        await clientError(() =>
          bob.client.createChannelCategory(alice.user.id, teamId, { display_name: 'x' }),
        )
      ).status_code,
      403,
    );
    // bob is not in the team.
    assert.equal((await clientError(() => categoriesOf(bob.client, bob.user.id))).status_code, 403);
    const asAdmin = await categoriesOf(admin.client, alice.user.id);
    assert.equal(asAdmin.categories.length, 3);
    const badTeam = await clientError(() => alice.client.getChannelCategories(alice.user.id, 'bad-team'));
    assert.equal(badTeam.status_code, 400);
    assert.equal(badTeam.server_error_id, 'api.context.invalid_url_param.app_error');
    const badCategory = await clientError(() =>
      alice.client.getChannelCategory(alice.user.id, teamId, 'BAD ID'),
    );
    assert.equal(badCategory.status_code, 400);
  });
});
