import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { clientError, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import { officialSocket, type OfficialSocket } from './websocket-setup.ts';

/**
 * Built-in slash commands through POST /commands/execute: each one's effect as a user sees it,
 * over REST and over the WebSocket.
 */

describe('built-in slash commands', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let bob: LoggedIn;
  let carol: LoggedIn;
  let team: Team;
  let channel: Channel;
  let bobSocket: OfficialSocket;

  before(async () => {
    server = await startTestServer({ ServiceSettings: { SiteURL: 'http://chat.example.com' } });
    admin = await server.newUser({ username: unique('admin') });
    bob = await server.userByAdmin(admin.client, { username: unique('bob') });
    carol = await server.userByAdmin(admin.client, { username: unique('carol') });
    team = await admin.client.createTeam({ name: unique('team'), display_name: 'T', type: 'O' } as never);
    await admin.client.addToTeam(team.id, bob.user.id);
    await admin.client.addToTeam(team.id, carol.user.id);
    channel = await admin.client.createChannel({
      team_id: team.id,
      name: unique('ch'),
      display_name: 'Chat',
      type: 'O',
    } as never);
    await admin.client.addToChannel(bob.user.id, channel.id);
    bobSocket = await officialSocket(server, bob.token);
  });
  after(async () => {
    bobSocket.close();
    await server.close();
  });

  const run = (who: LoggedIn, command: string, channelId = channel.id) =>
    who.client.executeCommand(command, { channel_id: channelId, team_id: team.id });
  const lastPost = async (channelId: string): Promise<Post> => {
    const list = await admin.client.getPosts(channelId, 0, 1);
    return list.posts[list.order[0]];
  };
  const ephemeralFor = (socket: OfficialSocket, text: string) =>
    socket.event('ephemeral_message', (m) =>
      ((JSON.parse((m.data as { post: string }).post) as Post).message ?? '').includes(text),
    );

  test('/me and /shrug post in the channel as the caller; /code makes a code block', async () => {
    await run(bob, '/me waves');
    const posted = await bobSocket.event(
      'posted',
      (m) => (JSON.parse((m.data as { post: string }).post) as Post).message === '*waves*',
    );
    const me = JSON.parse((posted.data as { post: string }).post) as Post;
    assert.equal(me.type, 'me');
    assert.equal(me.user_id, bob.user.id);
    assert.equal((me.props as Record<string, unknown>).from_webhook, undefined);

    await run(bob, '/shrug oh well');
    assert.equal((await lastPost(channel.id)).message, 'oh well ¯\\\\\\_(ツ)\\_/¯');
    await run(bob, '/code let x = 1;\nx++');
    assert.equal((await lastPost(channel.id)).message, '    let x = 1;\n    x++');
    const err = await run(bob, '/code');
    assert.equal(err.response_type, 'ephemeral');
    await ephemeralFor(bobSocket, 'A message must be provided with the /code command.');
  });

  test('/echo posts the text, at once or after its delay', async () => {
    const answer = await run(bob, '/echo "hello <b>there" 0');
    assert.equal(answer.text, '');
    assert.equal(answer.goto_location, '');
    assert.equal((await lastPost(channel.id)).message, 'hello <b>there');
    await run(bob, '/echo "later" 1');
    assert.notEqual((await lastPost(channel.id)).message, 'later');
    await bobSocket.event(
      'posted',
      (m) => (JSON.parse((m.data as { post: string }).post) as Post).message === 'later',
      4000,
    );
    await run(bob, '/echo "too long" 20000');
    await ephemeralFor(bobSocket, 'Delays must be under 10000 seconds.');
  });

  test('/away, /dnd, /offline, /online set the status and say so', async () => {
    const away = await run(bob, '/away');
    assert.equal(away.text, 'You are now away');
    assert.equal((await bob.client.getStatus(bob.user.id)).status, 'away');
    await ephemeralFor(bobSocket, 'You are now away');
    await run(bob, '/dnd');
    assert.equal((await bob.client.getStatus(bob.user.id)).status, 'dnd');
    await run(bob, '/offline');
    assert.equal((await bob.client.getStatus(bob.user.id)).status, 'offline');
    await run(bob, '/online');
    assert.equal((await bob.client.getStatus(bob.user.id)).status, 'online');
  });

  test('/join goes to a public channel and joins it; /leave leaves to town square', async () => {
    const other = await admin.client.createChannel({
      team_id: team.id,
      name: unique('join'),
      display_name: 'Join me',
      type: 'O',
    } as never);
    const answer = await run(bob, `/join ~${other.name}`);
    assert.equal(answer.goto_location, `http://chat.example.com/${team.name}/channels/${other.name}`);
    assert.equal((await bob.client.getChannelMember(other.id, bob.user.id)).user_id, bob.user.id);

    const left = await run(bob, '/leave', other.id);
    assert.equal(left.goto_location, `http://chat.example.com/${team.name}/channels/town-square`);
    const gone = await clientError(() => bob.client.getChannelMember(other.id, bob.user.id));
    assert.equal(gone.status_code, 404);

    const secret = await admin.client.createChannel({
      team_id: team.id,
      name: unique('secret'),
      display_name: 'S',
      type: 'P',
    } as never);
    const refused = await run(bob, `/join ~${secret.name}`);
    assert.equal(refused.text, "We couldn't find the channel.");
    assert.equal(
      (await clientError(() => bob.client.getChannelMember(secret.id, bob.user.id))).status_code,
      403,
    );
  });

  test('/header, /purpose and /rename edit the channel with the edit permission', async () => {
    await run(bob, '/header New **header**');
    await run(bob, '/purpose Talking about things');
    await run(bob, '/rename Renamed chat');
    const c = await bob.client.getChannel(channel.id);
    assert.equal(c.header, 'New **header**');
    assert.equal(c.purpose, 'Talking about things');
    assert.equal(c.display_name, 'Renamed chat');
    const updated = await bobSocket.event(
      'channel_updated',
      (m) => (JSON.parse((m.data as { channel: string }).channel) as Channel).display_name === 'Renamed chat',
    );
    assert.ok(updated);
    const tooLong = await run(bob, `/rename ${'x'.repeat(70)}`);
    assert.equal(tooLong.response_type, 'ephemeral');
    assert.equal((await bob.client.getChannel(channel.id)).display_name, 'Renamed chat');
  });

  test('/invite adds a user, /kick and /remove take them out; a plain member may not in a private channel', async () => {
    const invited = await run(bob, `/invite @${carol.user.username} ~${channel.name}`);
    assert.equal(invited.text, `@${carol.user.username} added to ~${channel.name} channel.`);
    assert.equal((await carol.client.getChannelMember(channel.id, carol.user.id)).channel_id, channel.id);
    const again = await run(bob, `/invite @${carol.user.username}`);
    assert.equal(again.text, `@${carol.user.username} is already in ~${channel.name}.`);
    assert.equal((await run(bob, `/kick @${carol.user.username}`)).text, '');
    assert.equal(
      (await clientError(() => admin.client.getChannelMember(channel.id, carol.user.id))).status_code,
      404,
    );
    await run(bob, `/invite @${carol.user.username}`);
    await run(bob, `/remove @${carol.user.username}`);
    assert.equal(
      (await clientError(() => admin.client.getChannelMember(channel.id, carol.user.id))).status_code,
      404,
    );

    const priv = await admin.client.createChannel({
      team_id: team.id,
      name: unique('p'),
      display_name: 'P',
      type: 'P',
    } as never);
    await admin.client.addToChannel(bob.user.id, priv.id);
    await admin.client.addToChannel(carol.user.id, priv.id);
    // Without manage_private_channel_members the channel service refuses, and the command says so.
    const role = await admin.client.getRoleByName('channel_user');
    await admin.client.patchRole(role.id, {
      permissions: role.permissions.filter((p) => p !== 'manage_private_channel_members'),
    });
    try {
      const refused = await run(bob, `/kick @${carol.user.username}`, priv.id);
      assert.equal(refused.response_type, 'ephemeral');
      assert.equal(refused.text, 'You do not have the appropriate permissions.');
      assert.equal((await admin.client.getChannelMember(priv.id, carol.user.id)).user_id, carol.user.id);
    } finally {
      await admin.client.patchRole(role.id, { permissions: role.permissions });
    }
    const townSquare = await admin.client.getChannelByName(team.id, 'town-square');
    const kept = await run(bob, `/kick @${carol.user.username}`, townSquare.id);
    assert.equal(kept.text, 'Unable to remove user from the default channel town-square.');
    const unknown = await run(bob, '/kick @nobody-at-all');
    assert.equal(unknown.text, "We couldn't find the user.");
  });

  test('/msg and /groupmsg open the conversation, post the text and go there', async () => {
    const dm = await run(bob, `/msg @${carol.user.username} psst`);
    assert.equal(dm.goto_location, `http://chat.example.com/${team.name}/messages/@${carol.user.username}`);
    const direct = await bob.client.createDirectChannel([bob.user.id, carol.user.id]);
    const posts = await carol.client.getPosts(direct.id, 0, 5);
    assert.equal(posts.posts[posts.order[0]].message, 'psst');

    const gm = await run(bob, `/groupmsg @${carol.user.username},@${admin.user.username} hello all`);
    assert.match(
      gm.goto_location,
      new RegExp(`^http://chat.example.com/${team.name}/messages/[a-z0-9]{40}$`),
    );
    const name = gm.goto_location.split('/').pop();
    const group = (await carol.client.getMyChannels(team.id)).find((c) => c.name === name);
    assert.ok(group);
    assert.equal((await lastPost(group.id)).message, 'hello all');
    const missing = await run(bob, '/groupmsg @nobody1,@nobody2 hi');
    assert.equal(missing.text, 'Unable to find the users: @nobody1, @nobody2');
  });

  test('/mute toggles the channel between muted and not', async () => {
    const muted = await run(bob, '/mute');
    assert.match(muted.text, /You will not receive notifications for/);
    assert.equal(
      (await bob.client.getChannelMember(channel.id, bob.user.id)).notify_props.mark_unread,
      'mention',
    );
    const unmuted = await run(bob, '/mute');
    assert.match(unmuted.text, /is no longer muted/);
    assert.equal(
      (await bob.client.getChannelMember(channel.id, bob.user.id)).notify_props.mark_unread,
      'all',
    );
  });

  test('/expand and /collapse set the preview preference; /search lists matches; /help lists commands', async () => {
    await run(bob, '/collapse');
    let prefs = (await bob.client.getMyPreferences()) as unknown as {
      category: string;
      name: string;
      value: string;
    }[];
    assert.equal(
      prefs.find((p) => p.category === 'display_settings' && p.name === 'collapse_previews')?.value,
      'true',
    );
    await run(bob, '/expand');
    prefs = (await bob.client.getMyPreferences()) as unknown as {
      category: string;
      name: string;
      value: string;
    }[];
    assert.equal(
      prefs.find((p) => p.category === 'display_settings' && p.name === 'collapse_previews')?.value,
      'false',
    );

    const word = unique('needle');
    const post = await bob.client.createPost({ channel_id: channel.id, message: `find the ${word}` } as Post);
    const found = await run(bob, `/search ${word}`);
    assert.match(found.text, new RegExp(`/pl/${post.id}\\)`));
    const none = await run(bob, `/search ${unique('absent')}`);
    assert.match(none.text, /^No results/);
    const help = await run(bob, '/help');
    assert.match(help.text, /`\/join ~\[channel\]`/);
  });

  test('unknown commands, bad input and foreign channels are refused as upstream', async () => {
    const unknown = await clientError(() => run(bob, '/nosuchthing arg'));
    assert.equal(unknown.status_code, 404);
    assert.equal(unknown.server_error_id, 'api.command.execute_command.not_found.app_error');
    const noSlash = await clientError(() => run(bob, 'me hi'));
    assert.equal(noSlash.status_code, 400);
    assert.equal(noSlash.server_error_id, 'api.command.execute_command.start.app_error');
    const badChannel = await clientError(() => run(bob, '/me hi', 'not-an-id'));
    assert.equal(badChannel.status_code, 400);
    const priv = await admin.client.createChannel({
      team_id: team.id,
      name: unique('x'),
      display_name: 'X',
      type: 'P',
    } as never);
    const foreign = await clientError(() => run(bob, '/me hi', priv.id));
    assert.equal(foreign.status_code, 403);
  });

  test('/logout ends the session and sends the client to the login page', async () => {
    const dave = await server.userByAdmin(admin.client, { username: unique('dave') });
    await admin.client.addToTeam(team.id, dave.user.id);
    await admin.client.addToChannel(dave.user.id, channel.id);
    const answer = await run(dave, '/logout');
    assert.equal(answer.goto_location, '/login');
    assert.equal((await clientError(() => dave.client.getMe())).status_code, 401);
  });
});
