import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client4 } from '@mattermost/client';
import { clientError, raw, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import type { ServerEvent } from '../src/realtime/bus.ts';

type Team = Awaited<ReturnType<Client4['getTeam']>>;

describe('teams', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let alice: LoggedIn;
  let bob: LoggedIn;
  const events: ServerEvent[] = [];

  const makeTeam = (c: Client4, type: 'O' | 'I' = 'O', extra: Record<string, unknown> = {}) =>
    c.createTeam({ name: unique('team'), display_name: 'Team', type, ...extra } as never);

  before(async () => {
    server = await startTestServer();
    admin = await server.newUser({ username: 'admin' });
    alice = await server.userByAdmin(admin.client);
    bob = await server.userByAdmin(admin.client);
    server.parley.app.events.subscribe((e) => events.push(e));
  });
  after(() => server.close());

  test('create: Town Square and Off-Topic, the creator as team admin, added_to_team', async () => {
    const name = unique('team');
    const team = await alice.client.createTeam({ name, display_name: 'Team', type: 'O' } as never);
    assert.equal(team.name, name);
    assert.equal(team.invite_id.length, 26);
    assert.equal(team.allow_open_invite, true);
    const rows = await server.parley.app.db
      .selectFrom('channels')
      .select('name')
      .where('team_id', '=', team.id)
      .execute();
    assert.deepEqual(rows.map((r) => r.name).sort(), ['off-topic', 'town-square']);
    const member = await alice.client.getTeamMember(team.id, alice.user.id);
    assert.equal(member.roles, 'team_user team_admin');
    assert.equal(member.scheme_admin, true);
    assert.equal((member as unknown as Record<string, unknown>).msg_count, undefined);
    assert.ok(events.some((e) => e.event === 'added_to_team' && e.data.team_id === team.id));
  });

  test('create: bad names and duplicates are 400; anonymous callers 401', async () => {
    const bad = await clientError(() =>
      admin.client.createTeam({ name: 'A b', display_name: 'x', type: 'O' } as never),
    );
    assert.equal(bad.status_code, 400);
    assert.equal(
      (
        await clientError(() =>
          admin.client.createTeam({ name: 'api', display_name: 'x', type: 'O' } as never),
        )
      ).status_code,
      400,
    );
    const name = unique('dup');
    await admin.client.createTeam({ name, display_name: 'x', type: 'O' } as never);
    const dup = await clientError(() =>
      admin.client.createTeam({ name, display_name: 'x', type: 'O' } as never),
    );
    assert.equal(dup.server_error_id, 'app.team.save.existing.app_error');
    const anon = await clientError(() =>
      server.client().createTeam({ name: unique('t'), display_name: 'x', type: 'O' } as never),
    );
    assert.equal(anon.status_code, 401);
  });

  test('get by id and name: open teams for all, private ones only for members; invite id for members', async () => {
    const open = await makeTeam(alice.client);
    const priv = await makeTeam(alice.client, 'I');
    assert.equal(priv.allow_open_invite, false);
    const seen = await bob.client.getTeam(open.id);
    assert.equal(seen.display_name, 'Team');
    assert.equal(seen.invite_id, '');
    assert.equal(seen.email, '');
    assert.equal((await bob.client.getTeamByName(open.name)).id, open.id);
    assert.equal((await alice.client.getTeam(open.id)).invite_id, open.invite_id);
    const hidden = await clientError(() => bob.client.getTeam(priv.id));
    assert.equal(hidden.status_code, 403);
    assert.equal(hidden.server_error_id, 'api.context.permissions.app_error');
    assert.equal((await clientError(() => bob.client.getTeamByName(priv.name))).status_code, 403);
    assert.equal((await admin.client.getTeam(priv.id)).invite_id, priv.invite_id);
    assert.equal((await clientError(() => bob.client.getTeam('a'.repeat(26)))).status_code, 404);
    const malformed = await clientError(() => bob.client.getTeam('not-an-id'));
    assert.equal(malformed.status_code, 400);
    assert.equal(malformed.server_error_id, 'api.context.invalid_url_param.app_error');
    // As Mattermost: a team the caller may not see "does not exist", so names cannot be probed.
    assert.deepEqual(await bob.client.checkIfTeamExists(priv.name), { exists: false });
    assert.deepEqual(await admin.client.checkIfTeamExists(priv.name), { exists: true });
    assert.deepEqual(await bob.client.checkIfTeamExists(unique('none')), { exists: false });
  });

  test('list and search: users see open teams, admins all; include_total_count wraps', async () => {
    const open = await makeTeam(alice.client, 'O', { display_name: 'Searchable Open' });
    const priv = await makeTeam(alice.client, 'I', { display_name: 'Searchable Private' });
    const asBob = (await bob.client.getTeams(0, 200)) as Team[];
    assert.ok(asBob.some((t) => t.id === open.id));
    assert.ok(!asBob.some((t) => t.id === priv.id));
    const asAdmin = (await admin.client.getTeams(0, 200, true)) as unknown as {
      teams: Team[];
      total_count: number;
    };
    assert.ok(asAdmin.teams.some((t) => t.id === priv.id));
    assert.ok(asAdmin.total_count >= asAdmin.teams.length);
    const paged = (await admin.client.getTeams(0, 1)) as Team[];
    assert.equal(paged.length, 1);
    const found = await bob.client.searchTeams('searchable', {} as never);
    assert.deepEqual(
      (found as unknown as Team[]).map((t) => t.id),
      [open.id],
    );
    const all = (await admin.client.searchTeams('searchable', {} as never)) as unknown as Team[];
    assert.equal(all.length, 2);
    const badSearch = await raw(server, '/api/v4/teams/search', {
      method: 'POST',
      headers: { Authorization: `Bearer ${bob.token}` },
      body: JSON.stringify({ term: 5 }),
    });
    assert.equal(badSearch.status, 400);
    assert.equal(badSearch.json.id, 'api.context.invalid_body_param.app_error');
  });

  test('patch, update, privacy, regenerate invite id: manage_team only', async () => {
    const team = await makeTeam(alice.client);
    await bob.client.addToTeam(team.id, bob.user.id);
    const patched = await alice.client.patchTeam({ id: team.id, display_name: 'Renamed', description: 'd' });
    assert.equal(patched.display_name, 'Renamed');
    assert.ok(events.some((e) => e.event === 'update_team' && e.broadcast.teamId === team.id));
    assert.equal(
      (await clientError(() => bob.client.patchTeam({ id: team.id, display_name: 'x' }))).status_code,
      403,
    );
    const badPatch = await clientError(() => alice.client.patchTeam({ id: team.id, display_name: '' }));
    assert.equal(badPatch.status_code, 400);
    const updated = await alice.client.updateTeam({ ...patched, company_name: 'Acme' });
    assert.equal(updated.company_name, 'Acme');
    const mismatch = await raw(server, `/api/v4/teams/${team.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ ...patched, id: 'b'.repeat(26) }),
    });
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.json.id, 'api.context.invalid_body_param.app_error');
    const regenerated = await alice.client.regenerateTeamInviteId(team.id);
    assert.notEqual(regenerated.invite_id, team.invite_id);
    assert.equal((await clientError(() => bob.client.regenerateTeamInviteId(team.id))).status_code, 403);
    const privacy = await raw(server, `/api/v4/teams/${team.id}/privacy`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ privacy: 'I' }),
    });
    assert.equal(privacy.status, 200);
    assert.equal(privacy.json.type, 'I');
    assert.equal(privacy.json.allow_open_invite, false);
    const badPrivacy = await raw(server, `/api/v4/teams/${team.id}/privacy`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ privacy: 'X' }),
    });
    assert.equal(badPrivacy.status, 400);
  });

  test('stats and invite info', async () => {
    const team = await makeTeam(alice.client);
    await alice.client.addToTeam(team.id, bob.user.id);
    const stats = await alice.client.getTeamStats(team.id);
    assert.deepEqual(stats, { team_id: team.id, total_member_count: 2, active_member_count: 2 });
    const outsider = await server.userByAdmin(admin.client);
    assert.equal((await clientError(() => outsider.client.getTeamStats(team.id))).status_code, 403);
    const info = await server.client().getTeamInviteInfo(team.invite_id);
    assert.deepEqual(info, { id: team.id, name: team.name, display_name: 'Team', description: '' });
    assert.equal(
      (await clientError(() => server.client().getTeamInviteInfo('c'.repeat(26)))).status_code,
      404,
    );
  });

  test('members: self-join of open teams, invite-only needs an invite id or an adder', async () => {
    const open = await makeTeam(alice.client);
    const priv = await makeTeam(alice.client, 'I');
    const carol = await server.userByAdmin(admin.client);
    const joined = await carol.client.addToTeam(open.id, carol.user.id);
    assert.equal(joined.roles, 'team_user');
    assert.equal((await clientError(() => carol.client.addToTeam(priv.id, carol.user.id))).status_code, 403);
    const byInvite = await carol.client.joinTeam(priv.invite_id);
    assert.equal(byInvite.team_id, priv.id);
    const badInvite = await clientError(() => carol.client.joinTeam('d'.repeat(26)));
    assert.equal(badInvite.status_code, 400);
    assert.equal(badInvite.server_error_id, 'api.team.add_user_to_team_from_invite.invalid.app_error');
    const dave = await server.userByAdmin(admin.client);
    // carol, a plain member, may add others (team_user holds add_user_to_team).
    assert.equal((await carol.client.addToTeam(priv.id, dave.user.id)).user_id, dave.user.id);
    const outsider = await server.userByAdmin(admin.client);
    assert.equal((await clientError(() => outsider.client.addToTeam(priv.id, bob.user.id))).status_code, 403);
    const wrongBody = await raw(server, `/api/v4/teams/${priv.id}/members`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ team_id: open.id, user_id: bob.user.id }),
    });
    assert.equal(wrongBody.status, 400);
    const badUser = await raw(server, `/api/v4/teams/${priv.id}/members`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ team_id: priv.id, user_id: 'nope' }),
    });
    assert.equal(badUser.status, 400);
    assert.equal(badUser.json.id, 'api.context.invalid_body_param.app_error');
  });

  test('allowed domains are enforced on join', async () => {
    const team = await makeTeam(alice.client, 'O', { allowed_domains: 'corp.example' });
    const err = await clientError(() => bob.client.addToTeam(team.id, bob.user.id));
    assert.equal(err.status_code, 400);
    assert.equal(err.server_error_id, 'api.team.join_user_to_team.allowed_domains.app_error');
  });

  test('members: list, get, by ids, batch; outsiders cannot list', async () => {
    const team = await makeTeam(alice.client, 'I');
    const u1 = await server.userByAdmin(admin.client);
    const u2 = await server.userByAdmin(admin.client);
    const added = await alice.client.addUsersToTeam(team.id, [u1.user.id, u2.user.id]);
    assert.equal(added.length, 2);
    const list = await alice.client.getTeamMembers(team.id, 0, 100);
    assert.deepEqual(list.map((m) => m.user_id).sort(), [alice.user.id, u1.user.id, u2.user.id].sort());
    assert.equal((await alice.client.getTeamMembers(team.id, 0, 1)).length, 1);
    const byIds = await u1.client.getTeamMembersByIds(team.id, [u2.user.id, bob.user.id]);
    assert.deepEqual(
      byIds.map((m) => m.user_id),
      [u2.user.id],
    );
    assert.equal((await u1.client.getTeamMember(team.id, u2.user.id)).team_id, team.id);
    assert.equal((await clientError(() => u1.client.getTeamMember(team.id, bob.user.id))).status_code, 404);
    const refused = await clientError(() => bob.client.getTeamMembers(team.id));
    assert.equal(refused.status_code, 403);
    assert.equal(
      (await clientError(() => bob.client.getTeamMember(team.id, alice.user.id))).status_code,
      403,
    );
    assert.equal(
      (await clientError(() => bob.client.getTeamMembersByIds(team.id, [alice.user.id]))).status_code,
      403,
    );
    const badIds = await raw(server, `/api/v4/teams/${team.id}/members/ids`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice.token}` },
      body: JSON.stringify(['x']),
    });
    assert.equal(badIds.status, 400);
    const graceful = await alice.client.addUsersToTeamGracefully(team.id, [bob.user.id, 'e'.repeat(26)]);
    assert.equal(graceful.length, 2);
    assert.equal(graceful.find((r) => r.user_id === bob.user.id)?.member.team_id, team.id);
    assert.ok(graceful.find((r) => r.user_id === 'e'.repeat(26))?.error);
  });

  test('leave and removal soft-delete the membership and leave the channels', async () => {
    const team = await makeTeam(alice.client);
    const u1 = await server.userByAdmin(admin.client);
    const u2 = await server.userByAdmin(admin.client);
    await u1.client.addToTeam(team.id, u1.user.id);
    await u2.client.addToTeam(team.id, u2.user.id);
    assert.equal((await clientError(() => u1.client.removeFromTeam(team.id, u2.user.id))).status_code, 403);
    await u1.client.removeFromTeam(team.id, u1.user.id);
    assert.ok(events.some((e) => e.event === 'leave_team' && e.data.user_id === u1.user.id));
    const gone = await alice.client.getTeamMember(team.id, u1.user.id);
    assert.ok(gone.delete_at > 0);
    const channels = await server.parley.app.db
      .selectFrom('channel_members as cm')
      .innerJoin('channels as c', 'c.id', 'cm.channel_id')
      .select('c.id')
      .where('c.team_id', '=', team.id)
      .where('cm.user_id', '=', u1.user.id)
      .execute();
    assert.equal(channels.length, 0);
    await alice.client.removeFromTeam(team.id, u2.user.id);
    assert.ok(!(await alice.client.getTeamMembers(team.id)).some((m) => m.user_id === u2.user.id));
    // Rejoining restores the membership.
    assert.equal((await u1.client.addToTeam(team.id, u1.user.id)).delete_at, 0);
  });

  test('member roles: manage_team_roles only; bad roles are 400', async () => {
    const team = await makeTeam(alice.client);
    await bob.client.addToTeam(team.id, bob.user.id);
    await alice.client.updateTeamMemberRoles(team.id, bob.user.id, 'team_user team_admin' as never);
    const member = await bob.client.getTeamMember(team.id, bob.user.id);
    assert.equal(member.scheme_admin, true);
    assert.ok(events.some((e) => e.event === 'memberrole_updated' && e.broadcast.userId === bob.user.id));
    const carol = await server.userByAdmin(admin.client);
    await carol.client.addToTeam(team.id, carol.user.id);
    const refused = await clientError(() =>
      carol.client.updateTeamMemberRoles(team.id, carol.user.id, 'team_user team_admin' as never),
    );
    assert.equal(refused.status_code, 403);
    const bad = await clientError(() =>
      alice.client.updateTeamMemberRoles(team.id, bob.user.id, 'channel_admin' as never),
    );
    assert.equal(bad.status_code, 400);
  });

  test('a user’s teams, memberships and unread counts', async () => {
    const user = await server.userByAdmin(admin.client);
    const t1 = await makeTeam(alice.client);
    const t2 = await makeTeam(alice.client);
    await user.client.addToTeam(t1.id, user.user.id);
    await user.client.addToTeam(t2.id, user.user.id);
    const teams = await user.client.getMyTeams();
    assert.deepEqual(teams.map((t) => t.id).sort(), [t1.id, t2.id].sort());
    const memberships = await user.client.getMyTeamMembers();
    assert.equal(memberships.length, 2);
    assert.equal((await admin.client.getTeamsForUser(user.user.id)).length, 2);
    assert.equal((await clientError(() => bob.client.getTeamsForUser(user.user.id))).status_code, 403);
    assert.equal((await clientError(() => bob.client.getTeamMembersForUser(user.user.id))).status_code, 403);

    // Three posts in Town Square of t1, one of them read, one mention.
    const db = server.parley.app.db;
    const town = await db
      .selectFrom('channels')
      .select('id')
      .where('team_id', '=', t1.id)
      .where('name', '=', 'town-square')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('channels')
      .set({ total_msg_count: 3, total_msg_count_root: 2 })
      .where('id', '=', town.id)
      .execute();
    await db
      .updateTable('channel_members')
      .set({ msg_count: 1, mention_count: 1 })
      .where('channel_id', '=', town.id)
      .where('user_id', '=', user.user.id)
      .execute();
    const unreads = await user.client.getMyTeamUnreads();
    const u1 = unreads.find((u) => u.team_id === t1.id);
    assert.deepEqual(u1, {
      team_id: t1.id,
      msg_count: 2,
      mention_count: 1,
      msg_count_root: 2,
      mention_count_root: 0,
      thread_count: 0,
      thread_mention_count: 0,
      thread_urgent_mention_count: 0,
    });
    assert.equal(unreads.find((u) => u.team_id === t2.id)?.msg_count, 0);
    const excluded = await raw(server, `/api/v4/users/me/teams/unread?exclude_team=${t1.id}`, {
      headers: { Authorization: `Bearer ${user.token}` },
    });
    assert.deepEqual(
      (excluded.json as unknown as { team_id: string }[]).map((u) => u.team_id),
      [t2.id],
    );
    const one = await raw(server, `/api/v4/users/me/teams/${t1.id}/unread`, {
      headers: { Authorization: `Bearer ${user.token}` },
    });
    assert.equal(one.json.msg_count, 2);
    const others = await raw(server, `/api/v4/users/${user.user.id}/teams/unread`, {
      headers: { Authorization: `Bearer ${bob.token}` },
    });
    assert.equal(others.status, 403);
    const badExclude = await raw(server, '/api/v4/users/me/teams/unread?exclude_team=zz', {
      headers: { Authorization: `Bearer ${user.token}` },
    });
    assert.equal(badExclude.status, 400);
  });

  test('delete: soft by default, permanent only when enabled', async () => {
    const team = await makeTeam(alice.client);
    await bob.client.addToTeam(team.id, bob.user.id);
    assert.equal((await clientError(() => bob.client.deleteTeam(team.id))).status_code, 403);
    await alice.client.deleteTeam(team.id);
    assert.ok((await alice.client.getTeam(team.id)).delete_at > 0);
    assert.ok(events.some((e) => e.event === 'delete_team' && e.broadcast.teamId === team.id));
    assert.ok(!(await bob.client.getMyTeams()).some((t) => t.id === team.id));
    const permanent = await raw(server, `/api/v4/teams/${team.id}?permanent=true`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${alice.token}` },
    });
    assert.equal(permanent.status, 401);
    assert.equal(permanent.json.id, 'api.user.delete_team.not_enabled.app_error');
  });
});
