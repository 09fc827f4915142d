import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client4 } from '@mattermost/client';
import { clientError, raw, startTestServer, type LoggedIn, type TestServer } from './harness.ts';
import type { ServerEvent } from '../src/realtime/bus.ts';

/** A relying party's callback on 127.0.0.1: records the query of every request it receives. */
async function startReceiver(): Promise<{ url: string; hits: URLSearchParams[]; close(): Promise<void> }> {
  const hits: URLSearchParams[] = [];
  const srv: Server = createServer((req, res) => {
    hits.push(new URL(req.url ?? '/', 'http://x').searchParams);
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('received');
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cb`,
    hits,
    close: () => new Promise<void>((resolve) => srv.close(() => resolve())),
  };
}

type App = Awaited<ReturnType<Client4['createOAuthApp']>>;

describe('OAuth 2.0 provider', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let dev: LoggedIn;
  let other: LoggedIn;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const events: ServerEvent[] = [];

  before(async () => {
    server = await startTestServer();
    admin = await server.newUser();
    dev = await server.userByAdmin(admin.client);
    other = await server.userByAdmin(admin.client);
    receiver = await startReceiver();
    server.parley.app.events.subscribe((e) => events.push(e));
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  const newApp = (client: Client4, fields: Record<string, unknown> = {}) =>
    client.createOAuthApp({
      name: 'CI <Dashboard>',
      description: 'Shows "builds" & more',
      homepage: 'https://ci.example.com',
      icon_url: '',
      callback_urls: [receiver.url],
      is_trusted: false,
      ...fields,
    } as never);

  const cookie = (who: LoggedIn) => ({ Cookie: `MMAUTHTOKEN=${who.token}` });

  const authorizeUrl = (app: App, extra: Record<string, string> = {}) =>
    `/oauth/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: app.id,
      redirect_uri: receiver.url,
      state: 'st-123',
      ...extra,
    })}`;

  /** Opens the consent page as `who` and returns the CSRF token of its form. */
  async function consentCsrf(who: LoggedIn, app: App): Promise<string> {
    const page = await raw(server, authorizeUrl(app), { headers: cookie(who), redirect: 'manual' });
    assert.equal(page.status, 200, page.text);
    const match = /name="csrf" value="([^"]+)"/.exec(page.text);
    assert.ok(match, 'the consent form carries a CSRF token');
    return match[1];
  }

  /** Submits the consent form; returns the Location the browser is sent to. */
  async function decide(who: LoggedIn, app: App, decision: 'allow' | 'deny', csrf: string) {
    const res = await raw(server, '/oauth/authorize', {
      method: 'POST',
      headers: { ...cookie(who), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        response_type: 'code',
        client_id: app.id,
        redirect_uri: receiver.url,
        state: 'st-123',
        scope: '',
        csrf,
        authorize: decision,
      }).toString(),
      redirect: 'manual',
    });
    return res;
  }

  /**
   * The browser part of the flow: the consent page and Allow (or straight through once allowed),
   * then the redirect followed to the receiver, which sees the code.
   */
  async function codeFor(who: LoggedIn, app: App): Promise<string> {
    const first = await raw(server, authorizeUrl(app), { headers: cookie(who), redirect: 'manual' });
    let location = first.headers.get('location') ?? '';
    if (first.status === 200) {
      const res = await decide(who, app, 'allow', await consentCsrf(who, app));
      assert.equal(res.status, 302);
      location = res.headers.get('location') ?? '';
    }
    assert.ok(location.startsWith(`${receiver.url}?`), location);
    await fetch(location);
    const hit = receiver.hits.at(-1);
    assert.equal(hit?.get('state'), 'st-123');
    return hit?.get('code') ?? '';
  }

  const token = (form: Record<string, string>) =>
    raw(server, '/oauth/access_token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  const exchange = (app: App, secret: string, code: string, redirectUri = receiver.url) =>
    token({
      grant_type: 'authorization_code',
      client_id: app.id,
      client_secret: secret,
      code,
      redirect_uri: redirectUri,
    });

  const me = (accessToken: string, how: 'bearer' | 'query') =>
    how === 'bearer'
      ? raw(server, '/api/v4/users/me', { headers: { Authorization: `Bearer ${accessToken}` } })
      : raw(server, `/api/v4/users/me?access_token=${accessToken}`);

  async function grantManageOAuth(): Promise<void> {
    const role = await admin.client.getRoleByName('system_user');
    await admin.client.patchRole(role.id, { permissions: [...role.permissions, 'manage_oauth'] });
  }

  test('apps: manage_oauth is required, is_trusted only for admins, the secret is shown once', async () => {
    const refused = await clientError(() => newApp(dev.client));
    assert.equal(refused.status_code, 403);
    assert.equal(
      (await clientError(() => dev.client.getOAuthApps())).server_error_id,
      'api.command.admin_only.app_error',
    );

    const trusted = await newApp(admin.client, { is_trusted: true });
    assert.equal(trusted.is_trusted, true);
    assert.match(trusted.client_secret, /^[a-z0-9]{26}$/);
    assert.equal(trusted.creator_id, admin.user.id);

    await grantManageOAuth();
    const own = await newApp(dev.client, { is_trusted: true });
    assert.equal(own.is_trusted, false, 'only manage_system may mark an app trusted');
    assert.ok(own.client_secret);

    // Later reads never show the secret (only its hash is stored).
    const read = await dev.client.getOAuthApp(own.id);
    assert.equal(read.client_secret, '');
    assert.deepEqual(read.callback_urls, [receiver.url]);

    const mine = await dev.client.getOAuthApps(0, 200);
    assert.ok(mine.every((a) => a.creator_id === dev.user.id));
    assert.ok(mine.some((a) => a.id === own.id));
    assert.equal((await admin.client.getOAuthApps(0, 1)).length, 1, 'pages are bounded by per_page');
    const all = await admin.client.getOAuthApps(0, 200);
    assert.ok(all.some((a) => a.id === own.id) && all.some((a) => a.id === trusted.id));

    // Another creator's app: only manage_system_wide_oauth reaches it.
    assert.equal((await clientError(() => dev.client.getOAuthApp(trusted.id))).status_code, 403);
    assert.equal((await clientError(() => dev.client.deleteOAuthApp(trusted.id))).status_code, 403);
    assert.equal((await clientError(() => dev.client.regenOAuthAppSecret(trusted.id))).status_code, 403);
    assert.equal((await admin.client.getOAuthApp(own.id)).id, own.id);

    // Public info for anyone signed in, without the secret.
    const info = await other.client.getOAuthAppInfo(own.id);
    assert.equal(info.name, own.name);
    assert.equal(info.client_secret, '');

    // Update: is_trusted stays for non-admins; the body id must be the URL's.
    const edited = await dev.client.editOAuthApp({ ...read, name: 'Renamed', is_trusted: true });
    assert.equal(edited.name, 'Renamed');
    assert.equal(edited.is_trusted, false);
    const mismatch = await clientError(() => dev.client.editOAuthApp({ ...read, id: trusted.id }));
    assert.equal(mismatch.status_code, 403, 'someone else’s app is refused');
    const badId = await raw(server, `/api/v4/oauth/apps/${own.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${dev.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...read, id: trusted.id }),
    });
    assert.equal(badId.status, 400);

    const regen = await dev.client.regenOAuthAppSecret(own.id);
    assert.match(regen.client_secret, /^[a-z0-9]{26}$/);
    assert.notEqual(regen.client_secret, own.client_secret);

    const missing = await clientError(() => admin.client.getOAuthApp('a'.repeat(26)));
    assert.equal(missing.status_code, 404);
    assert.equal(missing.server_error_id, 'app.oauth.get_app.find.app_error');
    assert.equal((await clientError(() => admin.client.getOAuthApp('bad'))).status_code, 400);
  });

  test('apps: invalid bodies answer 400 with Mattermost ids', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'model.oauth.is_valid.name.app_error'],
      [{ callback_urls: [] }, 'model.oauth.is_valid.callback.app_error'],
      [{ callback_urls: ['javascript:alert(1)'] }, 'model.oauth.is_valid.callback.app_error'],
      [{ homepage: 'not a url' }, 'model.oauth.is_valid.homepage.app_error'],
      [{ icon_url: 'ftp://x' }, 'model.oauth.is_valid.icon_url.app_error'],
      [{ description: 'x'.repeat(513) }, 'model.oauth.is_valid.description.app_error'],
    ];
    for (const [fields, id] of cases) {
      const err = await clientError(() => newApp(admin.client, fields));
      assert.equal(err.status_code, 400, id);
      assert.equal(err.server_error_id, id);
    }
  });

  test('authorization code flow: consent, exchange, Bearer and ?access_token, single-use code', async () => {
    const app = await newApp(admin.client);

    // Signed out: to the login page, and back here afterwards.
    const signedOut = await raw(server, authorizeUrl(app), { redirect: 'manual' });
    assert.equal(signedOut.status, 302);
    assert.equal(
      signedOut.headers.get('location'),
      `/login?redirect_to=${encodeURIComponent(authorizeUrl(app))}`,
    );

    // The consent page escapes what the app's creator wrote.
    const page = await raw(server, authorizeUrl(app), { headers: cookie(dev), redirect: 'manual' });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(page.text.includes('CI &lt;Dashboard&gt;'));
    assert.ok(!page.text.includes('<Dashboard>'));
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);

    // The form is refused without the session's CSRF token.
    const forged = await decide(dev, app, 'allow', 'not-the-token');
    assert.equal(forged.status, 401);
    assert.equal(forged.headers.get('location'), null);

    const code = await codeFor(dev, app);
    assert.ok(code.length >= 26);

    const res = await exchange(app, app.client_secret, code);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const access = res.json as Record<string, unknown>;
    assert.equal(access.token_type, 'bearer');
    assert.equal(access.expires_in, 720 * 3600);
    assert.equal(typeof access.refresh_token, 'string');

    const viaBearer = await me(String(access.access_token), 'bearer');
    assert.equal(viaBearer.status, 200);
    assert.equal(viaBearer.json.id, dev.user.id);
    assert.equal((await me(String(access.access_token), 'query')).json.id, dev.user.id);
    // A normal session is still refused in the query string.
    assert.equal((await me(dev.token, 'query')).status, 401);

    // Codes work once.
    const again = await exchange(app, app.client_secret, code);
    assert.equal(again.status, 400);
    assert.equal(again.json.id, 'api.oauth.get_access_token.expired_code.app_error');

    // The user now appears among the app's authorized users; a second visit skips the consent page.
    const authorized = await dev.client.getAuthorizedOAuthApps(dev.user.id);
    assert.deepEqual(
      authorized.map((a) => [a.id, a.client_secret]),
      [[app.id, '']],
    );
    assert.equal(
      (await clientError(() => other.client.getAuthorizedOAuthApps(dev.user.id))).status_code,
      403,
    );
    assert.equal((await admin.client.getAuthorizedOAuthApps(dev.user.id)).length, 1);
    const second = await raw(server, authorizeUrl(app), { headers: cookie(dev), redirect: 'manual' });
    assert.equal(second.status, 302);
    assert.match(second.headers.get('location') ?? '', /[?&]code=/);
  });

  test('token endpoint refusals: wrong secret, wrong redirect_uri, expired code, bad requests', async () => {
    const app = await newApp(admin.client);
    const wrongSecret = await exchange(app, 'x'.repeat(26), await codeFor(other, app));
    assert.equal(wrongSecret.status, 403);
    assert.equal(wrongSecret.json.id, 'api.oauth.get_access_token.credentials.app_error');

    const wrongRedirect = await exchange(
      app,
      app.client_secret,
      await codeFor(other, app),
      'https://evil.example/cb',
    );
    assert.equal(wrongRedirect.status, 400);
    assert.equal(wrongRedirect.json.id, 'api.oauth.get_access_token.redirect_uri.app_error');

    // A code issued to one app cannot be redeemed by another, even with that app's own secret.
    const otherApp = await newApp(admin.client);
    const stolen = await exchange(otherApp, otherApp.client_secret, await codeFor(other, app));
    assert.equal(stolen.status, 400);

    const stale = await codeFor(other, app);
    await server.parley.app.db
      .updateTable('oauth_codes')
      .set({ expires_at: Date.now() - 1 })
      .execute();
    const expired = await exchange(app, app.client_secret, stale);
    assert.equal(expired.status, 403);
    assert.equal(expired.json.id, 'api.oauth.get_access_token.expired_code.app_error');

    const regen = await admin.client.regenOAuthAppSecret(app.id);
    const oldSecret = await exchange(app, app.client_secret, await codeFor(other, app));
    assert.equal(oldSecret.status, 403, 'the secret before regeneration no longer works');
    const basic = await raw(server, '/oauth/access_token', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`${app.id}:${regen.client_secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: await codeFor(other, app),
        redirect_uri: receiver.url,
      }).toString(),
    });
    assert.equal(basic.status, 200, 'client_secret_basic works too');

    assert.equal(
      (await token({ grant_type: 'password', client_id: app.id })).json.id,
      'api.oauth.get_access_token.bad_grant.app_error',
    );
    assert.equal(
      (await token({ grant_type: 'authorization_code', client_id: app.id })).json.id,
      'api.oauth.get_access_token.missing_code.app_error',
    );
    assert.equal(
      (await token({ grant_type: 'authorization_code', code: 'x', client_id: 'nope' })).json.id,
      'api.oauth.get_access_token.bad_client_id.app_error',
    );
    const unknownApp = await exchange({ ...app, id: 'b'.repeat(26) }, 'x', 'y');
    assert.equal(unknownApp.status, 404);
    const json = await raw(server, '/oauth/access_token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(json.status, 400);
  });

  test('authorize refusals: unknown redirect_uri, unknown app, bad request, deny, unsupported type', async () => {
    const app = await newApp(admin.client);
    const wrong = await raw(server, authorizeUrl(app, { redirect_uri: 'https://evil.example/cb' }), {
      headers: cookie(dev),
      redirect: 'manual',
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.headers.get('location'), null, 'never redirects to an unregistered URI');

    const unknown = await raw(server, authorizeUrl({ ...app, id: 'c'.repeat(26) }), {
      headers: cookie(dev),
      redirect: 'manual',
    });
    assert.equal(unknown.status, 404);
    const bad = await raw(server, authorizeUrl(app, { client_id: 'x' }), {
      headers: cookie(dev),
      redirect: 'manual',
    });
    assert.equal(bad.status, 400);

    const denied = await decide(other, app, 'deny', await consentCsrf(other, app));
    assert.equal(denied.status, 302);
    const location = new URL(denied.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.equal(location.searchParams.get('state'), 'st-123');
    assert.equal(location.searchParams.get('code'), null);
    const authorizedIds = async (who: LoggedIn) =>
      (await who.client.getAuthorizedOAuthApps('me')).map((a) => a.id);
    assert.ok(!(await authorizedIds(other)).includes(app.id), 'denying records nothing');

    // Client4.authorizeOAuthApp: JSON in, {redirect} out.
    const answer = (await other.client.authorizeOAuthApp(
      'token',
      app.id,
      receiver.url,
      's',
      '',
    )) as unknown as {
      redirect: string;
    };
    assert.equal(new URL(answer.redirect).searchParams.get('error'), 'unsupported_response_type');
    const granted = (await other.client.authorizeOAuthApp(
      'code',
      app.id,
      receiver.url,
      's2',
      '',
    )) as unknown as {
      redirect: string;
    };
    assert.ok(new URL(granted.redirect).searchParams.get('code'));
    const badRedirect = await clientError(() =>
      other.client.authorizeOAuthApp('code', app.id, 'https://evil.example/cb', 's', ''),
    );
    assert.equal(badRedirect.server_error_id, 'api.oauth.allow_oauth.redirect_callback.app_error');
  });

  test('a trusted app skips the consent page', async () => {
    const app = await newApp(admin.client, { is_trusted: true });
    const res = await raw(server, authorizeUrl(app), { headers: cookie(other), redirect: 'manual' });
    assert.equal(res.status, 302);
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    assert.equal((await exchange(app, app.client_secret, code)).status, 200);
  });

  test('refresh tokens rotate; deauthorize and app deletion end access and close sessions', async () => {
    const app = await newApp(admin.client);
    const first = (await exchange(app, app.client_secret, await codeFor(dev, app))).json as Record<
      string,
      string
    >;

    const refresh = (refreshToken: string) =>
      token({
        grant_type: 'refresh_token',
        client_id: app.id,
        client_secret: app.client_secret,
        refresh_token: refreshToken,
      });
    const rotated = await refresh(first.refresh_token);
    assert.equal(rotated.status, 200, rotated.text);
    const second = rotated.json as Record<string, string>;
    assert.notEqual(second.access_token, first.access_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.equal((await me(first.access_token, 'bearer')).status, 401, 'the old access token ended');
    assert.equal((await me(second.access_token, 'bearer')).status, 200);
    const reused = await refresh(first.refresh_token);
    assert.equal(reused.status, 404);
    assert.equal(reused.json.id, 'api.oauth.get_access_token.refresh_token.app_error');

    // An OAuth token cannot authorize further apps.
    const asApp = server.client();
    asApp.setToken(second.access_token);
    assert.equal(
      (await clientError(() => asApp.authorizeOAuthApp('code', app.id, receiver.url, 's', ''))).status_code,
      403,
    );

    const session = (await server.parley.app.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', dev.user.id)
      .where('is_oauth', '=', true)
      .where((eb) => eb(eb.ref('props', '->>').key('oauth_app_id'), '=', app.id))
      .executeTakeFirstOrThrow()) as { id: string };
    await dev.client.deauthorizeOAuthApp(app.id);
    assert.equal((await me(second.access_token, 'bearer')).status, 401);
    assert.equal((await me(second.access_token, 'query')).status, 401);
    assert.equal((await refresh(second.refresh_token)).status, 404);
    assert.ok(!(await dev.client.getAuthorizedOAuthApps('me')).some((a) => a.id === app.id));
    assert.ok(
      events.some((e) => e.event === 'session_revoked' && e.data.session_id === session.id && e.internal),
      'sockets of the token are told to close',
    );
    assert.equal((await clientError(() => dev.client.deauthorizeOAuthApp('bad'))).status_code, 400);

    const reconsent = await raw(server, authorizeUrl(app), { headers: cookie(dev), redirect: 'manual' });
    assert.equal(reconsent.status, 200, 'after deauthorizing, the consent page is shown again');

    // Deleting the app ends every token issued for it.
    const third = (await exchange(app, app.client_secret, await codeFor(dev, app))).json as Record<
      string,
      string
    >;
    assert.equal((await me(third.access_token, 'bearer')).status, 200);
    await admin.client.deleteOAuthApp(app.id);
    assert.equal((await me(third.access_token, 'bearer')).status, 401);
    assert.equal((await clientError(() => admin.client.getOAuthApp(app.id))).status_code, 404);
  });

  test('OAuth access sessions ignore the idle timeout; sign-in sessions do not', async () => {
    const app = await newApp(admin.client);
    const res = await exchange(app, app.client_secret, await codeFor(other, app));
    assert.equal(res.status, 200, res.text);
    const accessToken = String((res.json as Record<string, unknown>).access_token);
    // Idle for a year (SessionIdleTimeoutInMinutes is 30 days), before the token is first used.
    const yearAgo = Date.now() - 365 * 24 * 3_600_000;
    const idled = await server.parley.app.db
      .updateTable('sessions')
      .set({ last_activity_at: yearAgo })
      .where('user_id', '=', other.user.id)
      .where('is_oauth', '=', true)
      .where((eb) => eb.ref('props', '->>').key('oauth_app_id'), '=', app.id)
      .executeTakeFirst();
    assert.equal(Number(idled.numUpdatedRows), 1);
    assert.equal((await me(accessToken, 'bearer')).status, 200);

    const signedIn = await server.userByAdmin(admin.client);
    await server.parley.app.db
      .updateTable('sessions')
      .set({ last_activity_at: yearAgo })
      .where('user_id', '=', signedIn.user.id)
      .execute();
    assert.equal((await me(signedIn.token, 'bearer')).status, 401);
  });

  test('EnableOAuthServiceProvider off: 501 everywhere', async () => {
    const app = await newApp(admin.client);
    await admin.client.patchConfig({ ServiceSettings: { EnableOAuthServiceProvider: false } } as never);
    try {
      assert.equal((await clientError(() => newApp(admin.client))).status_code, 501);
      assert.equal((await clientError(() => admin.client.getOAuthApps())).status_code, 501);
      assert.equal((await clientError(() => admin.client.getOAuthApp(app.id))).status_code, 501);
      assert.equal((await clientError(() => dev.client.getAuthorizedOAuthApps('me'))).status_code, 501);
      const page = await raw(server, authorizeUrl(app), { headers: cookie(dev), redirect: 'manual' });
      assert.equal(page.status, 501);
      const res = await exchange(app, app.client_secret, 'x');
      assert.equal(res.status, 501);
      assert.equal(res.json.id, 'api.oauth.get_access_token.disabled.app_error');
    } finally {
      await admin.client.patchConfig({ ServiceSettings: { EnableOAuthServiceProvider: true } } as never);
    }
  });
});
