import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { raw, startTestServer, type LoggedIn, type TestServer } from './harness.ts';
import { rawSocket } from './websocket-setup.ts';

const ERP = 'https://erp.example.com';
const EVIL = 'https://evil.example.net';
const CLIENT_HEADERS = 'authorization, content-type, x-csrf-token, x-requested-with, accept-language';

describe('CORS, websocket origin, embedding headers and cookies', () => {
  let server: TestServer;
  let user: LoggedIn;
  before(async () => {
    server = await startTestServer();
    user = await server.newUser();
  });
  after(() => server.close());

  const patch = async (partial: Record<string, unknown>) =>
    assert.equal(await server.parley.app.config.patch(partial), null);

  const preflight = (origin: string, method = 'PUT', path = '/api/v4/users/me/patch') =>
    raw(server, path, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': method,
        'Access-Control-Request-Headers': CLIENT_HEADERS,
      },
    });

  const socketWith = (origin: string) =>
    rawSocket(server, { headers: { Origin: origin, Authorization: `Bearer ${user.token}` } }).then(
      (s) => {
        s.ws.close();
        return 'open';
      },
      (err: Error) => err.message,
    );

  test('closed by default: no CORS headers, preflight not answered, foreign socket refused', async () => {
    const res = await raw(server, '/api/v4/system/ping', { headers: { Origin: ERP } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal((await preflight(ERP)).status, 404);
    assert.equal(await socketWith(EVIL), 'refused 403');
    assert.equal(await socketWith(server.url), 'open', 'same host');
  });

  test('preflight for an allowed origin echoes it with methods, headers, credentials', async () => {
    await patch({
      ServiceSettings: {
        AllowCorsFrom: `${ERP} https://intranet.example.org`,
        CorsAllowCredentials: true,
        CorsExposedHeaders: 'X-Custom-A X-Custom-B',
        CorsDebug: true,
      },
    });
    const res = await preflight(ERP);
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), ERP);
    assert.equal(res.headers.get('access-control-allow-methods'), 'PUT');
    assert.equal(res.headers.get('access-control-allow-headers'), CLIENT_HEADERS);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(res.headers.get('access-control-max-age'), '86400');
    assert.match(res.headers.get('vary') ?? '', /Origin/);
  });

  test('preflight for another origin or method gets no CORS headers', async () => {
    for (const res of [await preflight(EVIL), await preflight(ERP, 'TRACE')]) {
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
    }
  });

  test('actual requests: allowed origin gets credentials and exposed headers, others nothing', async () => {
    const ok = await raw(server, '/api/v4/users/me', {
      headers: { Origin: ERP, Authorization: `Bearer ${user.token}` },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), ERP);
    assert.equal(ok.headers.get('access-control-allow-credentials'), 'true');
    const exposed = (ok.headers.get('access-control-expose-headers') ?? '').split(/,\s*/);
    for (const h of ['Token', 'X-Request-ID', 'X-Version-Id', 'X-Custom-A', 'X-Custom-B'])
      assert.ok(exposed.includes(h), h);
    const refused = await raw(server, '/api/v4/system/ping', { headers: { Origin: EVIL } });
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    assert.equal(refused.headers.get('access-control-expose-headers'), null);
  });

  test('"*": literal without credentials, the origin echoed with them (as Mattermost)', async () => {
    await patch({ ServiceSettings: { AllowCorsFrom: '*', CorsAllowCredentials: false } });
    let res = await raw(server, '/api/v4/system/ping', { headers: { Origin: EVIL } });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    await patch({ ServiceSettings: { CorsAllowCredentials: true } });
    res = await raw(server, '/api/v4/system/ping', { headers: { Origin: EVIL } });
    assert.equal(res.headers.get('access-control-allow-origin'), EVIL);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    await patch({ ServiceSettings: { AllowCorsFrom: ERP, CorsAllowCredentials: false } });
  });

  test('websocket upgrade: a listed Origin is accepted, a foreign one refused', async () => {
    assert.equal(await socketWith(ERP), 'open');
    assert.equal(await socketWith(EVIL), 'refused 403');
    assert.equal(await socketWith('null'), 'refused 403');
  });

  test('every response: nosniff and Referrer-Policy; HSTS only when configured', async () => {
    let res = await raw(server, '/api/v4/system/ping');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('strict-transport-security'), null);
    await patch({
      ServiceSettings: { TLSStrictTransport: true, TLSStrictTransportMaxAge: 31536000 },
      ParleySettings: { ReferrerPolicy: 'strict-origin-when-cross-origin' },
    });
    res = await raw(server, '/api/v4/no/such/route');
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000');
    assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    await patch({
      ServiceSettings: { TLSStrictTransport: false },
      ParleySettings: { ReferrerPolicy: 'no-referrer' },
    });
  });

  test('web app pages: frame-ancestors and X-Frame-Options follow ParleySettings.FrameAncestors', async () => {
    const page = async () => {
      const res = await raw(server, '/login');
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      const ancestors = csp.split(/;\s*/).filter((d) => d.startsWith('frame-ancestors'));
      assert.equal(ancestors.length, 1, csp);
      return { ancestors: ancestors[0], xfo: res.headers.get('x-frame-options') };
    };
    assert.deepEqual(await page(), { ancestors: "frame-ancestors 'self'", xfo: 'SAMEORIGIN' });
    await patch({ ParleySettings: { FrameAncestors: `'self' ${ERP}` } });
    assert.deepEqual(await page(), { ancestors: `frame-ancestors 'self' ${ERP}`, xfo: null });
    await patch({ ParleySettings: { FrameAncestors: "'none'" } });
    assert.deepEqual(await page(), { ancestors: "frame-ancestors 'none'", xfo: 'DENY' });
    // API answers are JSON, never framed pages: no frame headers added.
    const api = await raw(server, '/api/v4/system/ping');
    assert.equal(api.headers.get('content-security-policy'), null);
    await patch({ ParleySettings: { FrameAncestors: "'self'" } });
  });

  test('embedding settings are validated', async () => {
    const problem = (partial: Record<string, unknown>) => server.parley.app.config.patch(partial);
    assert.match(
      (await problem({ ParleySettings: { FrameAncestors: "'self'; script-src *" } })) ?? '',
      /FrameAncestors/,
    );
    assert.match((await problem({ ParleySettings: { FrameAncestors: "'none' 'self'" } })) ?? '', /none/);
    assert.match(
      (await problem({ ParleySettings: { ReferrerPolicy: 'sometimes' } })) ?? '',
      /ReferrerPolicy/,
    );
    assert.match((await problem({ ParleySettings: { CookieSameSite: 'lax' } })) ?? '', /CookieSameSite/);
    assert.match(
      (await problem({
        ServiceSettings: { SiteURL: 'http://chat.example.com' },
        ParleySettings: { CookieSameSite: 'None' },
      })) ?? '',
      /https/,
    );
    // Through the API an admin gets a 400 and nothing is saved.
    const res = await raw(server, '/api/v4/config/patch', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${user.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ParleySettings: { FrameAncestors: 'evil;' } }),
    });
    assert.equal(res.status, 400);
    assert.equal(server.parley.app.config.get().ParleySettings.FrameAncestors, "'self'");
  });

  test('session cookies: SameSite=Lax by default; None forces Secure', async () => {
    const login = async () => {
      const res = await raw(server, '/api/v4/users/login', {
        method: 'POST',
        body: JSON.stringify({ login_id: user.user.username, password: user.password }),
      });
      assert.equal(res.status, 200);
      const cookies = res.headers.getSetCookie();
      const auth = cookies.find((c) => c.startsWith('MMAUTHTOKEN='));
      assert.ok(auth);
      return { auth, csrf: cookies.find((c) => c.startsWith('MMCSRF=')) ?? '' };
    };
    let { auth } = await login();
    assert.match(auth, /SameSite=Lax/i);
    assert.doesNotMatch(auth, /;\s*Secure/i);
    assert.match(auth, /HttpOnly/i);
    await patch({ ParleySettings: { CookieSameSite: 'None' } });
    const none = await login();
    for (const c of [none.auth, none.csrf]) {
      assert.match(c, /SameSite=None/i);
      assert.match(c, /;\s*Secure/i);
    }
    await patch({ ParleySettings: { CookieSameSite: 'Strict' } });
    ({ auth } = await login());
    assert.match(auth, /SameSite=Strict/i);
    await patch({ ParleySettings: { CookieSameSite: 'Lax' } });
  });
});
