import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientError, raw, startTestServer, type LoggedIn, type TestServer } from './harness.ts';

const auth = (who: LoggedIn) => ({
  Authorization: `Bearer ${who.token}`,
  'Content-Type': 'application/json',
});

describe('custom terms of service', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let user: LoggedIn;
  before(async () => {
    server = await startTestServer();
    admin = await server.newUser({ username: 'admin' });
    user = await server.userByAdmin(admin.client);
  });
  after(() => server.close());

  test('no terms yet: 404 with the Mattermost error id, and no acceptance record', async () => {
    const err = await clientError(() => user.client.getTermsOfService());
    assert.equal(err.status_code, 404);
    assert.equal(err.server_error_id, 'app.terms_of_service.get.no_rows.app_error');
    const mine = await raw(server, '/api/v4/users/me/terms_of_service', { headers: auth(user) });
    assert.equal(mine.status, 404);
    assert.equal(mine.json.id, 'app.user_terms_of_service.get_by_user.no_rows.app_error');
    const noSession = await raw(server, '/api/v4/terms_of_service');
    assert.equal(noSession.status, 401);
  });

  test('only a system admin writes terms; the text must be present and within the limit', async () => {
    const refused = await clientError(() => user.client.createTermsOfService('mine'));
    assert.equal(refused.status_code, 403);
    const empty = await clientError(() => admin.client.createTermsOfService(''));
    assert.equal(empty.status_code, 400);
    assert.equal(empty.server_error_id, 'api.create_terms_of_service.empty_text.app_error');
    const long = await clientError(() => admin.client.createTermsOfService('x'.repeat(16384)));
    assert.equal(long.status_code, 400);
    assert.equal(long.server_error_id, 'model.terms_of_service.is_valid.text.app_error');
    const notObject = await raw(server, '/api/v4/terms_of_service', {
      method: 'POST',
      headers: auth(admin),
      body: '["text"]',
    });
    assert.equal(notObject.status, 400);
    // Nothing was written by the refusals.
    assert.equal((await clientError(() => user.client.getTermsOfService())).status_code, 404);
  });

  test('a new version is the latest for every user; the same text again creates nothing', async () => {
    const first = await admin.client.createTermsOfService('Be **kind**.');
    assert.match(first.id, /^[a-z0-9]{26}$/);
    assert.equal(first.user_id, admin.user.id);
    assert.equal(first.text, 'Be **kind**.');
    assert.ok(first.create_at > 0);
    assert.deepEqual(await user.client.getTermsOfService(), first);
    assert.deepEqual(await admin.client.createTermsOfService('Be **kind**.'), first);
    const second = await admin.client.createTermsOfService('Be kind and brief.');
    assert.notEqual(second.id, first.id);
    assert.ok(second.create_at > first.create_at);
    assert.equal((await user.client.getTermsOfService()).id, second.id);
  });

  test('accepting records the version on the user; the client config names the version in force', async () => {
    const latest = await user.client.getTermsOfService();
    const off = (await user.client.getClientConfig()) as unknown as Record<string, string>;
    assert.equal(off.EnableCustomTermsOfService, 'false');
    assert.equal(off.CustomTermsOfServiceId, '');
    assert.equal(off.CustomTermsOfServiceReAcceptancePeriod, '365');
    await admin.client.patchConfig({ SupportSettings: { CustomTermsOfServiceEnabled: true } } as never);
    const on = (await user.client.getClientConfig()) as unknown as Record<string, string>;
    assert.equal(on.EnableCustomTermsOfService, 'true');
    assert.equal(on.CustomTermsOfServiceId, latest.id);

    assert.deepEqual(await user.client.updateMyTermsOfServiceStatus(latest.id, true), { status: 'OK' });
    const me = (await user.client.getMe()) as unknown as Record<string, unknown>;
    assert.equal(me.terms_of_service_id, latest.id);
    assert.ok(Number(me.terms_of_service_create_at) > 0);
    const record = await raw(server, `/api/v4/users/${user.user.id}/terms_of_service`, {
      headers: auth(user),
    });
    assert.equal(record.status, 200);
    assert.deepEqual(record.json, {
      user_id: user.user.id,
      terms_of_service_id: latest.id,
      create_at: me.terms_of_service_create_at,
    });
    // A system admin may read it and sees it on the profile; another user sees neither.
    const byAdmin = await raw(server, `/api/v4/users/${user.user.id}/terms_of_service`, {
      headers: auth(admin),
    });
    assert.equal(byAdmin.status, 200);
    const profile = (await admin.client.getUser(user.user.id)) as unknown as Record<string, unknown>;
    assert.equal(profile.terms_of_service_id, latest.id);
    const other = await server.userByAdmin(admin.client);
    const byOther = await raw(server, `/api/v4/users/${user.user.id}/terms_of_service`, {
      headers: auth(other),
    });
    assert.equal(byOther.status, 403);
    const seen = (await other.client.getUser(user.user.id)) as unknown as Record<string, unknown>;
    assert.equal(seen.terms_of_service_id, undefined);

    const trail = await admin.client.getAudits(0, 50);
    assert.ok(
      trail.some(
        (a) =>
          a.user_id === user.user.id &&
          a.action === 'terms_of_service_accepted' &&
          a.extra_info.includes(latest.id),
      ),
    );
    await admin.client.patchConfig({ SupportSettings: { CustomTermsOfServiceEnabled: false } } as never);
  });

  test('refusals: bad body 400, unknown version 404, acting for another user 403', async () => {
    const latest = await user.client.getTermsOfService();
    const post = (who: LoggedIn, userId: string, body: string) =>
      raw(server, `/api/v4/users/${userId}/terms_of_service`, { method: 'POST', headers: auth(who), body });
    const noId = await post(user, 'me', JSON.stringify({ accepted: true }));
    assert.equal(noId.status, 400);
    assert.equal(noId.json.id, 'api.context.invalid_body_param.app_error');
    const badId = await clientError(() => user.client.updateMyTermsOfServiceStatus('not-an-id', true));
    assert.equal(badId.status_code, 400);
    const noAccepted = await post(
      user,
      'me',
      JSON.stringify({ termsOfServiceId: latest.id, accepted: 'yes' }),
    );
    assert.equal(noAccepted.status, 400);
    const notJson = await post(user, 'me', 'nope');
    assert.equal(notJson.status, 400);
    const unknown = await clientError(() =>
      user.client.updateMyTermsOfServiceStatus('abcdefghijklmnopqrstuvwxyz', true),
    );
    assert.equal(unknown.status_code, 404);
    assert.equal(unknown.server_error_id, 'app.terms_of_service.get.no_rows.app_error');
    const forOther = await post(
      admin,
      user.user.id,
      JSON.stringify({ termsOfServiceId: latest.id, accepted: false }),
    );
    assert.equal(forOther.status, 403);
    // The OpenAPI spelling of the body is understood too.
    const openApi = await post(user, 'me', JSON.stringify({ serviceTermsId: latest.id, accepted: 'true' }));
    assert.equal(openApi.status, 200);
  });

  test('the re-acceptance period must be at least one day', async () => {
    const err = await clientError(() =>
      admin.client.patchConfig({ SupportSettings: { CustomTermsOfServiceReAcceptancePeriod: 0 } } as never),
    );
    assert.equal(err.status_code, 400);
    const config = (await user.client.getClientConfig()) as unknown as Record<string, string>;
    assert.equal(config.CustomTermsOfServiceReAcceptancePeriod, '365');
  });

  test('declining forgets the acceptance and ends every session of the user', async () => {
    const latest = await user.client.getTermsOfService();
    const second = await server.userByAdmin(admin.client);
    await second.client.updateMyTermsOfServiceStatus(latest.id, true);
    const again = server.client();
    await again.login(second.user.username, second.password);
    await second.client.updateMyTermsOfServiceStatus(latest.id, false);
    assert.equal((await clientError(() => again.getMe())).status_code, 401);
    assert.equal((await clientError(() => second.client.getMe())).status_code, 401);
    const relogged = server.client();
    const me = (await relogged.login(second.user.username, second.password)) as unknown as Record<
      string,
      unknown
    >;
    assert.equal(me.terms_of_service_id, undefined);
    const trail = await admin.client.getAudits(0, 50);
    assert.ok(trail.some((a) => a.user_id === second.user.id && a.action === 'terms_of_service_declined'));
  });
});
