import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientError, raw, unique } from './harness.ts';
import { channelWorld, eventsNamed, newChannelFields, type ChannelWorld } from './channels-setup.ts';

describe('channels: create, read, edit, archive', () => {
  let w: ChannelWorld;
  before(async () => {
    w = await channelWorld();
  });
  after(() => w.server.close());

  test('a team member creates a public channel and becomes its channel admin', async () => {
    const from = w.events.length;
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    assert.equal(ch.type, 'O');
    assert.equal(ch.team_id, w.team.id);
    assert.equal(ch.creator_id, w.alice.user.id);
    assert.equal(ch.delete_at, 0);
    assert.equal(ch.total_msg_count, 0);
    const me = await w.alice.client.getMyChannelMember(ch.id);
    assert.equal(me.roles, 'channel_user channel_admin');
    assert.equal(me.scheme_admin, true);
    assert.equal(me.notify_props.mark_unread, 'all');
    const created = eventsNamed(w, 'channel_created', from);
    assert.equal(created.length, 1);
    assert.deepEqual(created[0].data, { channel_id: ch.id, team_id: w.team.id });
    assert.equal(created[0].broadcast.userId, w.alice.user.id);
  });

  test('create refuses bad fields, duplicate names, outsiders and anonymous callers', async () => {
    const c = w.alice.client;
    const badName = await clientError(() =>
      c.createChannel({ team_id: w.team.id, name: 'Bad Name', display_name: 'x', type: 'O' } as never),
    );
    assert.equal(badName.status_code, 400);
    assert.equal(badName.server_error_id, 'model.channel.is_valid.2.app_error');
    const longHeader = await clientError(() =>
      c.createChannel({ ...(newChannelFields(w.team.id) as object), header: 'h'.repeat(1025) } as never),
    );
    assert.equal(longHeader.server_error_id, 'model.channel.is_valid.header.app_error');
    const noDisplay = await clientError(() =>
      c.createChannel({ team_id: w.team.id, name: unique('c'), display_name: '', type: 'O' } as never),
    );
    assert.equal(noDisplay.server_error_id, 'model.channel.is_valid.display_name.app_error');
    const badType = await clientError(() =>
      c.createChannel({ team_id: w.team.id, name: unique('c'), display_name: 'x', type: 'D' } as never),
    );
    assert.equal(badType.status_code, 400);
    const badTeam = await clientError(() =>
      c.createChannel({ team_id: 'nope', name: unique('c'), display_name: 'x', type: 'O' } as never),
    );
    assert.equal(badTeam.status_code, 400);
    assert.equal(badTeam.server_error_id, 'api.context.invalid_body_param.app_error');

    const fields = newChannelFields(w.team.id);
    await c.createChannel(fields);
    const dup = await clientError(() => w.bob.client.createChannel(fields));
    assert.equal(dup.status_code, 400);
    assert.equal(dup.server_error_id, 'store.sql_channel.save_channel.exists.app_error');

    const outsider = await clientError(() => w.outsider.client.createChannel(newChannelFields(w.team.id)));
    assert.equal(outsider.status_code, 403);
    const anon = await clientError(() => w.server.client().createChannel(newChannelFields(w.team.id)));
    assert.equal(anon.status_code, 401);

    const notJson = await raw(w.server, '/api/v4/channels', {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}` },
      body: '{not json',
    });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.json.id, 'api.context.invalid_body_param.app_error');
  });

  test('public channels are readable team-wide; private ones only by members', async () => {
    const pub = await w.alice.client.createChannel(newChannelFields(w.team.id));
    const priv = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));
    assert.equal((await w.bob.client.getChannel(pub.id)).id, pub.id);
    assert.equal((await w.alice.client.getChannel(priv.id)).type, 'P');

    const denied = await clientError(() => w.bob.client.getChannel(priv.id));
    assert.equal(denied.status_code, 403);
    assert.equal(denied.server_error_id, 'api.context.permissions.app_error');
    assert.equal((await clientError(() => w.outsider.client.getChannel(pub.id))).status_code, 403);
    // By name, a private channel the caller cannot read is simply not found.
    const hidden = await clientError(() => w.bob.client.getChannelByName(w.team.id, priv.name));
    assert.equal(hidden.status_code, 404);
    assert.equal((await clientError(() => w.bob.client.getChannelMembers(priv.id))).status_code, 403);

    assert.equal((await clientError(() => w.bob.client.getChannel('x'.repeat(26)))).status_code, 404);
    const malformed = await clientError(() => w.bob.client.getChannel('not-an-id'));
    assert.equal(malformed.status_code, 400);
    assert.equal(malformed.server_error_id, 'api.context.invalid_url_param.app_error');
  });

  test('get by name and by team name, with include_deleted', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    assert.equal((await w.bob.client.getChannelByName(w.team.id, ch.name)).id, ch.id);
    assert.equal((await w.bob.client.getChannelByNameAndTeamName(w.team.name, ch.name)).id, ch.id);
    assert.equal((await w.bob.client.getChannelByName(w.team.id, 'town-square')).display_name, 'Town Square');
    const missing = await clientError(() => w.bob.client.getChannelByName(w.team.id, 'no-such-channel'));
    assert.equal(missing.status_code, 404);
    const noTeam = await clientError(() => w.bob.client.getChannelByNameAndTeamName('no-such-team', ch.name));
    assert.equal(noTeam.status_code, 404);
    await w.alice.client.deleteChannel(ch.id);
    assert.equal(
      (await clientError(() => w.bob.client.getChannelByName(w.team.id, ch.name))).status_code,
      404,
    );
    const archived = await w.bob.client.getChannelByName(w.team.id, ch.name, true);
    assert.ok(archived.delete_at > 0);
    const outsider = await clientError(() => w.outsider.client.getChannelByName(w.team.id, 'town-square'));
    assert.equal(outsider.status_code, 403);
  });

  test('patch and update change the properties; others and bad values are refused', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    const from = w.events.length;
    const patched = await w.alice.client.patchChannel(ch.id, { header: 'new header', purpose: 'why' });
    assert.equal(patched.header, 'new header');
    assert.equal(patched.purpose, 'why');
    assert.equal(patched.display_name, ch.display_name);
    assert.ok(patched.update_at >= ch.update_at);
    const updated = eventsNamed(w, 'channel_updated', from);
    assert.equal(updated.length, 1);
    assert.equal(JSON.parse(updated[0].data.channel as string).header, 'new header');
    assert.equal(updated[0].broadcast.channelId, ch.id);

    const full = await w.alice.client.updateChannel({ ...patched, display_name: 'Renamed' });
    assert.equal(full.display_name, 'Renamed');
    const typeChange = await clientError(() => w.alice.client.updateChannel({ ...full, type: 'P' }));
    assert.equal(typeChange.server_error_id, 'api.channel.update_channel.typechange.app_error');

    const bobPriv = await w.bob.client.createChannel(newChannelFields(w.team.id, 'P'));
    assert.equal(
      (await clientError(() => w.alice.client.patchChannel(bobPriv.id, { header: 'x' }))).status_code,
      403,
    );
    const bad = await clientError(() => w.alice.client.patchChannel(ch.id, { purpose: 'p'.repeat(251) }));
    assert.equal(bad.status_code, 400);
    const badType = await clientError(() => w.alice.client.patchChannel(ch.id, { header: 5 as never }));
    assert.equal(badType.server_error_id, 'api.context.invalid_body_param.app_error');
    const ts = await w.alice.client.getChannelByName(w.team.id, 'town-square');
    const rename = await clientError(() => w.admin.client.patchChannel(ts.id, { name: 'elsewhere' }));
    assert.equal(rename.server_error_id, 'api.channel.update_channel.tried.app_error');
  });

  test('archive makes a channel read-only; restore brings it back', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    const from = w.events.length;
    assert.deepEqual(await w.alice.client.deleteChannel(ch.id), { status: 'OK' });
    const deleted = eventsNamed(w, 'channel_deleted', from);
    assert.equal(deleted[0].data.channel_id, ch.id);
    assert.equal(deleted[0].broadcast.teamId, w.team.id);
    assert.ok((await w.alice.client.getChannel(ch.id)).delete_at > 0);

    const patch = await clientError(() => w.alice.client.patchChannel(ch.id, { header: 'x' }));
    assert.equal(patch.status_code, 400);
    assert.equal(patch.server_error_id, 'api.channel.update_channel.deleted.app_error');
    const add = await clientError(() => w.alice.client.addToChannel(w.bob.user.id, ch.id));
    assert.equal(add.status_code, 400);
    const again = await clientError(() => w.alice.client.deleteChannel(ch.id));
    assert.equal(again.server_error_id, 'api.channel.delete_channel.deleted.app_error');

    const archivedList = await w.bob.client.getArchivedChannels(w.team.id);
    assert.ok(archivedList.some((c) => c.id === ch.id));
    assert.ok(!(await w.bob.client.getChannels(w.team.id)).some((c) => c.id === ch.id));

    // Restoring needs manage_team: the channel's creator is not enough, the team admin is.
    assert.equal((await clientError(() => w.alice.client.unarchiveChannel(ch.id))).status_code, 403);
    const restored = await w.admin.client.unarchiveChannel(ch.id);
    assert.equal(restored.delete_at, 0);
    assert.equal(eventsNamed(w, 'channel_restored', from).length, 1);
    const notArchived = await clientError(() => w.admin.client.unarchiveChannel(ch.id));
    assert.equal(notArchived.server_error_id, 'api.channel.restore_channel.restored.app_error');

    const ts = await w.alice.client.getChannelByName(w.team.id, 'town-square');
    const town = await clientError(() => w.admin.client.deleteChannel(ts.id));
    assert.equal(town.server_error_id, 'api.channel.delete_channel.cannot.app_error');
    const other = await w.alice.client.createChannel(newChannelFields(w.team.id));
    assert.equal((await clientError(() => w.bob.client.deleteChannel(other.id))).status_code, 403);
    const permanent = await raw(w.server, `/api/v4/channels/${other.id}?permanent=true`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${w.alice.token}` },
    });
    assert.equal(permanent.status, 401);
    assert.equal(permanent.json.id, 'api.user.delete_channel.not_enabled.app_error');
  });

  test('privacy converts public and private channels, never Town Square', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    assert.equal((await clientError(() => w.alice.client.updateChannelPrivacy(ch.id, 'P'))).status_code, 403);
    const from = w.events.length;
    const priv = await w.admin.client.updateChannelPrivacy(ch.id, 'P');
    assert.equal(priv.type, 'P');
    const converted = eventsNamed(w, 'channel_converted', from);
    assert.deepEqual(converted[0].data, { channel_id: ch.id, channel_type: 'P' });
    assert.equal((await w.admin.client.updateChannelPrivacy(ch.id, 'O')).type, 'O');
    const bad = await clientError(() => w.admin.client.updateChannelPrivacy(ch.id, 'X'));
    assert.equal(bad.server_error_id, 'api.context.invalid_param.app_error');
    const ts = await w.alice.client.getChannelByName(w.team.id, 'town-square');
    const town = await clientError(() => w.admin.client.updateChannelPrivacy(ts.id, 'P'));
    assert.equal(town.server_error_id, 'api.channel.convert_channel_to_private.default_channel_error');
  });

  test('team channel lists need team membership; private list is for admins', async () => {
    const pub = await w.alice.client.createChannel(newChannelFields(w.team.id));
    const priv = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));
    const list = await w.bob.client.getChannels(w.team.id, 0, 200);
    assert.ok(list.some((c) => c.id === pub.id));
    assert.ok(!list.some((c) => c.id === priv.id));
    assert.equal((await w.bob.client.getChannels(w.team.id, 0, 1)).length, 1);

    const outsider = await clientError(() => w.outsider.client.getChannels(w.team.id));
    assert.equal(outsider.status_code, 403);
    assert.equal(
      (await clientError(() => w.outsider.client.getArchivedChannels(w.team.id))).status_code,
      403,
    );
    assert.equal((await clientError(() => w.bob.client.getChannels('bad'))).status_code, 400);

    const privList = await raw(w.server, `/api/v4/teams/${w.team.id}/channels/private`, {
      headers: { Authorization: `Bearer ${w.admin.token}` },
    });
    assert.equal(privList.status, 200);
    assert.ok((privList.json as unknown as { id: string }[]).some((c) => c.id === priv.id));
    const notAdmin = await raw(w.server, `/api/v4/teams/${w.team.id}/channels/private`, {
      headers: { Authorization: `Bearer ${w.bob.token}` },
    });
    assert.equal(notAdmin.status, 403);
  });

  test('search and autocomplete', async () => {
    const word = unique('zeta');
    const pub = await w.alice.client.createChannel({
      team_id: w.team.id,
      name: `${word}-pub`,
      display_name: `Zeta ${word}`,
      type: 'O',
    } as never);
    const priv = await w.alice.client.createChannel({
      team_id: w.team.id,
      name: `${word}-priv`,
      display_name: 'Secret',
      type: 'P',
    } as never);
    const found = await w.bob.client.searchChannels(w.team.id, word);
    assert.deepEqual(
      found.map((c) => c.id),
      [pub.id],
    );
    const ac = await w.alice.client.autocompleteChannels(w.team.id, word);
    assert.deepEqual(ac.map((c) => c.id).sort(), [pub.id, priv.id].sort());
    const bobAc = await w.bob.client.autocompleteChannels(w.team.id, word);
    assert.deepEqual(
      bobAc.map((c) => c.id),
      [pub.id],
    );
    // search_autocomplete only offers channels the caller is in.
    assert.deepEqual(await w.bob.client.autocompleteChannelsForSearch(w.team.id, word), []);
    assert.equal((await w.alice.client.autocompleteChannelsForSearch(w.team.id, word)).length, 2);
    assert.equal(
      (await clientError(() => w.outsider.client.searchChannels(w.team.id, word))).status_code,
      403,
    );
    const noTerm = await raw(w.server, `/api/v4/teams/${w.team.id}/channels/search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.bob.token}` },
      body: JSON.stringify({ term: 5 }),
    });
    assert.equal(noTerm.status, 400);
    // Wildcards in the term are literal.
    assert.deepEqual(await w.bob.client.searchChannels(w.team.id, '%%%'), []);

    const all = await w.admin.client.searchAllChannels(word, { page: 0, per_page: 10 } as never);
    const wrapped = all as unknown as { channels: { id: string; team_name: string }[]; total_count: number };
    assert.equal(wrapped.total_count, 2);
    assert.equal(wrapped.channels[0].team_name, w.team.name);
    const plain = await w.admin.client.searchAllChannels(word, {});
    assert.equal((plain as unknown as unknown[]).length, 2);
    assert.equal((await clientError(() => w.bob.client.searchAllChannels(word, {}))).status_code, 403);
  });
});
