import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PreferenceType } from '@mattermost/types/preferences';
import { channelWorld, eventsNamed, newChannelFields, type ChannelWorld } from './channels-setup.ts';
import { clientError, raw, type LoggedIn } from './harness.ts';
import { makePost } from './reactions-setup.ts';

describe('preferences', () => {
  let w: ChannelWorld;
  const pref = (who: LoggedIn, category: string, name: string, value: string): PreferenceType => ({
    user_id: who.user.id,
    category,
    name,
    value,
  });
  const get = (who: LoggedIn, path: string) =>
    raw(w.server, `/api/v4${path}`, { headers: { Authorization: `Bearer ${who.token}` } });

  before(async () => {
    w = await channelWorld();
  });
  after(() => w.server.close());

  test('a user saves, reads and replaces their preferences; the change is told to them only', async () => {
    const { alice } = w;
    const from = w.events.length;
    const saved = [
      pref(alice, 'display_settings', 'use_military_time', 'true'),
      pref(alice, 'direct_channel_show', w.bob.user.id, 'true'),
    ];
    assert.deepEqual(await alice.client.savePreferences(alice.user.id, saved), { status: 'OK' });

    const mine = (await alice.client.getMyPreferences()) as unknown as PreferenceType[];
    assert.deepEqual(
      mine.map((p) => [p.user_id, p.category, p.name, p.value]),
      [
        [alice.user.id, 'direct_channel_show', w.bob.user.id, 'true'],
        [alice.user.id, 'display_settings', 'use_military_time', 'true'],
      ],
    );

    const [event] = eventsNamed(w, 'preferences_changed', from);
    assert.deepEqual(event.broadcast, { userId: alice.user.id });
    assert.equal(typeof event.data.preferences, 'string');
    assert.deepEqual(JSON.parse(event.data.preferences as string), saved);

    // Saving again replaces the value; of two entries for one key in a request the last wins.
    await alice.client.savePreferences(alice.user.id, [
      pref(alice, 'display_settings', 'use_military_time', 'maybe'),
      pref(alice, 'display_settings', 'use_military_time', 'false'),
    ]);
    const again = await alice.client.getUserPreferences(alice.user.id);
    assert.equal(again.find((p) => p.name === 'use_military_time')?.value, 'false');
    assert.equal(again.length, 2);
  });

  test('one category, and one preference by name; absent ones are 404', async () => {
    const { alice } = w;
    await alice.client.savePreferences(alice.user.id, [pref(alice, 'tutorial_step', alice.user.id, '3')]);

    const category = await get(alice, `/users/me/preferences/tutorial_step`);
    assert.equal(category.status, 200);
    assert.deepEqual(category.json, [pref(alice, 'tutorial_step', alice.user.id, '3')]);

    const one = await get(alice, `/users/${alice.user.id}/preferences/tutorial_step/name/${alice.user.id}`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.json, pref(alice, 'tutorial_step', alice.user.id, '3'));

    const noCategory = await get(alice, `/users/me/preferences/nothing_here`);
    assert.equal(noCategory.status, 404);
    assert.equal(noCategory.json.id, 'api.preference.preferences_category.get.app_error');
    const noName = await get(alice, `/users/me/preferences/tutorial_step/name/missing`);
    assert.equal(noName.status, 404);
    assert.equal(noName.json.id, 'app.preference.get.app_error');
    assert.equal((await get(alice, `/users/me/preferences/bad-category!`)).status, 400);
  });

  test('deleting preferences removes them and tells the user', async () => {
    const { alice } = w;
    await alice.client.savePreferences(alice.user.id, [
      pref(alice, 'favorite_channel', 'a'.repeat(26), 'true'),
      pref(alice, 'favorite_channel', 'b'.repeat(26), 'true'),
    ]);
    const from = w.events.length;
    const removed = [pref(alice, 'favorite_channel', 'a'.repeat(26), 'true')];
    assert.deepEqual(await alice.client.deletePreferences(alice.user.id, removed), { status: 'OK' });

    const left = (await alice.client.getMyPreferences()) as unknown as PreferenceType[];
    assert.deepEqual(
      left.filter((p) => p.category === 'favorite_channel').map((p) => p.name),
      ['b'.repeat(26)],
    );
    const [event] = eventsNamed(w, 'preferences_deleted', from);
    assert.deepEqual(event.broadcast, { userId: alice.user.id });
    assert.deepEqual(JSON.parse(event.data.preferences as string), removed);
  });

  test('another user’s preferences are refused; holders of edit_other_users may read and write them', async () => {
    const { alice, bob, admin } = w;
    await alice.client.savePreferences(alice.user.id, [
      pref(alice, 'display_settings', 'name_format', 'username'),
    ]);

    for (const call of [
      () => bob.client.getUserPreferences(alice.user.id),
      () => bob.client.savePreferences(alice.user.id, [pref(alice, 'display_settings', 'x', 'y')]),
      () => bob.client.deletePreferences(alice.user.id, [pref(alice, 'display_settings', 'name_format', '')]),
    ]) {
      const err = await clientError(call);
      assert.equal(err.status_code, 403);
      assert.equal(err.server_error_id, 'api.context.permissions.app_error');
    }
    assert.equal((await get(bob, `/users/${alice.user.id}/preferences/display_settings`)).status, 403);
    assert.equal(
      (await get(bob, `/users/${alice.user.id}/preferences/display_settings/name/name_format`)).status,
      403,
    );

    // Entries for another user inside one's own list are refused as Mattermost does.
    const mixed = await clientError(() =>
      bob.client.savePreferences(bob.user.id, [pref(alice, 'display_settings', 'name_format', 'full_name')]),
    );
    assert.equal(mixed.status_code, 403);
    assert.equal(mixed.server_error_id, 'api.preference.update_preferences.set.app_error');
    const mixedDelete = await clientError(() =>
      bob.client.deletePreferences(bob.user.id, [pref(alice, 'display_settings', 'name_format', '')]),
    );
    assert.equal(mixedDelete.server_error_id, 'api.preference.delete_preferences.delete.app_error');

    const read = await admin.client.getUserPreferences(alice.user.id);
    assert.ok(read.some((p) => p.name === 'name_format' && p.value === 'username'));
    await admin.client.savePreferences(alice.user.id, [
      pref(alice, 'display_settings', 'name_format', 'full_name'),
    ]);
    const after = await alice.client.getUserPreferences(alice.user.id);
    assert.equal(after.find((p) => p.name === 'name_format')?.value, 'full_name');
  });

  test('bad bodies are 400 with Mattermost’s error ids, and nothing is saved', async () => {
    const { alice } = w;
    const put = (body: unknown) =>
      raw(w.server, `/api/v4/users/me/preferences`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${alice.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const cases: [unknown, string][] = [
      [{ category: 'x' }, 'api.context.invalid_body_param.app_error'],
      [
        [{ ...pref(alice, 'display_settings', 'x', 'y'), value: 3 }],
        'api.context.invalid_body_param.app_error',
      ],
      [[pref(alice, '', 'x', 'y')], 'model.preference.is_valid.category.app_error'],
      [[pref(alice, 'c'.repeat(33), 'x', 'y')], 'model.preference.is_valid.category.app_error'],
      [[pref(alice, 'display_settings', 'n'.repeat(33), 'y')], 'model.preference.is_valid.name.app_error'],
      [
        [pref(alice, 'display_settings', 'big', 'é'.repeat(20001))],
        'model.preference.is_valid.value.app_error',
      ],
      [[pref(alice, 'theme', '', 'not json')], 'model.preference.is_valid.theme.app_error'],
      [
        [pref(alice, 'sidebar_settings', 'limit_visible_dms_gms', '41')],
        'model.preference.is_valid.limit_visible_dms_gms.app_error',
      ],
      [
        Array.from({ length: 101 }, (_, i) => pref(alice, 'tutorial_step', `n${i}`, 'v')),
        'api.context.invalid_body_param.app_error',
      ],
    ];
    for (const [body, id] of cases) {
      const res = await put(body);
      assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 80)} → ${res.text}`);
      assert.equal(res.json.id, id);
    }
    // A valid entry next to an invalid one is not saved either.
    const res = await put([pref(alice, 'display_settings', 'ok', 'y'), pref(alice, '', 'x', 'y')]);
    assert.equal(res.status, 400);
    const mine = await alice.client.getUserPreferences(alice.user.id);
    assert.ok(!mine.some((p) => p.name === 'ok'));

    const badDelete = await clientError(() => alice.client.deletePreferences(alice.user.id, {} as never));
    assert.equal(badDelete.status_code, 400);
  });

  test('theme colours that are not colours are neutralised', async () => {
    const { alice } = w;
    const theme = { type: 'Custom', sidebarBg: '#112233', centerChannelBg: 'red;background:url(x)' };
    await alice.client.savePreferences(alice.user.id, [pref(alice, 'theme', '', JSON.stringify(theme))]);
    const saved = (await alice.client.getUserPreferences(alice.user.id)).find((p) => p.category === 'theme');
    assert.deepEqual(JSON.parse(saved!.value), { ...theme, centerChannelBg: '#ffffff' });
  });

  test('saved posts (flagged_post) must be live posts the user may read', async () => {
    const { alice, admin, team } = w;
    const town = await w.server.parley.app.db
      .selectFrom('channels')
      .select('id')
      .where('team_id', '=', team.id)
      .where('name', '=', 'town-square')
      .executeTakeFirstOrThrow();
    const readable = await makePost(admin.client, town.id);
    await alice.client.savePreferences(alice.user.id, [pref(alice, 'flagged_post', readable.id, 'true')]);
    const saved = await alice.client.getUserPreferences(alice.user.id);
    assert.ok(saved.some((p) => p.category === 'flagged_post' && p.name === readable.id));

    const secret = await admin.client.createChannel(newChannelFields(team.id, 'P'));
    const hidden = await makePost(admin.client, secret.id);
    const refused = await clientError(() =>
      alice.client.savePreferences(alice.user.id, [pref(alice, 'flagged_post', hidden.id, 'true')]),
    );
    assert.equal(refused.status_code, 403);

    const deleted = await makePost(admin.client, town.id, { deleted: true });
    for (const name of [deleted.id, 'z'.repeat(26)]) {
      const err = await clientError(() =>
        alice.client.savePreferences(alice.user.id, [pref(alice, 'flagged_post', name, 'true')]),
      );
      assert.equal(err.status_code, 400);
      assert.equal(err.server_error_id, 'api.context.invalid_param.app_error');
    }
  });
});
