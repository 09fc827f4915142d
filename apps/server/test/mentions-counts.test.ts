import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import { addUserToTeam } from '../src/domains/teams/join.ts';
import { unique, type LoggedIn } from './harness.ts';
import { channelWorld, eventsNamed, newChannelFields, type ChannelWorld } from './channels-setup.ts';

/** Mention counters as Mattermost keeps them: channel, DM, GM, @here/@channel, the posted event. */

describe('mentions: counts when posting', () => {
  let w: ChannelWorld;
  let carol: LoggedIn;
  let pub: Channel;
  const post = (who: LoggedIn, channel_id: string, message: string, root_id = '') =>
    who.client.createPost({ channel_id, message, root_id } as Post);
  const member = (who: LoggedIn, channelId: string) => who.client.getChannelMember(channelId, who.user.id);

  before(async () => {
    w = await channelWorld();
    carol = await w.server.userByAdmin(w.admin.client, { username: unique('carol') });
    await addUserToTeam(w.server.parley.app, w.team.id, carol.user.id);
    pub = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await w.alice.client.addToChannel(w.bob.user.id, pub.id);
    await w.alice.client.addToChannel(carol.user.id, pub.id);
  });
  after(() => w.server.close());

  test('@username counts for that member only, with one channel-wide posted event listing mentions', async () => {
    const from = w.events.length;
    const b0 = await member(w.bob, pub.id);
    const c0 = await member(carol, pub.id);
    await post(w.alice, pub.id, `hey @${w.bob.user.username.toUpperCase()}, and \`@${carol.user.username}\``);
    const b1 = await member(w.bob, pub.id);
    const c1 = await member(carol, pub.id);
    assert.equal(b1.mention_count, b0.mention_count + 1);
    assert.equal(b1.mention_count_root, b0.mention_count_root + 1);
    assert.equal(c1.mention_count, c0.mention_count);
    const posted = eventsNamed(w, 'posted', from);
    assert.equal(posted.length, 1);
    assert.equal(posted[0].broadcast.channelId, pub.id);
    assert.deepEqual(JSON.parse(posted[0].data.mentions as string), [w.bob.user.id]);
  });

  test('an author never mentions themself; no mentions means no mentions field', async () => {
    const from = w.events.length;
    const a0 = await member(w.alice, pub.id);
    await post(w.alice, pub.id, `talking to @${w.alice.user.username}`);
    const a1 = await member(w.alice, pub.id);
    assert.equal(a1.mention_count, 0);
    assert.equal(a0.mention_count, 0);
    assert.equal('mentions' in eventsNamed(w, 'posted', from)[0].data, false);
  });

  test('@channel mentions every other member; ignore_channel_mentions opts out', async () => {
    await w.bob.client.updateChannelNotifyProps({
      channel_id: pub.id,
      user_id: w.bob.user.id,
      ignore_channel_mentions: 'on',
    } as never);
    const b0 = await member(w.bob, pub.id);
    const c0 = await member(carol, pub.id);
    await post(w.alice, pub.id, 'attention @channel!');
    assert.equal((await member(w.bob, pub.id)).mention_count, b0.mention_count);
    assert.equal((await member(carol, pub.id)).mention_count, c0.mention_count + 1);
    await w.bob.client.updateChannelNotifyProps({
      channel_id: pub.id,
      user_id: w.bob.user.id,
      ignore_channel_mentions: 'default',
    } as never);
  });

  test('@here only reaches members who are online', async () => {
    await w.bob.client.updateStatus({ user_id: w.bob.user.id, status: 'online' } as never);
    await carol.client.updateStatus({ user_id: carol.user.id, status: 'offline' } as never);
    const b0 = await member(w.bob, pub.id);
    const c0 = await member(carol, pub.id);
    await post(w.alice, pub.id, '@here quick one');
    assert.equal((await member(w.bob, pub.id)).mention_count, b0.mention_count + 1);
    assert.equal((await member(carol, pub.id)).mention_count, c0.mention_count);
  });

  test('mention keys and first name count when the user asked for them', async () => {
    await carol.client.patchMe({
      first_name: 'Caroline',
      notify_props: { ...carol.user.notify_props, first_name: 'true', mention_keys: 'deploy' },
    } as never);
    const c0 = await member(carol, pub.id);
    await post(w.alice, pub.id, 'Caroline, please DEPLOY.');
    await post(w.alice, pub.id, 'deploy again');
    assert.equal((await member(carol, pub.id)).mention_count, c0.mention_count + 2);
  });

  test('a reply mention counts in mention_count but not mention_count_root', async () => {
    const root = await post(w.bob, pub.id, 'root');
    const c0 = await member(carol, pub.id);
    await post(w.alice, pub.id, `@${carol.user.username} see this`, root.id);
    const c1 = await member(carol, pub.id);
    assert.equal(c1.mention_count, c0.mention_count + 1);
    assert.equal(c1.mention_count_root, c0.mention_count_root);
  });

  test('every post in a DM mentions the other member', async () => {
    const dm = await w.alice.client.createDirectChannel([w.alice.user.id, w.bob.user.id]);
    await post(w.alice, dm.id, 'no at-sign here');
    await post(w.alice, dm.id, 'second');
    const b = await member(w.bob, dm.id);
    assert.equal(b.mention_count, 2);
    assert.equal(b.mention_count_root, 2);
    assert.equal((await member(w.alice, dm.id)).mention_count, 0);
  });

  test('every post in a GM mentions every other member', async () => {
    const gm = await w.alice.client.createGroupChannel([w.alice.user.id, w.bob.user.id, carol.user.id]);
    const from = w.events.length;
    await post(w.alice, gm.id, 'hello group');
    assert.equal((await member(w.bob, gm.id)).mention_count, 1);
    assert.equal((await member(carol, gm.id)).mention_count, 1);
    assert.equal((await member(w.alice, gm.id)).mention_count, 0);
    const mentions = JSON.parse(eventsNamed(w, 'posted', from)[0].data.mentions as string) as string[];
    assert.deepEqual(mentions.sort(), [w.bob.user.id, carol.user.id].sort());
  });
});
