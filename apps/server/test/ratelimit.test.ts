import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Gcra } from '../src/http/ratelimit.ts';
import { raw, startTestServer, type LoggedIn, type TestServer } from './harness.ts';

const PING = '/api/v4/system/ping';

function rateHeaders(headers: Headers) {
  return {
    limit: headers.get('x-ratelimit-limit'),
    remaining: headers.get('x-ratelimit-remaining'),
    reset: headers.get('x-ratelimit-reset'),
    retryAfter: headers.get('retry-after'),
  };
}

async function enableLimits(server: TestServer, settings: Record<string, unknown>, service = {}) {
  const problem = await server.parley.app.config.patch({
    RateLimitSettings: { Enable: true, PerSec: 1, MaxBurst: 2, ...settings },
    ServiceSettings: service,
  });
  assert.equal(problem, null);
}

describe('GCRA limiter', () => {
  test('lets MaxBurst + 1 through at once, then one per interval', () => {
    const g = new Gcra(10, 2, 100);
    const now = 1_000_000;
    assert.deepEqual(
      [0, 1, 2].map(() => g.take('k', now).remaining),
      [2, 1, 0],
    );
    const refused = g.take('k', now);
    assert.equal(refused.limited, true);
    assert.equal(refused.limit, 3);
    assert.ok(refused.retryAfterMs > 99 && refused.retryAfterMs <= 100);
    assert.equal(g.take('k', now + 100).limited, false);
    assert.equal(g.take('other', now).limited, false, 'keys are independent');
  });

  test('keeps at most MemoryStoreSize keys, dropping the least recently used', () => {
    const g = new Gcra(1, 0, 2);
    const now = 5_000_000;
    g.take('a', now);
    g.take('b', now);
    g.take('c', now);
    assert.equal(g.keyCount, 2);
    assert.equal(g.take('a', now).limited, false, 'a was evicted, so it starts afresh');
    assert.equal(g.take('c', now).limited, true);
  });
});

describe('RateLimitSettings', () => {
  let server: TestServer;
  let alice: LoggedIn;
  let bob: LoggedIn;
  before(async () => {
    server = await startTestServer();
    alice = await server.newUser();
    bob = await server.userByAdmin(alice.client);
  });
  after(() => server.close());

  test('off by default: no rate headers', async () => {
    const res = await raw(server, PING);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-ratelimit-limit'), null);
  });

  test('429 with Retry-After and "limit exceeded" after the burst, per IP', async () => {
    await enableLimits(server, {});
    const seen = [];
    for (let i = 0; i < 3; i++) {
      const res = await raw(server, PING);
      assert.equal(res.status, 200);
      seen.push(rateHeaders(res.headers));
    }
    assert.deepEqual(
      seen.map((h) => [h.limit, h.remaining]),
      [
        ['3', '2'],
        ['3', '1'],
        ['3', '0'],
      ],
    );
    assert.ok(Number(seen[2].reset) >= 1);
    const refused = await raw(server, PING);
    assert.equal(refused.status, 429);
    assert.equal(refused.text, 'limit exceeded');
    assert.match(refused.headers.get('content-type') ?? '', /^text\/plain/);
    const h = rateHeaders(refused.headers);
    assert.equal(h.limit, '3');
    assert.equal(h.remaining, '0');
    assert.equal(h.retryAfter, '1');
    // A spoofed X-Forwarded-For changes nothing while no proxy header is trusted.
    const spoofed = await raw(server, PING, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    assert.equal(spoofed.status, 429);
    const realIp = await raw(server, PING, { headers: { 'X-Real-IP': '203.0.113.10' } });
    assert.equal(realIp.status, 429);
  });

  test('a trusted proxy header decides the client address once configured', async () => {
    await enableLimits(server, {}, { TrustedProxyIPHeader: ['X-Forwarded-For'] });
    const from = (ip: string) => raw(server, PING, { headers: { 'X-Forwarded-For': `${ip}, 10.0.0.1` } });
    for (let i = 0; i < 3; i++) assert.equal((await from('198.51.100.1')).status, 200);
    assert.equal((await from('198.51.100.1')).status, 429);
    assert.equal((await from('198.51.100.2')).status, 200, 'another client behind the proxy');
    await server.parley.app.config.patch({ ServiceSettings: { TrustedProxyIPHeader: [] } });
  });

  test('VaryByUser limits each user on their own, whatever their address', async () => {
    await enableLimits(server, { VaryByUser: true });
    const as = (who: LoggedIn) =>
      raw(server, '/api/v4/users/me', { headers: { Authorization: `Bearer ${who.token}` } });
    for (let i = 0; i < 3; i++) assert.equal((await as(alice)).status, 200);
    const refused = await as(alice);
    assert.equal(refused.status, 429);
    assert.equal(refused.text, 'limit exceeded');
    assert.ok(refused.headers.get('retry-after'));
    const other = await as(bob);
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('x-ratelimit-remaining'), '2');
    // Anonymous requests fall back to the address.
    assert.equal((await raw(server, PING)).status, 200);
  });

  test('VaryByHeader keys on the header value', async () => {
    await enableLimits(server, { VaryByRemoteAddr: false, VaryByHeader: 'X-Tenant' });
    const tenant = (t: string) => raw(server, PING, { headers: { 'X-Tenant': t } });
    for (let i = 0; i < 3; i++) assert.equal((await tenant('a')).status, 200);
    assert.equal((await tenant('A')).status, 429, 'values compare case-insensitively');
    assert.equal((await tenant('b')).status, 200);
  });

  test('settings are validated', async () => {
    assert.match(
      (await server.parley.app.config.patch({ RateLimitSettings: { PerSec: 0 } })) ?? '',
      /PerSec/,
    );
    assert.match(
      (await server.parley.app.config.patch({
        RateLimitSettings: { Enable: true, VaryByRemoteAddr: false, VaryByUser: false, VaryByHeader: '' },
      })) ?? '',
      /VaryBy/,
    );
    assert.equal(await server.parley.app.config.patch({ RateLimitSettings: { Enable: false } }), null);
  });
});

