import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientError, raw, startTestServer, type LoggedIn, type TestServer } from './harness.ts';
import { sweepIdle } from '../src/domains/status/service.ts';
import { officialSocket, until, type OfficialSocket } from './websocket-setup.ts';

describe('user status', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let alice: LoggedIn;
  const sockets: OfficialSocket[] = [];
  const connect = async (token: string) => {
    const s = await officialSocket(server, token);
    sockets.push(s);
    return s;
  };
  const statusOf = async (userId: string) => (await admin.client.getStatus(userId)).status;
  before(async () => {
    // A 1 s away timeout lets the idle sweep be exercised without waiting minutes.
    server = await startTestServer({ TeamSettings: { UserStatusAwayTimeout: 1 } });
    admin = await server.newUser();
    alice = await server.userByAdmin(admin.client);
  });
  after(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  test('a user with no activity is offline; an authenticated request makes them online', async () => {
    const bob = await server.userByAdmin(admin.client);
    const status = await admin.client.getStatus(bob.user.id);
    assert.deepEqual(
      { user_id: status.user_id, status: status.status, manual: status.manual },
      { user_id: bob.user.id, status: 'offline', manual: false },
    );
    const quiet = await raw(server, '/api/v4/users/me?set_online=false', {
      headers: { Authorization: `Bearer ${bob.token}` },
    });
    assert.equal(quiet.status, 200);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await statusOf(bob.user.id), 'offline', 'set_online=false leaves the status alone');
    await bob.client.getMe();
    await until(async () => (await statusOf(bob.user.id)) === 'online', 'online');
  });

  test('PUT status: self sets dnd (manual) and gets status_change; others do not', async () => {
    const mine = await connect(alice.token);
    const other = await connect(admin.token);
    const updated = await alice.client.updateStatus({ user_id: alice.user.id, status: 'dnd' });
    assert.equal(updated.status, 'dnd');
    assert.equal(updated.manual, true);
    assert.equal(updated.dnd_end_time, 0);
    const change = await mine.event('status_change', (m) => (m.data as { status: string }).status === 'dnd');
    assert.deepEqual(change.data, { status: 'dnd', user_id: alice.user.id });
    assert.equal(change.broadcast.user_id, alice.user.id);
    // Automatic activity does not override a manual status.
    await alice.client.getMe();
    assert.equal(await statusOf(alice.user.id), 'dnd');
    // Events arrive in publish order: once this marker is in, alice's status_change never will be.
    server.parley.app.events.publish({
      event: 'test_marker',
      data: {},
      broadcast: { userId: admin.user.id },
    });
    await other.event('test_marker');
    assert.equal(
      other.events.filter((m) => m.event === 'status_change' && m.broadcast.user_id === alice.user.id).length,
      0,
    );
    // Manual online hands control back to the automatic rules.
    const back = await alice.client.updateStatus({ user_id: alice.user.id, status: 'online' });
    assert.equal(back.status, 'online');
    assert.equal(back.manual, false);
  });

  test('timed dnd (dnd_end_time in seconds) reverts once expired', async () => {
    const end = Math.floor(Date.now() / 1000) + 1;
    const set = await alice.client.updateStatus({ user_id: alice.user.id, status: 'dnd', dnd_end_time: end });
    assert.equal(set.dnd_end_time, end);
    await new Promise((r) => setTimeout(r, 2100));
    const after = await admin.client.getStatus(alice.user.id);
    assert.equal(after.status, 'online');
    assert.equal(after.dnd_end_time, 0);
  });

  test('PUT status refusals: other user without edit_other_users, bad status, mismatched user_id', async () => {
    const forbidden = await clientError(() =>
      alice.client.updateStatus({ user_id: admin.user.id, status: 'away' }),
    );
    assert.equal(forbidden.status_code, 403);
    const byAdmin = await admin.client.updateStatus({ user_id: alice.user.id, status: 'away' });
    assert.equal(byAdmin.status, 'away');
    assert.equal(byAdmin.manual, true);
    const bad = await clientError(() =>
      alice.client.updateStatus({ user_id: alice.user.id, status: 'sleeping' }),
    );
    assert.equal(bad.status_code, 400);
    assert.equal(bad.server_error_id, 'api.context.invalid_body_param.app_error');
    const mismatch = await raw(server, `/api/v4/users/${alice.user.id}/status`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ user_id: admin.user.id, status: 'online' }),
    });
    assert.equal(mismatch.status, 400);
    const missing = await clientError(() => admin.client.getStatus('a'.repeat(26)));
    assert.equal(missing.status_code, 404);
    const badId = await clientError(() => admin.client.getStatus('nope'));
    assert.equal(badId.status_code, 400);
    const anon = await clientError(() => server.client().getStatus(alice.user.id));
    assert.equal(anon.status_code, 401);
    await alice.client.updateStatus({ user_id: alice.user.id, status: 'online' });
  });

  test('POST /users/status/ids: every requested user, unknown ones offline; bad input 400', async () => {
    const unknown = 'b'.repeat(26);
    const list = await alice.client.getStatusesByIds([alice.user.id, unknown]);
    const byId = Object.fromEntries(list.map((s) => [s.user_id, s.status]));
    assert.equal(byId[alice.user.id], 'online');
    assert.equal(byId[unknown], 'offline');
    assert.equal((await clientError(() => alice.client.getStatusesByIds([]))).status_code, 400);
    assert.equal((await clientError(() => alice.client.getStatusesByIds(['nope']))).status_code, 400);
  });

  test('a websocket makes its user online; the last close makes them offline after a delay', async () => {
    const carol = await server.userByAdmin(admin.client);
    assert.equal(await statusOf(carol.user.id), 'offline');
    const s = await connect(carol.token);
    await until(async () => (await statusOf(carol.user.id)) === 'online', 'online on connect');
    await s.event('status_change', (m) => (m.data as { status: string }).status === 'online');
    s.close();
    const closedAt = Date.now();
    await until(async () => (await statusOf(carol.user.id)) === 'offline', 'offline after close', 9000);
    assert.ok(Date.now() - closedAt >= 4000, 'not before the reconnect grace period');
  });

  test('get_statuses, get_statuses_by_ids and user_update_active_status over the websocket', async () => {
    const s = await connect(alice.token);
    await until(async () => (await statusOf(alice.user.id)) === 'online', 'online');
    const all = await s.request('get_statuses');
    assert.equal((all.data as unknown as Record<string, string>)[alice.user.id], 'online');
    const some = await s.request('get_statuses_by_ids', { user_ids: [alice.user.id, 'c'.repeat(26)] });
    assert.deepEqual(some.data, { [alice.user.id]: 'online', ['c'.repeat(26)]: 'offline' });
    const bad = await s.request('get_statuses_by_ids', { user_ids: 'x' });
    assert.equal(bad.error?.id, 'api.websocket_handler.invalid_param.app_error');
    const away = await s.request('user_update_active_status', { user_is_active: false, manual: true });
    assert.equal(away.status, 'OK');
    assert.equal(await statusOf(alice.user.id), 'away');
    // An automatic "active" does not override the manual away; a manual one does.
    await s.request('user_update_active_status', { user_is_active: true, manual: false });
    assert.equal(await statusOf(alice.user.id), 'away');
    await s.request('user_update_active_status', { user_is_active: true, manual: true });
    assert.equal(await statusOf(alice.user.id), 'online');
  });

  test('idle users become away (UserStatusAwayTimeout), manual statuses are left alone', async () => {
    const dave = await server.userByAdmin(admin.client);
    await dave.client.getMe();
    await until(async () => (await statusOf(dave.user.id)) === 'online', 'online');
    await admin.client.updateStatus({ user_id: alice.user.id, status: 'dnd' });
    await new Promise((r) => setTimeout(r, 1100));
    await sweepIdle(server.parley.app);
    assert.equal(await statusOf(dave.user.id), 'away');
    assert.equal(await statusOf(alice.user.id), 'dnd');
    await admin.client.updateStatus({ user_id: alice.user.id, status: 'online' });
  });

  test('custom status: set and clear through user props, with refusals', async () => {
    await alice.client.updateCustomStatus({ emoji: 'coffee', text: 'Break', duration: 'one_hour' } as never);
    const props = (await admin.client.getUser(alice.user.id)).props as Record<string, string>;
    assert.deepEqual(JSON.parse(props.customStatus), {
      emoji: 'coffee',
      text: 'Break',
      duration: 'one_hour',
      expires_at: '',
    });
    const bad = await clientError(() => alice.client.updateCustomStatus({ text: 'x'.repeat(101) } as never));
    assert.equal(bad.status_code, 400);
    const other = await raw(server, `/api/v4/users/${admin.user.id}/status/custom`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${alice.token}` },
    });
    assert.equal(other.status, 403);
    await alice.client.unsetCustomStatus();
    const cleared = (await admin.client.getUser(alice.user.id)).props as Record<string, string>;
    assert.equal(cleared.customStatus, undefined);
  });
});
