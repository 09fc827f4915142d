import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type LoggedIn, type TestServer } from './harness.ts';
import { officialSocket, rawSocket, until, type OfficialSocket } from './websocket-setup.ts';

describe('websocket connection and protocol', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let alice: LoggedIn;
  const open: OfficialSocket[] = [];
  const official = async (token: string) => {
    const s = await officialSocket(server, token);
    open.push(s);
    return s;
  };
  before(async () => {
    server = await startTestServer();
    admin = await server.newUser();
    alice = await server.userByAdmin(admin.client);
  });
  after(async () => {
    for (const s of open) s.close();
    await server.close();
  });

  test('challenge auth: OK reply, then hello with seq 0, server version and a connection id', async () => {
    const s = await rawSocket(server);
    s.send({ seq: 1, action: 'authentication_challenge', data: { token: alice.token } });
    const reply = await s.next((m) => m.seq_reply === 1, 'challenge reply');
    assert.equal(reply.status, 'OK');
    const hello = await s.next((m) => m.event === 'hello', 'hello');
    assert.ok(s.messages.indexOf(reply) < s.messages.indexOf(hello), 'reply comes before hello');
    assert.equal(hello.seq, 0);
    const data = hello.data as { connection_id: string; server_version: string };
    assert.match(data.connection_id, /^[a-z0-9]{26}$/);
    const versionHeader = (await fetch(`${server.url}/api/v4/system/ping`)).headers.get('x-version-id');
    assert.equal(data.server_version, versionHeader);
    assert.equal(hello.broadcast.user_id, alice.user.id);
    // A second challenge on an authenticated socket is ignored: no reply, no second hello.
    s.send({ seq: 2, action: 'authentication_challenge', data: { token: admin.token } });
    s.send({ seq: 3, action: 'ping' });
    await s.next((m) => m.seq_reply === 3, 'ping reply');
    assert.equal(s.messages.filter((m) => m.seq_reply === 2).length, 0);
    assert.equal(s.messages.filter((m) => m.event === 'hello').length, 1);
    s.ws.close();
  });

  test('the official WebSocketClient connects with a token and gets a pong', async () => {
    const s = await official(alice.token);
    assert.equal(s.events[0].event, 'hello');
    assert.equal(s.events[0].seq, 0);
    const pong = await s.request('ping');
    assert.equal(pong.status, 'OK');
    const data = pong.data as unknown as {
      text: string;
      version: string;
      server_time: number;
      node_id: string;
    };
    assert.equal(data.text, 'pong');
    assert.equal(typeof data.version, 'string');
    assert.ok(Math.abs(data.server_time - Date.now()) < 60_000);
    assert.equal(data.node_id, '');
  });

  test('auth by the upgrade request: cookie and Authorization header', async () => {
    const byCookie = await rawSocket(server, { headers: { Cookie: `MMAUTHTOKEN=${alice.token}` } });
    const hello = await byCookie.next((m) => m.event === 'hello', 'hello by cookie');
    assert.equal(hello.seq, 0);
    assert.equal(hello.broadcast.user_id, alice.user.id);
    byCookie.ws.close();
    const byHeader = await rawSocket(server, { headers: { Authorization: `BEARER ${admin.token}` } });
    const hello2 = await byHeader.next((m) => m.event === 'hello', 'hello by header');
    assert.equal(hello2.broadcast.user_id, admin.user.id);
    byHeader.ws.close();
  });

  test('a bad token closes the socket', async () => {
    const s = await rawSocket(server);
    s.send({ seq: 1, action: 'authentication_challenge', data: { token: 'x'.repeat(26) } });
    await s.closed;
    assert.equal(s.messages.filter((m) => m.event === 'hello').length, 0);
  });

  test('an unauthenticated socket gets 401 for actions and is closed after ~5 s', async () => {
    const s = await rawSocket(server);
    s.send({ seq: 1, action: 'ping' });
    const reply = await s.next((m) => m.seq_reply === 1, 'ping reply');
    assert.equal(reply.status, 'FAIL');
    assert.equal(reply.error?.id, 'api.web_socket_router.not_authenticated.app_error');
    const started = Date.now();
    await s.closed;
    assert.ok(Date.now() - started < 7000);
  });

  test('router errors: no action, bad seq, unknown action', async () => {
    const s = await rawSocket(server, { headers: { Authorization: `Bearer ${alice.token}` } });
    await s.next((m) => m.event === 'hello', 'hello');
    s.send({ seq: 5 });
    assert.equal(
      (await s.next((m) => m.seq_reply === 5, 'no action')).error?.id,
      'api.web_socket_router.no_action.app_error',
    );
    s.send({ seq: -1, action: 'ping' });
    assert.equal(
      (await s.next((m) => m.error?.id === 'api.web_socket_router.bad_seq.app_error', 'bad seq')).status,
      'FAIL',
    );
    s.send({ seq: 6, action: 'no_such_action' });
    assert.equal(
      (await s.next((m) => m.seq_reply === 6, 'bad action')).error?.id,
      'api.web_socket_router.bad_action.app_error',
    );
    s.send({ seq: 7, action: 'posted_notify_ack', data: { post_id: 'x' } });
    assert.equal((await s.next((m) => m.seq_reply === 7, 'ack')).status, 'OK');
    s.send({ seq: 8, action: 'presence', data: { channel_id: '' } });
    assert.equal((await s.next((m) => m.seq_reply === 8, 'presence')).status, 'OK');
    s.ws.close();
  });

  test('frames over 8 KB close the connection', async () => {
    const s = await rawSocket(server, { headers: { Authorization: `Bearer ${alice.token}` } });
    await s.next((m) => m.event === 'hello', 'hello');
    s.send({ seq: 1, action: 'ping', data: { pad: 'x'.repeat(9000) } });
    assert.equal(await s.closed, 1009);
  });

  test('a cross-origin upgrade is refused; same origin and no origin are accepted', async () => {
    const host = new URL(server.url).host;
    await assert.rejects(
      rawSocket(server, {
        headers: { Cookie: `MMAUTHTOKEN=${alice.token}`, Origin: 'https://evil.example.com' },
      }),
      /refused 403/,
    );
    const same = await rawSocket(server, {
      headers: { Cookie: `MMAUTHTOKEN=${alice.token}`, Origin: `http://${host}` },
    });
    await same.next((m) => m.event === 'hello', 'hello');
    same.ws.close();
  });

  test('malformed connection_id or a missing sequence_number fails the upgrade', async () => {
    await assert.rejects(
      rawSocket(server, { query: '?connection_id=nope&sequence_number=1' }),
      /refused 400/,
    );
    await assert.rejects(rawSocket(server, { query: `?connection_id=${'a'.repeat(26)}` }), /refused 400/);
  });

  test('logging out closes the sockets of that session at once', async () => {
    const bob = await server.userByAdmin(admin.client);
    const s = await rawSocket(server, { headers: { Authorization: `Bearer ${bob.token}` } });
    await s.next((m) => m.event === 'hello', 'hello');
    await bob.client.logout();
    await until(() => s.isClosed(), 'socket closed after logout', 2000);
  });
});
