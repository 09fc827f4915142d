import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { Client4 } from '@mattermost/client';
import { clientError, raw, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';

describe('system', () => {
  let server: TestServer;
  let admin: LoggedIn;
  before(async () => {
    server = await startTestServer();
    admin = await server.newUser({ username: 'admin' });
  });
  after(() => server.close());

  test('GET /system/ping answers OK without a session, with server status on request', async () => {
    const plain = await server.client().ping(false);
    assert.equal(plain.status, 'OK');
    assert.equal((plain as unknown as Record<string, unknown>).ActiveSearchBackend, 'database');
    assert.equal((plain as unknown as Record<string, unknown>).database_status, undefined);

    const res = await raw(server, '/api/v4/system/ping?get_server_status=true');
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 'OK');
    assert.equal(res.json.database_status, 'OK');
    assert.equal(res.json.filestore_status, 'OK');
    assert.equal(res.headers.get('database_status'), 'OK');
  });

  test('GET /system/timezones lists IANA zones for signed-in users', async () => {
    const res = await raw(server, '/api/v4/system/timezones', {
      headers: { Authorization: `Bearer ${admin.token}` },
    });
    assert.equal(res.status, 200);
    const zones = res.json as unknown as string[];
    assert.ok(zones.includes('Europe/Paris') && zones.includes('America/New_York'));
    assert.equal((await raw(server, '/api/v4/system/timezones')).status, 401);
  });

  test('GET /plugins/webapp is an empty list', async () => {
    assert.deepEqual(await server.client().getWebappPlugins(), []);
  });

  test('an unknown API route is a 404 in Mattermost error JSON with the request id', async () => {
    const res = await raw(server, '/api/v4/no/such/route');
    assert.equal(res.status, 404);
    assert.equal(res.json.id, 'api.context.404.app_error');
    assert.equal(res.headers.get('content-type'), 'application/json');
    const requestId = res.headers.get('x-request-id');
    assert.equal(requestId?.length, 26);
    assert.equal(res.json.request_id, requestId);
    assert.equal(res.json.status_code, 404);
  });

  test('a body over MaximumPayloadSizeBytes is a 413', async () => {
    const res = await raw(server, '/api/v4/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'big', email: 'big@example.com', password: 'x'.repeat(400 * 1024) }),
    });
    assert.equal(res.status, 413);
    assert.equal(res.json.id, 'api.context.request_body_too_large.app_error');
    assert.equal(res.json.request_id, res.headers.get('x-request-id'));
  });

  test('a malformed JSON body is a 400', async () => {
    const res = await raw(server, '/api/v4/users', {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin.token}` },
      body: '{"username": ',
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.id, 'api.context.invalid_body_param.app_error');
    assert.equal(res.headers.get('content-type'), 'application/json');
  });

  test('every answer carries X-Request-ID, X-Version-Id and exactly application/json', async () => {
    const ids = new Set<string>();
    for (const path of ['/api/v4/system/ping', '/api/v4/config/client?format=old', '/api/v4/users/me']) {
      const res = await raw(server, path);
      const id = res.headers.get('x-request-id') ?? '';
      assert.match(id, /^[a-z0-9]{26}$/, path);
      ids.add(id);
      assert.match(res.headers.get('x-version-id') ?? '', /^\d+\.\d+\.\d+\./, path);
      assert.equal(res.headers.get('content-type'), 'application/json', path);
    }
    assert.equal(ids.size, 3, 'a fresh request id per request');
  });
});

describe('bootstrap, as an admin following the Mattermost guide', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('first user becomes admin, sets up a team and users, then closes sign-up', async () => {
    const anonymous = server.client();
    assert.equal((await anonymous.getClientConfig()).NoAccounts, 'true');
    const first = await anonymous.createUser(
      { username: 'boss', email: 'boss@example.com', password: 'password-123' } as never,
      '',
      '',
    );
    assert.equal(first.roles, 'system_admin system_user');

    const loginClient = server.client();
    await loginClient.login('boss', 'password-123');
    // From here on, a Bearer token as scripts and mmctl use it.
    const admin = new Client4();
    admin.setUrl(server.url);
    admin.setToken(loginClient.getToken());

    const team = await admin.createTeam({
      name: unique('team'),
      display_name: 'Our Team',
      type: 'O',
    } as never);
    assert.equal(team.display_name, 'Our Team');
    const alice = await admin.createUser(
      { username: 'alice', email: 'alice@example.com', password: 'password-123' } as never,
      '',
      '',
    );
    assert.equal(alice.roles, 'system_user');

    const saved = (await admin.patchConfig({
      TeamSettings: { EnableUserCreation: false },
    } as never)) as unknown as Record<string, Record<string, unknown>>;
    assert.equal(saved.TeamSettings.EnableUserCreation, false);
    const onDisk = JSON.parse(await readFile(server.configPath, 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    assert.equal(onDisk.TeamSettings.EnableUserCreation, false);
    assert.equal((await anonymous.getClientConfig()).EnableUserCreation, 'false');

    const signup = await clientError(() =>
      anonymous.createUser(
        { username: 'mallory', email: 'mallory@example.com', password: 'password-123' } as never,
        '',
        '',
      ),
    );
    assert.equal(signup.status_code, 501);
    assert.equal(signup.server_error_id, 'api.user.create_user.signup_email_disabled.app_error');

    const aliceClient = server.client();
    await aliceClient.login('alice', 'password-123');
    assert.equal((await clientError(() => aliceClient.getConfig())).status_code, 403);
    assert.equal((await clientError(() => aliceClient.updateConfig(saved as never))).status_code, 403);
    assert.equal((await clientError(() => aliceClient.patchConfig({} as never))).status_code, 403);
  });
});

describe('environment overrides', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(
      { TeamSettings: { EnableOpenServer: false } },
      { MM_TEAMSETTINGS_ENABLEOPENSERVER: 'true', MM_SERVICESETTINGS_SITEURL: 'http://env.example.com' },
    );
  });
  after(() => server.close());

  test('an MM_ variable wins over config.json and the API, and is reported as set by the environment', async () => {
    const admin = await server.newUser({ username: 'admin' });
    assert.deepEqual(await admin.client.getEnvironmentConfig(), {
      TeamSettings: { EnableOpenServer: true },
      ServiceSettings: { SiteURL: true },
    });
    const config = (await admin.client.getConfig()) as unknown as Record<string, Record<string, unknown>>;
    assert.equal(config.TeamSettings.EnableOpenServer, true);

    const saved = (await admin.client.patchConfig({
      TeamSettings: { EnableOpenServer: false },
    } as never)) as unknown as Record<string, Record<string, unknown>>;
    assert.equal(saved.TeamSettings.EnableOpenServer, true);
    // Open sign-up is in effect because the environment says so.
    const bob = await server
      .client()
      .createUser({ username: 'bob', email: 'bob@example.com', password: 'password-123' } as never, '', '');
    assert.equal(bob.username, 'bob');
    assert.equal((await server.client().getClientConfig()).SiteURL, 'http://env.example.com');
  });
});

describe('ping while the database is unreachable', () => {
  let server: TestServer;
  let dbName: string;
  const adminQuery = async (text: string) => {
    const c = new pg.Client({ connectionString: process.env.PARLEY_TEST_ADMIN_DSN });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  before(async () => {
    server = await startTestServer();
    dbName = new URL(server.dataSource).pathname.slice(1);
  });
  after(async () => {
    await adminQuery(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
    await server.close();
  });

  test('reports UNHEALTHY: 500 by default, 200 with REST semantics', async () => {
    await adminQuery(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
    await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}' AND pid <> pg_backend_pid()`,
    );
    const res = await raw(server, '/api/v4/system/ping?get_server_status=true');
    assert.equal(res.status, 500);
    assert.equal(res.json.status, 'UNHEALTHY');
    assert.equal(res.json.database_status, 'UNHEALTHY');
    const rest = await server.client().ping(true);
    assert.equal(rest.status, 'UNHEALTHY');
    // Without the status check the ping stays a liveness probe.
    assert.equal((await raw(server, '/api/v4/system/ping')).status, 200);
  });
});
