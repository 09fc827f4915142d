import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import { channelWorld, newChannelFields, type ChannelWorld } from './channels-setup.ts';
import { officialSocket, rawSocket, type Msg, type OfficialSocket } from './websocket-setup.ts';

/**
 * Routing and replay through the official WebSocketClient. Absence is checked with a marker:
 * events are delivered in publish order, so once a later marker has arrived, an earlier event
 * that was not delivered never will be.
 */
describe('websocket routing and replay', () => {
  let w: ChannelWorld;
  let channel: Channel;
  const sockets: OfficialSocket[] = [];
  const connect = async (token: string) => {
    const s = await officialSocket(w.server, token);
    sockets.push(s);
    return s;
  };
  let markers = 0;
  /** Sends a marker to `userId` and waits until `socket` has it. */
  const marker = async (socket: OfficialSocket, userId: string) => {
    const id = ++markers;
    w.server.parley.app.events.publish({ event: 'test_marker', data: { id }, broadcast: { userId } });
    await socket.event('test_marker', (m) => (m.data as { id: number }).id === id);
  };
  const named = (s: OfficialSocket, name: string, pred: (m: Msg) => boolean = () => true) =>
    s.events.filter((m) => m.event === name && pred(m));

  before(async () => {
    w = await channelWorld();
    channel = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await w.alice.client.addToChannel(w.bob.user.id, channel.id);
  });
  after(async () => {
    for (const s of sockets) s.close();
    await w.server.close();
  });

  test('channel events reach current members only; a removed member stops getting them', async () => {
    const alice = await connect(w.alice.token);
    const bob = await connect(w.bob.token);
    const outsider = await connect(w.outsider.token);
    await w.alice.client.patchChannel(channel.id, { header: 'first' });
    const forChannel = (m: Msg) => m.broadcast.channel_id === channel.id;
    const a = await alice.event('channel_updated', forChannel);
    assert.equal(JSON.parse((a.data as { channel: string }).channel).header, 'first');
    await bob.event('channel_updated', forChannel);
    await marker(outsider, w.outsider.user.id);
    assert.equal(named(outsider, 'channel_updated').length, 0);

    await w.alice.client.removeFromChannel(w.bob.user.id, channel.id);
    await w.alice.client.patchChannel(channel.id, { header: 'second' });
    await alice.event(
      'channel_updated',
      (m) => JSON.parse((m.data as { channel: string }).channel).header === 'second',
    );
    await marker(bob, w.bob.user.id);
    assert.equal(named(bob, 'channel_updated').length, 1, 'bob got only the event from before his removal');
    // Sequence numbers on every connection run 0,1,2… without gaps.
    for (const s of [alice, bob, outsider]) s.events.forEach((m, i) => assert.equal(m.seq, i));
    await w.alice.client.addToChannel(w.bob.user.id, channel.id);
  });

  test('user-targeted events reach only that user', async () => {
    const alice = await connect(w.alice.token);
    const bob = await connect(w.bob.token);
    await w.bob.client.patchMe({ nickname: 'bobby' });
    const own = await bob.event('user_updated', (m) => m.broadcast.user_id === w.bob.user.id);
    assert.equal((own.data as { user: { nickname: string } }).user.nickname, 'bobby');
    // Alice gets the copy for everyone else (omit_users = bob), never bob's own copy.
    const other = await alice.event('user_updated', (m) => m.broadcast.omit_users !== null);
    assert.deepEqual(other.broadcast.omit_users, { [w.bob.user.id]: true });
    await marker(alice, w.alice.user.id);
    assert.equal(named(alice, 'user_updated', (m) => m.broadcast.user_id === w.bob.user.id).length, 0);
    assert.equal(named(bob, 'user_updated', (m) => m.broadcast.omit_users !== null).length, 0);
  });

  test('typing goes to the other channel members, not the typer, and needs create_post', async () => {
    const alice = await connect(w.alice.token);
    const bob = await connect(w.bob.token);
    const outsider = await connect(w.outsider.token);
    const reply = await alice.request('user_typing', { channel_id: channel.id, parent_id: '' });
    assert.equal(reply.status, 'OK');
    const typing = await bob.event('typing');
    assert.deepEqual(typing.data, { parent_id: '', user_id: w.alice.user.id });
    assert.deepEqual(typing.broadcast.omit_users, { [w.alice.user.id]: true });
    await marker(alice, w.alice.user.id);
    assert.equal(named(alice, 'typing').length, 0);
    const refused = await outsider.request('user_typing', { channel_id: channel.id, parent_id: '' });
    assert.equal(refused.status, 'FAIL');
    assert.equal(refused.error?.id, 'api.context.permissions.app_error');
    const bad = await alice.request('user_typing', { channel_id: 'nope' });
    assert.equal(bad.error?.id, 'api.websocket_handler.invalid_param.app_error');
  });

  test('a dropped socket that reconnects with connection_id + sequence_number gets every missed event', async () => {
    const bob = await connect(w.bob.token);
    await w.alice.client.patchChannel(channel.id, { purpose: 'p0' });
    await bob.event(
      'channel_updated',
      (m) => JSON.parse((m.data as { channel: string }).channel).purpose === 'p0',
    );
    const connectionId = (bob.events[0].data as { connection_id: string }).connection_id;
    const before = bob.events.length;

    bob.client.close(); // keeps connection id and next sequence number, as after a network drop
    for (const purpose of ['p1', 'p2', 'p3']) await w.alice.client.patchChannel(channel.id, { purpose });
    await w.alice.client.addToChannel(w.admin.user.id, channel.id);

    bob.client.initialize(`${w.server.url.replace(/^http/, 'ws')}/api/v4/websocket`, w.bob.token);
    await bob.event('user_added', (m) => (m.data as { user_id: string }).user_id === w.admin.user.id);
    const missed = bob.events.slice(before);
    missed.forEach((m, i) => assert.equal(m.seq, before + i));
    // System posts (`posted`) for the purpose changes may be interleaved; the rest is exact.
    const relevant = missed.filter((m) => m.event !== 'posted');
    assert.deepEqual(
      relevant.map((m) => m.event),
      ['channel_updated', 'channel_updated', 'channel_updated', 'user_added'],
    );
    assert.deepEqual(
      relevant.slice(0, 3).map((m) => JSON.parse((m.data as { channel: string }).channel).purpose),
      ['p1', 'p2', 'p3'],
    );
    assert.equal(named(bob, 'hello').length, 1, 'no second hello on resume');
    assert.equal(bob.missed, 0);
    // Still the same connection afterwards.
    const pong = await bob.request('ping');
    assert.equal(pong.status, 'OK');
    assert.equal((bob.events[0].data as { connection_id: string }).connection_id, connectionId);
  });

  test('nothing missed: the stream simply continues on the same connection', async () => {
    const s = await rawSocket(w.server, { headers: { Authorization: `Bearer ${w.alice.token}` } });
    const hello = await s.next((m) => m.event === 'hello', 'hello');
    const id = (hello.data as { connection_id: string }).connection_id;
    s.ws.close();
    await s.closed;
    const again = await rawSocket(w.server, {
      query: `?connection_id=${id}&sequence_number=1`,
      headers: { Authorization: `Bearer ${w.alice.token}` },
    });
    w.server.parley.app.events.publish({ event: 'test_marker', data: {}, broadcast: { connectionId: id } });
    const next = await again.next((m) => m.event === 'test_marker', 'marker');
    assert.equal(next.seq, 1);
    assert.equal(again.messages.filter((m) => m.event === 'hello').length, 0);
    again.ws.close();
  });

  test('unknown, foreign or unrecoverable connection ids get a fresh connection and hello', async () => {
    const auth = { Authorization: `Bearer ${w.alice.token}` };
    const unknown = await rawSocket(w.server, {
      query: `?connection_id=${'a'.repeat(26)}&sequence_number=5`,
      headers: auth,
    });
    const hello = await unknown.next((m) => m.event === 'hello', 'hello');
    assert.equal(hello.seq, 0);
    assert.notEqual((hello.data as { connection_id: string }).connection_id, 'a'.repeat(26));
    const id = (hello.data as { connection_id: string }).connection_id;
    unknown.ws.close();
    await unknown.closed;

    // Another user cannot take over alice's connection.
    const foreign = await rawSocket(w.server, {
      query: `?connection_id=${id}&sequence_number=1`,
      headers: { Authorization: `Bearer ${w.bob.token}` },
    });
    const bobHello = await foreign.next((m) => m.event === 'hello', 'hello');
    assert.notEqual((bobHello.data as { connection_id: string }).connection_id, id);
    foreign.ws.close();

    // More than the replay buffer missed: a new id and hello with seq 0.
    for (let i = 0; i < 140; i++) {
      w.server.parley.app.events.publish({
        event: 'test_marker',
        data: { i },
        broadcast: { connectionId: id },
      });
    }
    await new Promise((r) => setTimeout(r, 50));
    const lost = await rawSocket(w.server, {
      query: `?connection_id=${id}&sequence_number=1`,
      headers: auth,
    });
    const fresh = await lost.next((m) => m.event === 'hello', 'hello');
    assert.equal(fresh.seq, 0);
    assert.notEqual((fresh.data as { connection_id: string }).connection_id, id);
    assert.equal(lost.messages.filter((m) => m.event === 'test_marker').length, 0);
    lost.ws.close();
  });

  test('internal events never reach a client', async () => {
    const alice = await connect(w.alice.token);
    w.server.parley.app.events.publish({ event: 'secret', data: {}, broadcast: {}, internal: true });
    await marker(alice, w.alice.user.id);
    assert.equal(named(alice, 'secret').length, 0);
  });
});
