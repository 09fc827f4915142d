import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import { officialSocket, type Msg, type OfficialSocket } from './websocket-setup.ts';

/**
 * A guest's socket hears about other users' profiles only for users it may see (channel-mates).
 * Absence is checked with a marker: events are delivered in publish order, so once a later marker
 * has arrived, an earlier event that was not delivered never will be.
 */
describe('guest websocket visibility', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let mate: LoggedIn;
  let stranger: LoggedIn;
  let guest: LoggedIn;
  let regular: LoggedIn;
  let teamId: string;
  const sockets: OfficialSocket[] = [];
  const connect = async (who: LoggedIn) => {
    const s = await officialSocket(server, who.token);
    sockets.push(s);
    return s;
  };
  let markers = 0;
  const marker = async (socket: OfficialSocket, userId: string) => {
    const id = ++markers;
    server.parley.app.events.publish({ event: 'test_marker', data: { id }, broadcast: { userId } });
    await socket.event('test_marker', (m) => (m.data as { id: number }).id === id);
  };
  const updatesAbout = (s: OfficialSocket, userId: string) =>
    s.events.filter(
      (m: Msg) => m.event === 'user_updated' && (m.data as { user: { id: string } }).user.id === userId,
    );

  before(async () => {
    server = await startTestServer({ GuestAccountsSettings: { Enable: true } });
    admin = await server.newUser({ username: 'admin' });
    mate = await server.userByAdmin(admin.client);
    stranger = await server.userByAdmin(admin.client);
    regular = await server.userByAdmin(admin.client);
    guest = await server.userByAdmin(admin.client);
    // Made a guest before joining anything, as an invitation does.
    await admin.client.updateUserRoles(guest.user.id, 'system_guest');
    const team = await admin.client.createTeam({ name: unique('t'), display_name: 'T', type: 'O' } as never);
    teamId = team.id;
    for (const u of [mate, stranger, regular, guest]) await admin.client.addToTeam(teamId, u.user.id);
    const shared = await admin.client.createChannel({
      team_id: teamId,
      name: unique('shared'),
      display_name: 'Shared',
      type: 'P',
    } as never);
    await admin.client.addToChannel(mate.user.id, shared.id);
    await admin.client.addToChannel(guest.user.id, shared.id);
    // The team's default channels would make everyone channel-mates: the guest leaves them.
    for (const c of await admin.client.getMyChannels(teamId))
      if (c.id !== shared.id)
        await admin.client.removeFromChannel(guest.user.id, c.id).catch(() => undefined);
  });
  after(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  test('a guest gets user_updated for a channel-mate only; a regular user gets both', async () => {
    const guestSocket = await connect(guest);
    const regularSocket = await connect(regular);
    await stranger.client.patchMe({ nickname: 'hidden-nick' } as never);
    await mate.client.patchMe({ nickname: 'mate-nick' } as never);

    const seen = await guestSocket.event(
      'user_updated',
      (m) => (m.data as { user: { id: string } }).user.id === mate.user.id,
    );
    assert.equal((seen.data as { user: { nickname: string } }).user.nickname, 'mate-nick');
    await marker(guestSocket, guest.user.id);
    assert.equal(updatesAbout(guestSocket, stranger.user.id).length, 0);
    assert.ok(!JSON.stringify(guestSocket.events).includes('hidden-nick'));

    await regularSocket.event(
      'user_updated',
      (m) => (m.data as { user: { id: string } }).user.id === mate.user.id,
    );
    await marker(regularSocket, regular.user.id);
    const aboutStranger = updatesAbout(regularSocket, stranger.user.id);
    assert.equal(aboutStranger.length, 1);
    assert.equal((aboutStranger[0].data as { user: { nickname: string } }).user.nickname, 'hidden-nick');
  });

  test('a guest gets no new_user for someone it cannot see', async () => {
    const guestSocket = await connect(guest);
    const regularSocket = await connect(regular);
    const fresh = await server.userByAdmin(admin.client);
    await regularSocket.event('new_user', (m) => (m.data as { user_id: string }).user_id === fresh.user.id);
    await marker(guestSocket, guest.user.id);
    assert.equal(guestSocket.events.filter((m) => m.event === 'new_user').length, 0);
  });

  test('a user demoted to guest on an open socket stops hearing about strangers at once', async () => {
    // In no team nor channel: once a guest, it may see nobody else.
    const demoted = await server.userByAdmin(admin.client);
    const socket = await connect(demoted);
    await stranger.client.patchMe({ nickname: 'before-demotion' } as never);
    await socket.event(
      'user_updated',
      (m) => (m.data as { user: { id: string } }).user.id === stranger.user.id,
    );
    await admin.client.updateUserRoles(demoted.user.id, 'system_guest');
    await socket.event('user_role_updated');
    await stranger.client.patchMe({ nickname: 'after-demotion' } as never);
    await marker(socket, demoted.user.id);
    assert.equal(updatesAbout(socket, stranger.user.id).length, 1);
  });
});
