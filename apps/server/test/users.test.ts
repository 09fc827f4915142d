import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientError, raw, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';

describe('users', () => {
  let server: TestServer;
  let admin: LoggedIn;
  before(async () => {
    server = await startTestServer();
    admin = await server.newUser({ username: 'admin' });
  });
  after(() => server.close());

  test('the first user becomes system admin, later ones are plain users', async () => {
    assert.equal(admin.user.roles, 'system_admin system_user');
    const other = await server.userByAdmin(admin.client);
    assert.equal(other.user.roles, 'system_user');
    assert.equal((other.user as unknown as Record<string, unknown>).password, undefined);
  });

  test('open sign-up is refused by default, creation by an admin works', async () => {
    const err = await clientError(() =>
      server
        .client()
        .createUser(
          { username: unique(), email: `${unique()}@example.com`, password: 'password-123' } as never,
          '',
          '',
        ),
    );
    assert.equal(err.status_code, 403);
    assert.equal(err.server_error_id, 'api.user.create_user.no_open_server');
  });

  test('invalid user fields are 400 with Mattermost error JSON', async () => {
    const err = await clientError(() =>
      admin.client.createUser({ username: 'x', email: 'nope', password: 'password-123' } as never, '', ''),
    );
    assert.equal(err.status_code, 400);
    const dup = await clientError(() =>
      admin.client.createUser(
        { username: 'admin', email: `${unique()}@example.com`, password: 'password-123' } as never,
        '',
        '',
      ),
    );
    assert.equal(dup.status_code, 400);
    assert.equal(dup.server_error_id, 'app.user.save.username_exists.app_error');
  });

  test('get by id, username, email, ids and usernames', async () => {
    const bob = await server.userByAdmin(admin.client, { username: unique('bob') });
    const c = admin.client;
    assert.equal((await c.getUser(bob.user.id)).username, bob.user.username);
    assert.equal((await c.getUserByUsername(bob.user.username)).id, bob.user.id);
    assert.equal((await c.getUserByEmail(bob.user.email)).id, bob.user.id);
    const byIds = await c.getProfilesByIds([bob.user.id, admin.user.id]);
    assert.deepEqual(byIds.map((u) => u.id).sort(), [bob.user.id, admin.user.id].sort());
    const byNames = await c.getProfilesByUsernames([bob.user.username]);
    assert.equal(byNames[0].id, bob.user.id);
    const missing = await clientError(() => c.getUser('a'.repeat(26)));
    assert.equal(missing.status_code, 404);
    const bad = await clientError(() => c.getUser('not-an-id'));
    assert.equal(bad.status_code, 400);
  });

  test('login sets the Token header and the three cookies', async () => {
    const res = await raw(server, '/api/v4/users/login', {
      method: 'POST',
      body: JSON.stringify({ login_id: 'admin', password: admin.password }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const token = res.headers.get('token');
    assert.ok(token && token.length === 26);
    const cookies = res.headers.getSetCookie();
    const byName = Object.fromEntries(cookies.map((c) => [c.split('=')[0], c]));
    assert.match(byName.MMAUTHTOKEN, new RegExp(`^MMAUTHTOKEN=${token};`));
    assert.match(byName.MMAUTHTOKEN, /HttpOnly/);
    assert.match(byName.MMUSERID, new RegExp(`^MMUSERID=${admin.user.id};`));
    assert.doesNotMatch(byName.MMUSERID, /HttpOnly/);
    assert.match(byName.MMCSRF, /^MMCSRF=[a-z0-9]{26};/);
    assert.doesNotMatch(byName.MMAUTHTOKEN, /Secure/);
    const secure = await raw(server, '/api/v4/users/login', {
      method: 'POST',
      headers: { 'X-Forwarded-Proto': 'https' },
      body: JSON.stringify({ login_id: 'admin', password: admin.password }),
    });
    assert.match(secure.headers.getSetCookie()[0], /Secure/);
  });

  test('wrong passwords lock the account after MaximumLoginAttempts, even for the right password', async () => {
    const victim = await server.userByAdmin(admin.client);
    for (let i = 0; i < 10; i++) {
      const err = await clientError(() => server.client().login(victim.user.username, 'wrong-password'));
      assert.equal(err.server_error_id, 'api.user.login.invalid_credentials_email_username');
    }
    const locked = await clientError(() => server.client().login(victim.user.username, victim.password));
    assert.equal(locked.status_code, 401);
    assert.equal(locked.server_error_id, 'api.user.check_user_login_attempts.too_many.app_error');
    const unknown = await clientError(() => server.client().login('nobody-here', 'whatever'));
    assert.equal(unknown.server_error_id, 'api.user.login.invalid_credentials_email_username');
  });

  test('cookie sessions need the CSRF token on writes; header tokens do not', async () => {
    const login = await raw(server, '/api/v4/users/login', {
      method: 'POST',
      body: JSON.stringify({ login_id: 'admin', password: admin.password }),
    });
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
    const cookieHeader = cookies.join('; ');
    const csrf = cookies.find((c) => c.startsWith('MMCSRF='))!.slice('MMCSRF='.length);
    const patch = (headers: Record<string, string>) =>
      raw(server, `/api/v4/users/me/patch`, {
        method: 'PUT',
        headers: { Cookie: cookieHeader, ...headers },
        body: '{"nickname":"n"}',
      });
    const refused = await patch({});
    assert.equal(refused.status, 401);
    assert.equal(refused.json.id, 'api.context.session_expired.app_error');
    assert.equal((await patch({ 'X-CSRF-Token': csrf })).status, 200);
    assert.equal((await patch({ 'X-CSRF-Token': 'wrong' })).status, 401);
    // GETs are never CSRF-checked.
    assert.equal((await raw(server, '/api/v4/users/me', { headers: { Cookie: cookieHeader } })).status, 200);
  });

  test('patch own profile; a regular user cannot patch someone else', async () => {
    const carol = await server.userByAdmin(admin.client);
    const patched = await carol.client.patchMe({ nickname: 'Caz', first_name: 'Carol' });
    assert.equal(patched.nickname, 'Caz');
    assert.equal(patched.first_name, 'Carol');
    const err = await clientError(() => carol.client.patchUser({ id: admin.user.id, nickname: 'pwned' }));
    assert.equal(err.status_code, 403);
    const byAdmin = await admin.client.patchUser({ id: carol.user.id, position: 'Engineer' });
    assert.equal(byAdmin.position, 'Engineer');
  });

  test('password change needs the current password and ends other sessions', async () => {
    const dave = await server.userByAdmin(admin.client);
    const second = server.client();
    await second.login(dave.user.username, dave.password);
    const wrong = await clientError(() =>
      dave.client.updateUserPassword(dave.user.id, 'nope', 'new-password-1'),
    );
    assert.equal(wrong.status_code, 400);
    await dave.client.updateUserPassword(dave.user.id, dave.password, 'new-password-1');
    assert.equal((await dave.client.getMe()).id, dave.user.id);
    const gone = await clientError(() => second.getMe());
    assert.equal(gone.status_code, 401);
    await server.client().login(dave.user.username, 'new-password-1');
  });

  test('deactivation revokes every session; only admins may do it', async () => {
    const erin = await server.userByAdmin(admin.client);
    const frank = await server.userByAdmin(admin.client);
    const denied = await clientError(() => frank.client.updateUserActive(erin.user.id, false));
    assert.equal(denied.status_code, 403);
    await admin.client.updateUserActive(erin.user.id, false);
    assert.equal((await clientError(() => erin.client.getMe())).status_code, 401);
    const login = await clientError(() => server.client().login(erin.user.username, erin.password));
    assert.equal(login.server_error_id, 'api.user.login.inactive.app_error');
    await admin.client.updateUserActive(erin.user.id, true);
    await server.client().login(erin.user.username, erin.password);
  });

  test('roles: only admins change them, and only to known system roles', async () => {
    const gina = await server.userByAdmin(admin.client);
    assert.equal(
      (await clientError(() => gina.client.updateUserRoles(gina.user.id, 'system_admin system_user')))
        .status_code,
      403,
    );
    assert.equal(
      (await clientError(() => admin.client.updateUserRoles(gina.user.id, 'team_admin'))).status_code,
      400,
    );
    await admin.client.updateUserRoles(gina.user.id, 'system_user system_user_manager');
    assert.equal((await admin.client.getUser(gina.user.id)).roles, 'system_user system_user_manager');
  });

  test('sessions: list own, revoke one; another user cannot read them', async () => {
    const hal = await server.userByAdmin(admin.client);
    const other = server.client();
    await other.login(hal.user.username, hal.password);
    const sessions = await hal.client.getSessions(hal.user.id);
    assert.equal(sessions.length, 2);
    assert.ok(sessions.every((s) => s.token === ''));
    const intruder = await server.userByAdmin(admin.client);
    assert.equal((await clientError(() => intruder.client.getSessions(hal.user.id))).status_code, 403);
    const mine = await hal.client.getMe();
    const otherSession = sessions.find((s) => s.last_activity_at && s.id)!;
    await hal.client.revokeSession(mine.id, otherSession.id);
    const left = await hal.client.getSessions(hal.user.id);
    assert.equal(left.length, 1);
  });

  test('logout ends the session', async () => {
    const ivy = await server.userByAdmin(admin.client);
    await ivy.client.logout();
    const c = server.client();
    c.setToken(ivy.token);
    assert.equal((await clientError(() => c.getMe())).status_code, 401);
  });

  test('list, search and autocomplete users', async () => {
    const name = unique('zed');
    const zed = await server.userByAdmin(admin.client, { username: name });
    const page = await admin.client.getProfiles(0, 200);
    assert.ok(page.some((u) => u.id === zed.user.id));
    const found = await admin.client.searchUsers(name.slice(0, 6), {});
    assert.ok(found.some((u) => u.id === zed.user.id));
    const auto = await admin.client.autocompleteUsers(name.slice(0, 6), '', '');
    assert.ok(auto.users.some((u) => u.id === zed.user.id));
    const withoutTeam = await admin.client.getProfilesWithoutTeam(0, 200);
    assert.ok(withoutTeam.some((u) => u.id === zed.user.id));
    assert.equal((await clientError(() => zed.client.getProfilesWithoutTeam(0, 10))).status_code, 403);
  });

  test('profile image: generated default, upload, refusal of non-images', async () => {
    const jo = await server.userByAdmin(admin.client);
    const img = await raw(server, `/api/v4/users/${jo.user.id}/image`, {
      headers: { Authorization: `Bearer ${jo.token}` },
    });
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/png');
    const png = Buffer.from(
      await (
        await fetch(`${server.url}/api/v4/users/${jo.user.id}/image/default`, {
          headers: { Authorization: `Bearer ${jo.token}` },
        })
      ).arrayBuffer(),
    );
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    const form = new FormData();
    form.append('image', new Blob([png], { type: 'image/png' }), 'me.png');
    await jo.client.uploadProfileImage(jo.user.id, form.get('image') as File);
    assert.ok((await jo.client.getMe()).last_picture_update > 0);
    const text = new FormData();
    text.append('image', new Blob(['<svg onload=alert(1)>'], { type: 'image/png' }), 'x.png');
    const res = await raw(server, `/api/v4/users/${jo.user.id}/image`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${jo.token}` },
      body: text,
    });
    assert.equal(res.status, 400);
    const other = await server.userByAdmin(admin.client);
    const denied = await raw(server, `/api/v4/users/${jo.user.id}/image`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${other.token}` },
      body: form,
    });
    assert.equal(denied.status, 403);
  });

  test('other users see no private fields', async () => {
    const kim = await server.userByAdmin(admin.client);
    const seen = (await kim.client.getUser(admin.user.id)) as unknown as Record<string, unknown>;
    assert.equal(seen.password, undefined);
    assert.equal(seen.notify_props, undefined);
    assert.equal(seen.auth_data, undefined);
    assert.equal(seen.mfa_secret, undefined);
  });

  test('group channel members, known users, login type', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => server.userByAdmin(admin.client)));
    const gm = await a.client.createGroupChannel([a.user.id, b.user.id, c.user.id]);
    const members = await a.client.getProfilesInGroupChannels([gm.id]);
    assert.deepEqual(members[gm.id].map((u) => u.id).sort(), [a.user.id, b.user.id, c.user.id].sort());
    const outsider = await server.userByAdmin(admin.client);
    assert.equal(
      (await clientError(() => outsider.client.getProfilesInGroupChannels([gm.id]))).status_code,
      403,
    );
    assert.equal((await clientError(() => a.client.getProfilesInGroupChannels(['bad']))).status_code, 400);
    const known = await a.client.getKnownUsers();
    assert.deepEqual([...known].sort(), [b.user.id, c.user.id].sort());
    assert.deepEqual(await outsider.client.getKnownUsers(), []);
    assert.deepEqual(await server.client().getUserLoginType(a.user.username), {
      auth_service: '',
      is_deactivated: false,
    });
    assert.deepEqual(await server.client().getUserLoginType('nobody-at-all'), {
      auth_service: '',
      is_deactivated: false,
    });
  });

  test('a device registers on its session and ends older sessions of the same device', async () => {
    const m = await server.userByAdmin(admin.client);
    const phone1 = server.client();
    await phone1.login(m.user.username, m.password);
    const put = (c: typeof phone1, body: unknown) =>
      raw(server, '/api/v4/users/sessions/device', {
        method: 'PUT',
        headers: { Authorization: `Bearer ${c.getToken()}` },
        body: JSON.stringify(body),
      });
    assert.equal((await put(phone1, { device_id: 'apple_rn-v2:abc' })).status, 200);
    const phone2 = server.client();
    await phone2.login(m.user.username, m.password);
    assert.equal((await put(phone2, { device_id: 'apple_rn-v2:abc' })).status, 200);
    assert.equal((await clientError(() => phone1.getMe())).status_code, 401);
    assert.equal((await phone2.getMe()).id, m.user.id);
    const sessions = await m.client.getSessions(m.user.id);
    assert.equal(sessions.filter((s) => s.device_id === 'apple_rn-v2:abc').length, 1);
    assert.equal((await put(phone2, { device_id: 42 })).status, 400);
  });

  test('sign-up with a team invite id works on a closed server and joins the team', async () => {
    const team = await admin.client.createTeam({
      name: unique('inv'),
      display_name: 'Invite',
      type: 'I',
    } as never);
    const username = unique('invited');
    const user = await server
      .client()
      .createUser(
        { username, email: `${username}@example.com`, password: 'password-123' } as never,
        '',
        team.invite_id,
      );
    const members = await admin.client.getTeamMembers(team.id, 0, 100);
    assert.ok(members.some((m) => m.user_id === user.id));
    const bad = await clientError(() =>
      server
        .client()
        .createUser(
          { username: unique(), email: `${unique()}@example.com`, password: 'password-123' } as never,
          '',
          'x'.repeat(26),
        ),
    );
    assert.equal(bad.status_code, 400);
    assert.equal(bad.server_error_id, 'api.team.add_user_to_team_from_invite.invalid.app_error');
  });

  test('RestrictCreationToDomains limits open sign-up; admins are not limited', async () => {
    await admin.client.patchConfig({
      TeamSettings: { EnableOpenServer: true, RestrictCreationToDomains: 'corp.example' },
    } as never);
    try {
      const outside = await clientError(() =>
        server
          .client()
          .createUser(
            { username: unique(), email: `${unique()}@elsewhere.example`, password: 'password-123' } as never,
            '',
            '',
          ),
      );
      assert.equal(outside.status_code, 400);
      assert.equal(outside.server_error_id, 'api.user.create_user.accepted_domain.app_error');
      const inside = unique('corp');
      await server
        .client()
        .createUser(
          { username: inside, email: `${inside}@corp.example`, password: 'password-123' } as never,
          '',
          '',
        );
      await admin.client.createUser(
        { username: unique(), email: `${unique()}@elsewhere.example`, password: 'password-123' } as never,
        '',
        '',
      );
    } finally {
      await admin.client.patchConfig({
        TeamSettings: { EnableOpenServer: false, RestrictCreationToDomains: '' },
      } as never);
    }
  });

  test('a team at MaxUsersPerTeam refuses one more member', async () => {
    await admin.client.patchConfig({ TeamSettings: { MaxUsersPerTeam: 2 } } as never);
    try {
      const team = await admin.client.createTeam({
        name: unique('full'),
        display_name: 'Full',
        type: 'O',
      } as never);
      const second = await server.userByAdmin(admin.client);
      await admin.client.addToTeam(team.id, second.user.id);
      const third = await server.userByAdmin(admin.client);
      const err = await clientError(() => admin.client.addToTeam(team.id, third.user.id));
      assert.equal(err.status_code, 400);
      assert.equal(err.server_error_id, 'app.team.join_user_to_team.max_accounts.app_error');
    } finally {
      await admin.client.patchConfig({ TeamSettings: { MaxUsersPerTeam: 50 } } as never);
    }
  });
});
