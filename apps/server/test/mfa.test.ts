import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret, TOTP } from 'otpauth';
import { clientError, raw, startTestServer, type LoggedIn, type TestServer } from './harness.ts';

/** The code an authenticator app would show now (and `offset` steps away). */
function codeFor(secret: string, offset = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + offset * 30_000,
  });
}

describe('multi-factor authentication', () => {
  let server: TestServer;
  let admin: LoggedIn;
  before(async () => {
    server = await startTestServer({ ServiceSettings: { EnableMultifactorAuthentication: true } });
    admin = await server.newUser({ username: 'admin' });
  });
  after(() => server.close());

  async function withMfa(): Promise<LoggedIn & { secret: string }> {
    const u = await server.userByAdmin(admin.client);
    const { secret } = await u.client.generateMfaSecret(u.user.id);
    await u.client.updateUserMfa(u.user.id, true, codeFor(secret));
    return { ...u, secret };
  }

  test('generate returns a secret and a PNG QR code, only for oneself, and never shows it again', async () => {
    const u = await server.userByAdmin(admin.client);
    const generated = await u.client.generateMfaSecret(u.user.id);
    assert.match(generated.secret, /^[A-Z2-7]{32}$/);
    const png = Buffer.from(generated.qr_code, 'base64');
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const me = (await u.client.getMe()) as unknown as Record<string, unknown>;
    assert.equal(me.mfa_secret, undefined);
    assert.equal(me.mfa_active, false);

    const other = await clientError(() => admin.client.generateMfaSecret(u.user.id));
    assert.equal(other.status_code, 403);
    const bad = await clientError(() => u.client.generateMfaSecret('nope'));
    assert.equal(bad.status_code, 400);
  });

  test('activation needs a valid code for the generated secret', async () => {
    const u = await server.userByAdmin(admin.client);
    const { secret } = await u.client.generateMfaSecret(u.user.id);
    const wrong = await clientError(() => u.client.updateUserMfa(u.user.id, true, '000000'));
    assert.equal(wrong.status_code, 401);
    assert.equal(wrong.server_error_id, 'mfa.activate.bad_token.app_error');
    const missing = await raw(server, '/api/v4/users/me/mfa', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${u.token}` },
      body: JSON.stringify({ activate: 'yes' }),
    });
    assert.equal(missing.status, 400);
    await u.client.updateUserMfa(u.user.id, true, codeFor(secret));
    assert.equal((await u.client.getMe()).mfa_active, true);
    // A second secret cannot replace an active one.
    const again = await clientError(() => u.client.generateMfaSecret(u.user.id));
    assert.equal(again.status_code, 400);
  });

  test('login asks for the code, refuses a wrong one, accepts the right one', async () => {
    const u = await withMfa();
    const c = server.client();
    const none = await clientError(() => c.login(u.user.username, u.password));
    assert.equal(none.status_code, 400);
    assert.equal(none.server_error_id, 'mfa.validate_token.authenticate.app_error');
    const wrong = await clientError(() => c.login(u.user.username, u.password, '123456'));
    assert.equal(wrong.status_code, 401);
    assert.equal(wrong.server_error_id, 'api.user.check_user_mfa.bad_code.app_error');
    // A wrong password is refused before the code matters.
    const badPassword = await clientError(() =>
      c.login(u.user.username, 'wrong-password', codeFor(u.secret)),
    );
    assert.equal(badPassword.server_error_id, 'api.user.login.invalid_credentials_email_username');
    const me = await c.login(u.user.username, u.password, codeFor(u.secret));
    assert.equal(me.id, u.user.id);
    // The previous step's code is still accepted (clock drift of one step).
    await server.client().login(u.user.username, u.password, codeFor(u.secret, -1));
  });

  test('POST /users/mfa says whether a login id needs a code', async () => {
    const u = await withMfa();
    const c = server.client();
    assert.deepEqual(await c.checkUserMfa(u.user.username), { mfa_required: true });
    assert.deepEqual(await c.checkUserMfa(u.user.email), { mfa_required: true });
    assert.deepEqual(await c.checkUserMfa(admin.user.username), { mfa_required: false });
    assert.deepEqual(await c.checkUserMfa('nobody-here'), { mfa_required: false });
    const empty = await clientError(() => c.checkUserMfa(''));
    assert.equal(empty.status_code, 400);
  });

  test('turning MFA off: oneself with a code, an admin for anyone, nobody else', async () => {
    const u = await withMfa();
    const noCode = await clientError(() => u.client.updateUserMfa(u.user.id, false, ''));
    assert.equal(noCode.status_code, 400);
    const stranger = await server.userByAdmin(admin.client);
    const refused = await clientError(() => stranger.client.updateUserMfa(u.user.id, false, ''));
    assert.equal(refused.status_code, 403);
    await raw(server, '/api/v4/users/me/mfa', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${u.token}` },
      body: JSON.stringify({ activate: false, code: codeFor(u.secret) }),
    });
    assert.equal((await u.client.getMe()).mfa_active, false);
    await server.client().login(u.user.username, u.password);

    const v = await withMfa();
    await admin.client.updateUserMfa(v.user.id, false, '');
    assert.equal((await admin.client.getUser(v.user.id)).mfa_active, false);
    await server.client().login(v.user.username, v.password);
  });

  test('with MFA turned off on the server, generate is 501 and codes are not asked', async () => {
    const u = await withMfa();
    await admin.client.patchConfig({ ServiceSettings: { EnableMultifactorAuthentication: false } } as never);
    try {
      const other = await server.userByAdmin(admin.client);
      const off = await clientError(() => other.client.generateMfaSecret(other.user.id));
      assert.equal(off.status_code, 501);
      assert.equal(off.server_error_id, 'mfa.mfa_disabled.app_error');
      await server.client().login(u.user.username, u.password);
      assert.deepEqual(await server.client().checkUserMfa(u.user.username), { mfa_required: false });
    } finally {
      await admin.client.patchConfig({ ServiceSettings: { EnableMultifactorAuthentication: true } } as never);
    }
  });

  test('enforcement: users without MFA may only set it up, read themself and log out', async () => {
    const withIt = await withMfa();
    const without = await server.userByAdmin(admin.client);
    const leaver = await server.userByAdmin(admin.client);
    // The admin turns MFA on first, so they keep access once it is enforced.
    const { secret } = await admin.client.generateMfaSecret(admin.user.id);
    await admin.client.updateUserMfa(admin.user.id, true, codeFor(secret));
    await admin.client.patchConfig({ ServiceSettings: { EnforceMultifactorAuthentication: true } } as never);
    try {
      const blocked = await clientError(() => without.client.getUser(admin.user.id));
      assert.equal(blocked.status_code, 403);
      assert.equal(blocked.server_error_id, 'api.context.mfa_required.app_error');
      const teams = await clientError(() => without.client.getMyTeams());
      assert.equal(teams.server_error_id, 'api.context.mfa_required.app_error');
      assert.equal((await without.client.getMe()).id, without.user.id);
      // Anonymous routes are untouched.
      assert.ok(await without.client.getClientConfig());

      // Setting MFA up lifts the block.
      const { secret: own } = await without.client.generateMfaSecret(without.user.id);
      await without.client.updateUserMfa(without.user.id, true, codeFor(own));
      assert.equal((await without.client.getUser(admin.user.id)).id, admin.user.id);

      await leaver.client.logout();
      assert.equal((await withIt.client.getUser(admin.user.id)).id, admin.user.id);
    } finally {
      await admin.client.patchConfig({
        ServiceSettings: { EnforceMultifactorAuthentication: false },
      } as never);
    }
  });
});
