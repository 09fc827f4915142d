import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientError, raw } from './harness.ts';
import { channelWorld, eventsNamed, newChannelFields, type ChannelWorld } from './channels-setup.ts';

describe('channel members', () => {
  let w: ChannelWorld;
  before(async () => {
    w = await channelWorld();
  });
  after(() => w.server.close());

  test('joining a public channel oneself, with the user_added event', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    const from = w.events.length;
    const member = await w.bob.client.addToChannel(w.bob.user.id, ch.id);
    assert.equal(member.channel_id, ch.id);
    assert.equal(member.user_id, w.bob.user.id);
    assert.equal(member.roles, 'channel_user');
    assert.equal(member.scheme_user, true);
    assert.equal(member.scheme_admin, false);
    assert.equal((member as unknown as { explicit_roles: string }).explicit_roles, '');
    const added = eventsNamed(w, 'user_added', from);
    assert.equal(added.length, 1);
    assert.deepEqual(added[0].data, { user_id: w.bob.user.id, team_id: w.team.id });
    assert.equal(added[0].broadcast.channelId, ch.id);
    // Joining again is harmless and announces nothing.
    await w.bob.client.addToChannel(w.bob.user.id, ch.id);
    assert.equal(eventsNamed(w, 'user_added', from).length, 1);
    const members = await w.alice.client.getChannelMembers(ch.id);
    assert.deepEqual(members.map((m) => m.user_id).sort(), [w.alice.user.id, w.bob.user.id].sort());
    assert.equal((await w.alice.client.getChannelMembers(ch.id, 0, 1)).length, 1);
  });

  test('private channels: members add others; non-members cannot join, read or list', async () => {
    const priv = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));
    const self = await clientError(() => w.bob.client.addToChannel(w.bob.user.id, priv.id));
    assert.equal(self.status_code, 403);
    assert.equal((await clientError(() => w.bob.client.getChannelMembers(priv.id))).status_code, 403);
    assert.equal(
      (await clientError(() => w.bob.client.getChannelMember(priv.id, w.alice.user.id))).status_code,
      403,
    );
    const added = await w.alice.client.addToChannels([w.bob.user.id], priv.id);
    assert.equal(added.length, 1);
    assert.equal((await w.bob.client.getChannel(priv.id)).id, priv.id);
    assert.equal((await w.bob.client.getMyChannelMember(priv.id)).user_id, w.bob.user.id);
  });

  test('added users must be team members; bodies and ids are validated', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    const outsider = await clientError(() => w.alice.client.addToChannel(w.outsider.user.id, ch.id));
    assert.equal(outsider.status_code, 404);
    assert.equal(outsider.server_error_id, 'app.team.get_member.missing.app_error');
    const badId = await clientError(() => w.alice.client.addToChannel('not-an-id', ch.id));
    assert.equal(badId.status_code, 400);
    assert.equal(badId.server_error_id, 'api.context.invalid_body_param.app_error');
    const arrayBody = await raw(w.server, `/api/v4/channels/${ch.id}/members`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}` },
      body: JSON.stringify([w.bob.user.id]),
    });
    assert.equal(arrayBody.status, 400);
    const missing = await clientError(() => w.alice.client.addToChannel(w.bob.user.id, 'y'.repeat(26)));
    assert.equal(missing.status_code, 404);
    // The outsider cannot join the team's public channel either.
    const join = await clientError(() => w.outsider.client.addToChannel(w.outsider.user.id, ch.id));
    assert.equal(join.status_code, 403);
  });

  test('get one member (incl. me) and members by ids', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    const me = await w.alice.client.getMyChannelMember(ch.id);
    assert.equal(me.user_id, w.alice.user.id);
    const notMember = await clientError(() => w.alice.client.getChannelMember(ch.id, w.bob.user.id));
    assert.equal(notMember.status_code, 404);
    assert.equal(notMember.server_error_id, 'app.channel.get_member.missing.app_error');
    const byIds = await w.alice.client.getChannelMembersByIds(ch.id, [w.alice.user.id, w.bob.user.id]);
    assert.deepEqual(
      byIds.map((m) => m.user_id),
      [w.alice.user.id],
    );
    const bad = await raw(w.server, `/api/v4/channels/${ch.id}/members/ids`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}` },
      body: JSON.stringify({ ids: 1 }),
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.id, 'api.context.invalid_body_param.app_error');
  });

  test('leave, remove, and the Town Square rule', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await w.alice.client.addToChannel(w.bob.user.id, ch.id);
    const from = w.events.length;
    assert.deepEqual(await w.bob.client.removeFromChannel(w.bob.user.id, ch.id), { status: 'OK' });
    const removed = eventsNamed(w, 'user_removed', from);
    assert.equal(removed.length, 2);
    assert.deepEqual(removed[0].data, { user_id: w.bob.user.id, remover_id: w.bob.user.id });
    assert.equal(removed[0].broadcast.channelId, ch.id);
    assert.deepEqual(removed[1].data, { channel_id: ch.id, remover_id: w.bob.user.id });
    assert.equal(removed[1].broadcast.userId, w.bob.user.id);

    await w.bob.client.addToChannel(w.bob.user.id, ch.id);
    // A plain member of a public channel may remove others (channel_user has the permission),
    // but an outsider to the channel's team may not.
    assert.equal(
      (await clientError(() => w.outsider.client.removeFromChannel(w.bob.user.id, ch.id))).status_code,
      403,
    );
    await w.alice.client.removeFromChannel(w.bob.user.id, ch.id);
    const gone = await clientError(() => w.alice.client.removeFromChannel(w.bob.user.id, ch.id));
    assert.equal(gone.status_code, 404);

    const ts = await w.bob.client.getChannelByName(w.team.id, 'town-square');
    const leaveTs = await clientError(() => w.bob.client.removeFromChannel(w.bob.user.id, ts.id));
    assert.equal(leaveTs.status_code, 400);
    assert.equal(leaveTs.server_error_id, 'api.channel.remove.default.app_error');
  });

  test('member roles: channel admins promote; others are refused; bad roles are 400', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await w.alice.client.addToChannel(w.bob.user.id, ch.id);
    const denied = await clientError(() =>
      w.bob.client.updateChannelMemberRoles(ch.id, w.bob.user.id, 'channel_user channel_admin'),
    );
    assert.equal(denied.status_code, 403);
    const from = w.events.length;
    await w.alice.client.updateChannelMemberRoles(ch.id, w.bob.user.id, 'channel_user channel_admin');
    const bob = await w.bob.client.getMyChannelMember(ch.id);
    assert.equal(bob.roles, 'channel_user channel_admin');
    assert.equal(bob.scheme_admin, true);
    const updated = eventsNamed(w, 'channel_member_updated', from);
    assert.equal(updated.length, 1);
    assert.equal(updated[0].broadcast.userId, w.bob.user.id);
    assert.equal(JSON.parse(updated[0].data.channelMember as string).scheme_admin, true);

    const wrongScope = await clientError(() =>
      w.alice.client.updateChannelMemberRoles(ch.id, w.bob.user.id, 'team_admin'),
    );
    assert.equal(wrongScope.status_code, 400);
    const guest = await clientError(() =>
      w.alice.client.updateChannelMemberRoles(ch.id, w.bob.user.id, 'channel_guest'),
    );
    assert.equal(guest.status_code, 400);
    const notMember = await clientError(() =>
      w.alice.client.updateChannelMemberRoles(ch.id, w.outsider.user.id, 'channel_user'),
    );
    assert.equal(notMember.status_code, 404);
  });

  test('notify props merge for oneself; others need edit_other_users', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await w.alice.client.updateChannelNotifyProps({
      channel_id: ch.id,
      user_id: w.alice.user.id,
      mark_unread: 'mention',
    });
    const me = await w.alice.client.getMyChannelMember(ch.id);
    assert.equal(me.notify_props.mark_unread, 'mention');
    assert.equal(me.notify_props.desktop, 'default');
    await w.bob.client.addToChannel(w.bob.user.id, ch.id);
    const other = await clientError(() =>
      w.alice.client.updateChannelNotifyProps({ channel_id: ch.id, user_id: w.bob.user.id, desktop: 'all' }),
    );
    assert.equal(other.status_code, 403);
    await w.admin.client.updateChannelNotifyProps({
      channel_id: ch.id,
      user_id: w.bob.user.id,
      desktop: 'all',
    });
    assert.equal((await w.bob.client.getMyChannelMember(ch.id)).notify_props.desktop, 'all');
    const bad = await clientError(() =>
      w.alice.client.updateChannelNotifyProps({
        channel_id: ch.id,
        user_id: w.alice.user.id,
        mark_unread: 'x',
      }),
    );
    assert.equal(bad.status_code, 400);
  });

  test('my channels in a team include DMs; the members list too; outsiders are refused', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));
    const dm = await w.alice.client.createDirectChannel([w.alice.user.id, w.bob.user.id]);
    const mine = await w.alice.client.getMyChannels(w.team.id);
    const ids = mine.map((c) => c.id);
    assert.ok(ids.includes(ch.id));
    assert.ok(ids.includes(dm.id));
    assert.ok(mine.some((c) => c.name === 'town-square'));
    const members = await w.alice.client.getMyChannelMembers(w.team.id);
    assert.ok(members.some((m) => m.channel_id === dm.id));
    assert.ok(members.some((m) => m.channel_id === ch.id));
    const all = await w.alice.client.getAllChannelsMembers(w.alice.user.id);
    assert.ok(all.some((m) => m.channel_id === dm.id));

    const archived = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await w.alice.client.deleteChannel(archived.id);
    assert.ok(!(await w.alice.client.getMyChannels(w.team.id)).some((c) => c.id === archived.id));
    assert.ok((await w.alice.client.getMyChannels(w.team.id, true)).some((c) => c.id === archived.id));

    const outsider = await clientError(() => w.outsider.client.getMyChannels(w.team.id));
    assert.equal(outsider.status_code, 403);
    const otherUser = await raw(w.server, `/api/v4/users/${w.alice.user.id}/teams/${w.team.id}/channels`, {
      headers: { Authorization: `Bearer ${w.bob.token}` },
    });
    assert.equal(otherUser.status, 403);
    assert.equal(
      (await clientError(() => w.bob.client.getAllChannelsMembers(w.alice.user.id))).status_code,
      403,
    );
    const asAdmin = await raw(w.server, `/api/v4/users/${w.alice.user.id}/teams/${w.team.id}/channels`, {
      headers: { Authorization: `Bearer ${w.admin.token}` },
    });
    assert.equal(asAdmin.status, 200);
  });

  test('viewing a channel marks it read and tells the user', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    const other = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await w.server.parley.app.db
      .updateTable('channels')
      .set({ total_msg_count: 7, total_msg_count_root: 5 })
      .where('id', '=', ch.id)
      .execute();
    await w.server.parley.app.db
      .updateTable('channel_members')
      .set({ mention_count: 3, urgent_mention_count: 1 })
      .where('channel_id', '=', ch.id)
      .execute();
    const from = w.events.length;
    const before = Date.now();
    const res = await raw(w.server, '/api/v4/channels/members/me/view', {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}` },
      body: JSON.stringify({ channel_id: ch.id, prev_channel_id: other.id }),
    });
    assert.equal(res.status, 200);
    const times = (res.json as { last_viewed_at_times: Record<string, number> }).last_viewed_at_times;
    assert.equal(res.json.status, 'OK');
    assert.deepEqual(Object.keys(times).sort(), [ch.id, other.id].sort());
    assert.ok(times[ch.id] >= before);
    const me = await w.alice.client.getMyChannelMember(ch.id);
    assert.equal(me.msg_count, 7);
    assert.equal(me.msg_count_root, 5);
    assert.equal(me.mention_count, 0);
    assert.equal(me.urgent_mention_count, 0);
    assert.equal(me.last_viewed_at, times[ch.id]);
    const viewed = eventsNamed(w, 'multiple_channels_viewed', from);
    assert.equal(viewed.length, 1);
    assert.deepEqual(viewed[0].data, { channel_times: times });
    assert.equal(viewed[0].broadcast.userId, w.alice.user.id);

    // Client4's own call; a channel the user is not in changes nothing.
    const viaClient = await w.bob.client.viewMyChannel(ch.id);
    assert.deepEqual(viaClient, { status: 'OK', last_viewed_at_times: {} });
    const bad = await raw(w.server, '/api/v4/channels/members/me/view', {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}` },
      body: JSON.stringify({ channel_id: 'bad' }),
    });
    assert.equal(bad.status, 400);
    const forOther = await raw(w.server, `/api/v4/channels/members/${w.alice.user.id}/view`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.bob.token}` },
      body: JSON.stringify({ channel_id: ch.id }),
    });
    assert.equal(forOther.status, 403);
  });

  test('stats and timezones', async () => {
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));
    await w.alice.client.addToChannel(w.bob.user.id, ch.id);
    const stats = await w.alice.client.getChannelStats(ch.id);
    assert.deepEqual(stats, {
      channel_id: ch.id,
      member_count: 2,
      guest_count: 0,
      pinnedpost_count: 0,
      files_count: 0,
    });
    assert.equal((await clientError(() => w.outsider.client.getChannelStats(ch.id))).status_code, 403);
    const zones = await w.alice.client.getChannelTimezones(ch.id);
    assert.ok(Array.isArray(zones));
    assert.equal((await clientError(() => w.outsider.client.getChannelTimezones(ch.id))).status_code, 403);
  });
});
