import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientError, raw, startTestServer, type LoggedIn, type TestServer } from './harness.ts';

interface AuditJson {
  id: string;
  create_at: number;
  user_id: string;
  action: string;
  extra_info: string;
  ip_address: string;
  session_id: string;
  user_agent: string;
}

describe('audit trail, logs and statistics', () => {
  let server: TestServer;
  let admin: LoggedIn;
  before(async () => {
    server = await startTestServer();
    admin = await server.newUser({ username: 'admin' });
  });
  after(() => server.close());

  async function auditsOf(token: string, userId: string, q = '') {
    const res = await raw(server, `/api/v4/users/${userId}/audits${q}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return { status: res.status, list: res.json as unknown as AuditJson[] };
  }

  test('logins, failures, password changes and logouts are recorded with address and session', async () => {
    const u = await server.userByAdmin(admin.client);
    const login = await raw(server, '/api/v4/users/login', {
      method: 'POST',
      headers: { 'User-Agent': 'audit-test-agent/1.0' },
      body: JSON.stringify({ login_id: u.user.username, password: u.password }),
    });
    assert.equal(login.status, 200);
    const token = login.headers.get('token')!;
    await clientError(() => server.client().login(u.user.username, 'wrong-password'));
    await u.client.updateUserPassword(u.user.id, u.password, 'changed-pass-1');

    // The password change ended every other session (that login's too), so read with u's own.
    assert.equal(
      (await raw(server, '/api/v4/users/me', { headers: { Authorization: `Bearer ${token}` } })).status,
      401,
    );
    const { status, list } = await auditsOf(u.token, u.user.id);
    assert.equal(status, 200);
    const byAction = (a: string) => list.filter((x) => x.action === a);
    const agentLogin = byAction('login').find((x) => x.user_agent === 'audit-test-agent/1.0');
    assert.ok(agentLogin, JSON.stringify(list));
    assert.equal(agentLogin.user_id, u.user.id);
    assert.equal(agentLogin.ip_address, '127.0.0.1');
    assert.equal(agentLogin.session_id.length, 26);
    assert.equal(byAction('password_updated').length, 1);
    // Newest first.
    assert.ok(list[0].create_at >= list[list.length - 1].create_at);
    // Nothing secret reaches the trail.
    assert.ok(!JSON.stringify(list).includes('changed-pass-1'));

    const all = (await admin.client.getAudits(0, 200)) as unknown as AuditJson[];
    const failure = all.find((x) => x.action === 'login_failure' && x.extra_info.includes(u.user.username));
    assert.ok(failure);
    assert.match(failure.extra_info, /reason=api\.user\.login\.invalid_credentials_email_username/);
    assert.ok(!failure.extra_info.includes('wrong-password'));

    await u.client.logout();
    const after = await admin.client.getUserAudits(u.user.id, 0, 200);
    assert.ok(after.some((x) => x.action === 'logout'));
  });

  test('only the user and admins read a user trail; only admins read everyone', async () => {
    const u = await server.userByAdmin(admin.client);
    const other = await server.userByAdmin(admin.client);
    assert.equal((await auditsOf(u.token, u.user.id)).status, 200);
    assert.equal((await auditsOf(u.token, 'me')).status, 200);
    assert.equal((await auditsOf(other.token, u.user.id)).status, 403);
    assert.equal((await auditsOf(admin.token, u.user.id)).status, 200);
    assert.equal((await auditsOf(u.token, 'bad-id')).status, 400);
    const everyone = await clientError(() => u.client.getAudits());
    assert.equal(everyone.status_code, 403);
    const anonymous = await raw(server, '/api/v4/audits');
    assert.equal(anonymous.status, 401);
    const page = await admin.client.getAudits(0, 1);
    assert.equal(page.length, 1);
  });

  test('role changes, deactivation, session revocation and config changes are recorded', async () => {
    const u = await server.userByAdmin(admin.client);
    await admin.client.updateUserRoles(u.user.id, 'system_user system_admin');
    await admin.client.revokeAllSessionsForUser(u.user.id);
    await admin.client.updateUserActive(u.user.id, false);
    await admin.client.patchConfig({ TeamSettings: { SiteName: 'Audited' } } as never);
    const mine = (await admin.client.getUserAudits(admin.user.id, 0, 200)).map((a) => a.action);
    for (const action of ['roles_updated', 'sessions_revoked_all', 'user_deactivated', 'config_updated'])
      assert.ok(mine.includes(action), `${action} in ${mine.join(',')}`);
  });

  test('client logs: signed-in callers only, trimmed, and an admin ERROR shows in GET /logs', async () => {
    const u = await server.userByAdmin(admin.client);
    const post = (token: string | null, body: unknown) =>
      raw(server, '/api/v4/logs', {
        method: 'POST',
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        body: JSON.stringify(body),
      });
    assert.equal((await post(null, { level: 'ERROR', message: 'hi' })).status, 403);
    assert.equal((await post(u.token, { level: 'ERROR' })).status, 400);
    const long = await post(u.token, { level: 'ERROR', message: 'x'.repeat(1000) });
    assert.equal(long.status, 200);
    assert.equal(long.json.message, `Client Logs API Endpoint Message: ${'x'.repeat(400)}`);

    const marker = `marker-${Date.now()}`;
    const logged = await post(admin.token, { level: 'ERROR', message: marker });
    assert.equal(logged.json.level, 'ERROR');
    const lines = await raw(server, '/api/v4/logs?page=0&logs_per_page=50', {
      headers: { Authorization: `Bearer ${admin.token}` },
    });
    assert.equal(lines.status, 200);
    const found = (lines.json as unknown as string[]).find((l) => l.includes(marker));
    assert.ok(found);
    assert.equal(JSON.parse(found).type, 'client_message');
    const refused = await raw(server, '/api/v4/logs', { headers: { Authorization: `Bearer ${u.token}` } });
    assert.equal(refused.status, 403);
  });

  test('GET /users/stats counts active people; /analytics/old is for admins', async () => {
    const u = await server.userByAdmin(admin.client);
    const stats = await u.client.getTotalUsersStats();
    assert.ok(stats.total_users_count >= 2);
    const rows = await admin.client.getAnalytics('standard');
    const byName = Object.fromEntries(rows.map((r) => [r.name, r.value]));
    assert.equal(byName.unique_user_count, stats.total_users_count);
    assert.ok('post_count' in byName && 'team_count' in byName);
    const refused = await clientError(() => u.client.getAnalytics('standard'));
    assert.equal(refused.status_code, 403);
    const unknown = await clientError(() => admin.client.getAnalytics('extra_counts'));
    assert.equal(unknown.status_code, 501);
  });
});
