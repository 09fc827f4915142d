import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel, ChannelModeration } from '@mattermost/types/channels';
import { channelWorld, type ChannelWorld } from './channels-setup.ts';
import { clientError, raw, unique } from './harness.ts';

/** Channel moderation: a channel's members and guests lose moderated permissions in that channel. */
describe('channel moderation', () => {
  let w: ChannelWorld;
  let channel: Channel;
  let postId: string;

  const status = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      return 200;
    } catch (err) {
      return (err as { status_code: number }).status_code;
    }
  };
  const post = (who: 'alice' | 'bob' | 'admin') => () =>
    w[who].client.createPost({ channel_id: channel.id, message: unique('m') } as never);
  const byName = (m: ChannelModeration[], name: string) => m.find((x) => x.name === name)!;

  before(async () => {
    w = await channelWorld();
    channel = await w.admin.client.createChannel({
      team_id: w.team.id,
      name: unique('mod').toLowerCase(),
      display_name: 'Moderated',
      type: 'O',
    } as never);
    await w.admin.client.addToChannel(w.alice.user.id, channel.id);
    await w.admin.client.addToChannel(w.bob.user.id, channel.id);
    // Bob is a channel admin (not a system or team admin).
    await w.admin.client.updateChannelMemberRoles(channel.id, w.bob.user.id, 'channel_user channel_admin');
    postId = (await w.admin.client.createPost({ channel_id: channel.id, message: 'react here' } as never)).id;
  });
  after(() => w.server.close());

  test('GET /channels/{id}/moderations answers the four moderated permissions', async () => {
    const m = await w.admin.client.getChannelModerations(channel.id);
    assert.deepEqual(
      m.map((x) => x.name),
      ['create_post', 'create_reactions', 'manage_members', 'use_channel_mentions'],
    );
    assert.deepEqual(byName(m, 'create_post').roles, {
      members: { value: true, enabled: true },
      guests: { value: true, enabled: true },
    });
    assert.equal(byName(m, 'manage_members').roles.guests, null);
    assert.deepEqual(byName(m, 'manage_members').roles.members, { value: true, enabled: true });
  });

  test('a read-only channel: members cannot post or react, channel and system admins still post', async () => {
    assert.equal(await status(post('alice')), 200);
    const m = await w.admin.client.patchChannelModerations(channel.id, [
      { name: 'create_post', roles: { members: false } },
      { name: 'create_reactions', roles: { members: false } },
    ]);
    assert.deepEqual(byName(m, 'create_post').roles.members, { value: false, enabled: true });
    assert.deepEqual(byName(m, 'create_reactions').roles.members, { value: false, enabled: true });
    assert.deepEqual(byName(m, 'use_channel_mentions').roles.members, { value: true, enabled: true });
    assert.deepEqual(await w.admin.client.getChannelModerations(channel.id), m);
    const schemeId = (await w.admin.client.getChannel(channel.id)).scheme_id;
    assert.equal(schemeId?.length, 26, 'the channel got its own scheme');

    const refused = await clientError(post('alice'));
    assert.equal(refused.status_code, 403);
    assert.equal(await status(() => w.alice.client.addReaction(w.alice.user.id, postId, 'smile')), 403);
    assert.equal(await status(post('bob')), 200, 'a channel admin still posts');
    assert.equal(await status(() => w.bob.client.addReaction(w.bob.user.id, postId, 'smile')), 200);
    assert.equal(await status(post('admin')), 200, 'a system admin still posts');
    const town = await w.admin.client.getChannelByName(w.team.id, 'town-square');
    await w.alice.client.createPost({ channel_id: town.id, message: 'elsewhere' } as never);
  });

  test('turning everything back on removes the channel scheme and restores posting', async () => {
    const m = await w.admin.client.patchChannelModerations(channel.id, [
      { name: 'create_post', roles: { members: true } },
      { name: 'create_reactions', roles: { members: true } },
    ]);
    assert.deepEqual(byName(m, 'create_post').roles.members, { value: true, enabled: true });
    assert.ok(!(await w.admin.client.getChannel(channel.id)).scheme_id);
    assert.equal(await status(post('alice')), 200);
    assert.equal(await status(() => w.alice.client.addReaction(w.alice.user.id, postId, 'smile')), 200);
  });

  test('a permission the team scheme withholds shows enabled:false and cannot be turned on', async () => {
    const scheme = await w.admin.client.createScheme({ display_name: 'No mentions', scope: 'team' });
    const role = await w.admin.client.getRoleByName(scheme.default_channel_user_role);
    await w.admin.client.patchRole(role.id, {
      permissions: role.permissions.filter((p) => p !== 'use_channel_mentions'),
    });
    await w.admin.client.updateTeamScheme(w.team.id, scheme.id);
    const m = await w.admin.client.getChannelModerations(channel.id);
    assert.deepEqual(byName(m, 'use_channel_mentions').roles.members, { value: false, enabled: false });
    const err = await clientError(() =>
      w.admin.client.patchChannelModerations(channel.id, [
        { name: 'use_channel_mentions', roles: { members: true } },
      ]),
    );
    assert.equal(err.status_code, 400);
    await w.admin.client.updateTeamScheme(w.team.id, '');
  });

  test('moderation routes refuse non-admins, unknown channels, direct messages and bad bodies', async () => {
    assert.equal(await status(() => w.alice.client.getChannelModerations(channel.id)), 403);
    assert.equal(await status(() => w.bob.client.getChannelModerations(channel.id)), 403);
    assert.equal(
      await status(() =>
        w.alice.client.patchChannelModerations(channel.id, [
          { name: 'create_post', roles: { members: false } },
        ]),
      ),
      403,
    );
    assert.equal(await status(() => w.admin.client.getChannelModerations('f'.repeat(26))), 404);
    assert.equal(await status(() => w.admin.client.getChannelModerations('bad')), 400);
    const dm = await w.alice.client.createDirectChannel([w.alice.user.id, w.bob.user.id]);
    assert.equal(await status(() => w.admin.client.getChannelModerations(dm.id)), 400);
    for (const body of [
      {},
      [{ name: 'fly', roles: { members: false } }],
      [{ name: 'create_post' }],
      [{ name: 'create_post', roles: { members: 'no' } }],
      [null],
      'create_post',
    ]) {
      const res = await raw(w.server, `/api/v4/channels/${channel.id}/moderations/patch`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${w.admin.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.id, 'api.context.invalid_param.app_error');
    }
    assert.ok(!(await w.admin.client.getChannel(channel.id)).scheme_id, 'nothing was written');
  });
});