describe('login limiter (ParleySettings.LoginRateLimitPerMinute)', () => {
  let server: TestServer;
  let user: LoggedIn;
  before(async () => {
    server = await startTestServer({ ParleySettings: { LoginRateLimitPerMinute: 3 } });
    user = await server.newUser();
  });
  after(() => server.close());

  const login = (loginId: string, password: string, headers: Record<string, string> = {}) =>
    raw(server, '/api/v4/users/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ login_id: loginId, password }),
    });

  test('successful logins do not use up the budget', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await login(user.user.username, user.password)).status, 200);
  });

  test('works with RateLimitSettings.Enable false: per IP, even with the right password', async () => {
    assert.equal(server.parley.app.config.get().RateLimitSettings.Enable, false);
    for (let i = 0; i < 3; i++) assert.equal((await login(`nobody${i}`, 'wrong-password')).status, 401);
    const refused = await login(user.user.username, user.password);
    assert.equal(refused.status, 429);
    assert.equal(refused.text, 'limit exceeded');
    assert.equal(refused.headers.get('x-ratelimit-limit'), '3');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    // A spoofed X-Forwarded-For does not open a new budget.
    assert.equal((await login('nobody', 'wrong', { 'X-Forwarded-For': '203.0.113.7' })).status, 429);
  });

  test('per login id, across addresses', async () => {
    await server.parley.app.config.patch({ ServiceSettings: { TrustedProxyIPHeader: ['X-Forwarded-For'] } });
    const target = user.user.username.toUpperCase();
    for (let i = 0; i < 3; i++) {
      const res = await login(target, 'wrong-password', { 'X-Forwarded-For': `198.51.100.${i + 1}` });
      assert.equal(res.status, 401);
    }
    const refused = await login(user.user.username, user.password, { 'X-Forwarded-For': '198.51.100.50' });
    assert.equal(refused.status, 429);
    const otherAccount = await login('someone-else', 'wrong-password', {
      'X-Forwarded-For': '198.51.100.51',
    });
    assert.equal(otherAccount.status, 401);
  });

  test('0 turns it off', async () => {
    await server.parley.app.config.patch({ ParleySettings: { LoginRateLimitPerMinute: 0 } });
    for (let i = 0; i < 5; i++) assert.equal((await login('nobody', 'wrong-password')).status, 401);
  });
});
