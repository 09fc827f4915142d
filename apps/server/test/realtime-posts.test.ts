import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import { startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import { officialSocket, until, type Msg, type OfficialSocket } from './websocket-setup.ts';

/**
 * The acceptance scenario end to end: posts made over REST reach the other member's
 * official WebSocketClient with Mattermost's payloads, never a user outside the channel, and a
 * socket that drops gets every missed post on resume.
 */
describe('posts in real time', () => {
  let server: TestServer;
  let alice: LoggedIn;
  let bob: LoggedIn;
  let carol: LoggedIn;
  let channel: Channel;
  let bobSocket: OfficialSocket;
  let carolSocket: OfficialSocket;

  before(async () => {
    server = await startTestServer();
    alice = await server.newUser({ username: unique('alice') });
    bob = await server.userByAdmin(alice.client, { username: unique('bob') });
    carol = await server.userByAdmin(alice.client, { username: unique('carol') });
    const team = await alice.client.createTeam({
      name: unique('rt'),
      display_name: 'RT',
      type: 'O',
    } as never);
    for (const u of [bob, carol]) await alice.client.addToTeam(team.id, u.user.id);
    channel = await alice.client.createChannel({
      team_id: team.id,
      name: unique('room'),
      display_name: 'Room',
      type: 'P',
    } as never);
    await alice.client.addToChannel(bob.user.id, channel.id);
    bobSocket = await officialSocket(server, bob.token);
    carolSocket = await officialSocket(server, carol.token);
  });
  after(async () => {
    bobSocket?.close();
    carolSocket?.close();
    await server.close();
  });

  const postOf = (m: Msg) => JSON.parse((m.data as { post: string }).post) as Post;
  const about = (id: string) => (m: Msg) =>
    typeof (m.data as { post?: unknown })?.post === 'string' && postOf(m).id === id;

  test('posted, post_edited, reaction_added/removed, reply and post_deleted reach the member with their payloads', async () => {
    const sent = await alice.client.createPost({
      channel_id: channel.id,
      message: 'hello @' + bob.user.username,
    } as Post);
    const posted = await bobSocket.event('posted', about(sent.id));
    const data = posted.data as Record<string, unknown>;
    assert.equal(typeof data.post, 'string', 'the post travels as a JSON string');
    assert.equal(postOf(posted).message, sent.message);
    assert.equal(postOf(posted).user_id, alice.user.id);
    assert.equal(data.channel_type, 'P');
    assert.equal(data.channel_name, channel.name);
    assert.equal(data.channel_display_name, 'Room');
    assert.equal(data.sender_name, `@${alice.user.username}`);
    assert.equal(data.team_id, channel.team_id);
    assert.equal(posted.broadcast.channel_id, channel.id);

    await alice.client.patchPost({ id: sent.id, message: 'hello again' } as Post);
    const edited = await bobSocket.event('post_edited', about(sent.id));
    assert.equal(postOf(edited).message, 'hello again');
    assert.ok(postOf(edited).edit_at > 0);

    await alice.client.addReaction(alice.user.id, sent.id, 'tada');
    const added = await bobSocket.event('reaction_added');
    assert.deepEqual(
      (({ user_id, post_id, emoji_name }) => ({ user_id, post_id, emoji_name }))(
        JSON.parse((added.data as { reaction: string }).reaction),
      ),
      { user_id: alice.user.id, post_id: sent.id, emoji_name: 'tada' },
    );
    await alice.client.removeReaction(alice.user.id, sent.id, 'tada');
    await bobSocket.event('reaction_removed');

    const reply = await alice.client.createPost({
      channel_id: channel.id,
      root_id: sent.id,
      message: 'a reply',
    } as Post);
    const replied = await bobSocket.event('posted', about(reply.id));
    assert.equal(postOf(replied).root_id, sent.id);

    await alice.client.deletePost(sent.id);
    const deleted = await bobSocket.event('post_deleted', about(sent.id));
    assert.ok(postOf(deleted).delete_at > 0 || postOf(deleted).id === sent.id);

    // Carol shares the team but not the channel: nothing of it reached her socket.
    const leaked = carolSocket.events.filter(
      (m) => m.broadcast.channel_id === channel.id || /post|reaction/.test(m.event),
    );
    assert.deepEqual(leaked, []);
  });

  test('a socket that drops gets every post made while it was away, in order, on resume', async () => {
    const connectionId = (bobSocket.events[0].data as { connection_id: string }).connection_id;
    const already = bobSocket.events.length;
    bobSocket.client.close(); // keeps its connection id and sequence number, as after a network drop

    const messages = ['one', 'two', 'three', 'four', 'five'];
    const sent: Post[] = [];
    for (const message of messages) {
      sent.push(await alice.client.createPost({ channel_id: channel.id, message } as Post));
    }

    bobSocket.client.initialize(`${server.url.replace(/^http/, 'ws')}/api/v4/websocket`, bob.token);
    await until(() => bobSocket.events.some(about(sent[sent.length - 1].id)), 'the last missed post');
    const resumed = bobSocket.events.slice(already);
    resumed.forEach((m, i) => assert.equal(m.seq, already + i, 'seq continues without a gap'));
    const posts = resumed.filter((m) => m.event === 'posted').map(postOf);
    assert.deepEqual(
      posts.map((p) => p.id),
      sent.map((p) => p.id),
    );
    assert.equal(bobSocket.missed, 0, 'resumed, not a fresh connection');
    assert.equal(bobSocket.events.filter((m) => m.event === 'hello').length, 1);
    assert.equal((bobSocket.events[0].data as { connection_id: string }).connection_id, connectionId);
  });
});
