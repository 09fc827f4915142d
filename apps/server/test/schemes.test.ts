import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import { addUserToTeam } from '../src/domains/teams/join.ts';
import { channelWorld, eventsNamed, type ChannelWorld } from './channels-setup.ts';
import { clientError, raw, unique } from './harness.ts';

/** Permission schemes: CRUD, assignment to teams and channels, and what members then may do. */
describe('permission schemes', () => {
  let w: ChannelWorld;
  let townSquare: Channel;
  let otherTeam: Team;
  let otherTownSquare: Channel;

  const post = (who: 'alice' | 'bob', channel: Channel) =>
    w[who].client.createPost({ channel_id: channel.id, message: unique('msg') } as never);
  const postStatus = async (who: 'alice' | 'bob', channel: Channel) => {
    try {
      await post(who, channel);
      return 201;
    } catch (err) {
      return (err as { status_code: number }).status_code;
    }
  };

  before(async () => {
    w = await channelWorld();
    townSquare = await w.admin.client.getChannelByName(w.team.id, 'town-square');
    otherTeam = await w.admin.client.createTeam({
      name: unique('other'),
      display_name: 'Other',
      type: 'O',
    } as never);
    await addUserToTeam(w.server.parley.app, otherTeam.id, w.alice.user.id);
    otherTownSquare = await w.admin.client.getChannelByName(otherTeam.id, 'town-square');
  });
  after(() => w.server.close());

  test('POST /schemes creates a team scheme with copies of the six team and channel roles', async () => {
    const name = unique('team_scheme')
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_');
    const scheme = await w.admin.client.createScheme({
      name,
      display_name: 'Strict',
      description: 'no posting',
      scope: 'team',
    });
    assert.equal(scheme.id.length, 26);
    assert.equal(scheme.name, name);
    assert.equal(scheme.display_name, 'Strict');
    assert.equal(scheme.description, 'no posting');
    assert.equal(scheme.scope, 'team');
    assert.equal(scheme.delete_at, 0);
    assert.ok(scheme.create_at > 0 && scheme.update_at === scheme.create_at);
    assert.equal(scheme.default_playbook_admin_role, '');
    const roleKeys = [
      'default_team_admin_role',
      'default_team_user_role',
      'default_team_guest_role',
      'default_channel_admin_role',
      'default_channel_user_role',
      'default_channel_guest_role',
    ] as const;
    const names = roleKeys.map((k) => scheme[k]);
    assert.ok(names.every((n) => n.length === 26));
    const roles = await w.admin.client.getRolesByNames(names);
    assert.equal(roles.length, 6);
    assert.ok(roles.every((r) => r.scheme_managed && !r.built_in));
    const builtin = await w.admin.client.getRoleByName('channel_user');
    const copy = roles.find((r) => r.name === scheme.default_channel_user_role)!;
    assert.deepEqual([...copy.permissions].sort(), [...builtin.permissions].sort());
    assert.deepEqual(await w.admin.client.getScheme(scheme.id), scheme);
  });

  test('a channel scheme has only channel roles; its member role holds the moderated permissions', async () => {
    const scheme = await w.admin.client.createScheme({ display_name: 'Chan', scope: 'channel' });
    assert.equal(scheme.scope, 'channel');
    assert.equal(scheme.name.length, 26, 'a missing name is generated');
    assert.equal(scheme.default_team_user_role, '');
    const user = await w.admin.client.getRoleByName(scheme.default_channel_user_role);
    assert.deepEqual([...user.permissions].sort(), [
      'add_reaction',
      'create_post',
      'manage_private_channel_members',
      'manage_public_channel_members',
      'remove_reaction',
      'use_channel_mentions',
    ]);
    const admin = await w.admin.client.getRoleByName(scheme.default_channel_admin_role);
    assert.deepEqual(admin.permissions, []);
  });

  test('POST /schemes refuses non-admins and bad input', async () => {
    const forbidden = await clientError(() =>
      w.alice.client.createScheme({ display_name: 'X', scope: 'team' }),
    );
    assert.equal(forbidden.status_code, 403);
    for (const body of [
      { display_name: 'X', scope: 'playbook' },
      { display_name: 'X' },
      { display_name: '', scope: 'team' },
      { display_name: 'X', scope: 'team', name: 'Bad Name' },
      { display_name: 'X', scope: 'team', name: 'x' },
      { display_name: 'X'.repeat(129), scope: 'team' },
      { display_name: 7, scope: 'team' },
    ]) {
      const err = await clientError(() => w.admin.client.createScheme(body as never));
      assert.equal(err.status_code, 400, JSON.stringify(body));
    }
    const notObject = await raw(w.server, '/api/v4/schemes', {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.admin.token}`, 'Content-Type': 'application/json' },
      body: '[1]',
    });
    assert.equal(notObject.status, 400);
    const name = unique('dup')
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_');
    await w.admin.client.createScheme({ name, display_name: 'One', scope: 'team' });
    const dup = await clientError(() =>
      w.admin.client.createScheme({ name, display_name: 'Two', scope: 'team' }),
    );
    assert.equal(dup.status_code, 400);
    assert.equal(dup.server_error_id, 'app.scheme.save.invalid_scheme.app_error');
  });

  test('GET /schemes lists live schemes by scope, newest first, paged', async () => {
    const a = await w.admin.client.createScheme({ display_name: 'List A', scope: 'team' });
    await new Promise((r) => setTimeout(r, 5));
    const b = await w.admin.client.createScheme({ display_name: 'List B', scope: 'channel' });
    const teams = await w.admin.client.getSchemes('team', 0, 200);
    assert.ok(teams.some((s) => s.id === a.id));
    assert.ok(teams.every((s) => s.scope === 'team'));
    const channels = await w.admin.client.getSchemes('channel', 0, 200);
    assert.ok(channels.some((s) => s.id === b.id) && !channels.some((s) => s.id === a.id));
    const all = await w.admin.client.getSchemes('', 0, 200);
    assert.ok(all.findIndex((s) => s.id === b.id) < all.findIndex((s) => s.id === a.id));
    const page = await w.admin.client.getSchemes('', 0, 1);
    assert.equal(page.length, 1);
    assert.equal((await clientError(() => w.admin.client.getSchemes('bogus'))).status_code, 400);
    assert.equal((await clientError(() => w.alice.client.getSchemes())).status_code, 403);
  });

  test('GET, PUT patch and DELETE /schemes/{id} refuse unknown ids, bad ids and non-admins', async () => {
    const scheme = await w.admin.client.createScheme({ display_name: 'P', scope: 'team' });
    const missing = 'a'.repeat(26);
    assert.equal((await clientError(() => w.admin.client.getScheme(missing))).status_code, 404);
    assert.equal((await clientError(() => w.admin.client.getScheme('nope'))).status_code, 400);
    assert.equal((await clientError(() => w.admin.client.deleteScheme(missing))).status_code, 404);
    assert.equal(
      (await clientError(() => w.admin.client.patchScheme(missing, { display_name: 'Q' }))).status_code,
      404,
    );
    assert.equal((await clientError(() => w.alice.client.getScheme(scheme.id))).status_code, 403);
    assert.equal((await clientError(() => w.alice.client.deleteScheme(scheme.id))).status_code, 403);
    assert.equal(
      (await clientError(() => w.alice.client.patchScheme(scheme.id, { display_name: 'Q' }))).status_code,
      403,
    );
    assert.equal(
      (await clientError(() => w.admin.client.patchScheme(scheme.id, { name: 'Bad Name' }))).status_code,
      400,
    );
    assert.equal(
      (await clientError(() => w.admin.client.patchScheme(scheme.id, { display_name: 5 } as never)))
        .status_code,
      400,
    );
  });

  test('PUT /schemes/{id}/patch changes name, display name and description', async () => {
    const scheme = await w.admin.client.createScheme({ display_name: 'Before', scope: 'channel' });
    const name = unique('renamed')
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_');
    const patched = await w.admin.client.patchScheme(scheme.id, {
      name,
      display_name: 'After',
      description: 'changed',
    });
    assert.equal(patched.name, name);
    assert.equal(patched.display_name, 'After');
    assert.equal(patched.description, 'changed');
    assert.equal(patched.scope, 'channel');
    assert.equal(patched.default_channel_user_role, scheme.default_channel_user_role);
    assert.ok(patched.update_at >= scheme.update_at);
    const unchanged = await w.admin.client.patchScheme(scheme.id, { description: 'again' });
    assert.equal(unchanged.display_name, 'After');
  });

  test('a team scheme without create_post stops its members posting in that team only; clearing restores', async () => {
    assert.equal(await postStatus('alice', townSquare), 201);
    const scheme = await w.admin.client.createScheme({ display_name: 'Read only', scope: 'team' });
    const role = await w.admin.client.getRoleByName(scheme.default_channel_user_role);
    await w.admin.client.patchRole(role.id, {
      permissions: role.permissions.filter((p) => p !== 'create_post'),
    });

    const from = w.events.length;
    await w.admin.client.updateTeamScheme(w.team.id, scheme.id);
    const event = w.events.slice(from).find((e) => e.event === 'update_team_scheme');
    assert.ok(event, 'update_team_scheme is published');
    assert.equal(JSON.parse(String(event.data.team)).scheme_id, scheme.id);
    assert.equal((await w.admin.client.getTeam(w.team.id)).scheme_id, scheme.id);
    assert.deepEqual(
      (await w.admin.client.getSchemeTeams(scheme.id)).map((t) => t.id),
      [w.team.id],
    );

    assert.equal(await postStatus('alice', townSquare), 403);
    assert.equal(await postStatus('alice', otherTownSquare), 201, 'another team is unaffected');
    // A system admin's permissions do not come from the team scheme.
    await w.admin.client.createPost({ channel_id: townSquare.id, message: 'admin' } as never);

    await w.admin.client.updateTeamScheme(w.team.id, '');
    assert.equal((await w.admin.client.getTeam(w.team.id)).scheme_id, '');
    assert.equal(await postStatus('alice', townSquare), 201);
  });

  test('deleting a scheme in use returns its teams to the default roles', async () => {
    const scheme = await w.admin.client.createScheme({ display_name: 'Doomed', scope: 'team' });
    const role = await w.admin.client.getRoleByName(scheme.default_channel_user_role);
    await w.admin.client.patchRole(role.id, {
      permissions: role.permissions.filter((p) => p !== 'create_post'),
    });
    await w.admin.client.updateTeamScheme(w.team.id, scheme.id);
    assert.equal(await postStatus('bob', townSquare), 403);

    await w.admin.client.deleteScheme(scheme.id);
    assert.equal(await postStatus('bob', townSquare), 201);
    const deleted = await w.admin.client.getScheme(scheme.id);
    assert.ok(deleted.delete_at > 0);
    assert.equal((await w.admin.client.getTeam(w.team.id)).scheme_id, '');
    assert.ok(!(await w.admin.client.getSchemes('team', 0, 200)).some((s) => s.id === scheme.id));
    assert.equal((await clientError(() => w.admin.client.deleteScheme(scheme.id))).status_code, 404);
    assert.equal(
      (await clientError(() => w.admin.client.updateTeamScheme(w.team.id, scheme.id))).status_code,
      404,
    );
  });

  test('PUT /teams/{id}/scheme refuses non-admins, wrong scopes, unknown ids and bad bodies', async () => {
    const team = await w.admin.client.createScheme({ display_name: 'T', scope: 'team' });
    const channel = await w.admin.client.createScheme({ display_name: 'C', scope: 'channel' });
    assert.equal(
      (await clientError(() => w.alice.client.updateTeamScheme(w.team.id, team.id))).status_code,
      403,
    );
    const scope = await clientError(() => w.admin.client.updateTeamScheme(w.team.id, channel.id));
    assert.equal(scope.status_code, 400);
    assert.equal(scope.server_error_id, 'api.team.update_team_scheme.scheme_scope.error');
    assert.equal(
      (await clientError(() => w.admin.client.updateTeamScheme(w.team.id, 'b'.repeat(26)))).status_code,
      404,
    );
    assert.equal(
      (await clientError(() => w.admin.client.updateTeamScheme('c'.repeat(26), team.id))).status_code,
      404,
    );
    assert.equal(
      (await clientError(() => w.admin.client.updateTeamScheme(w.team.id, 'short'))).status_code,
      400,
    );
    const noId = await raw(w.server, `/api/v4/teams/${w.team.id}/scheme`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${w.admin.token}`, 'Content-Type': 'application/json' },
      body: '{"scheme_id":null}',
    });
    assert.equal(noId.status, 400);
    assert.equal((await w.admin.client.getTeam(w.team.id)).scheme_id, '');
    const wrong = await clientError(() => w.admin.client.getSchemeTeams(channel.id));
    assert.equal(wrong.status_code, 400);
    assert.equal((await clientError(() => w.admin.client.getSchemeChannels(team.id))).status_code, 400);
    assert.equal((await clientError(() => w.alice.client.getSchemeTeams(team.id))).status_code, 403);
    assert.equal((await clientError(() => w.admin.client.getSchemeTeams('d'.repeat(26)))).status_code, 404);
  });

  test('PUT /channels/{id}/scheme applies a channel scheme to that channel', async () => {
    const channel = await w.admin.client.createChannel({
      team_id: w.team.id,
      name: unique('schemed').toLowerCase(),
      display_name: 'Schemed',
      type: 'O',
    } as never);
    await w.admin.client.addToChannel(w.alice.user.id, channel.id);
    const scheme = await w.admin.client.createScheme({ display_name: 'Quiet', scope: 'channel' });
    const role = await w.admin.client.getRoleByName(scheme.default_channel_user_role);
    await w.admin.client.patchRole(role.id, {
      permissions: role.permissions.filter((p) => p !== 'create_post'),
    });
    assert.equal(await postStatus('alice', channel), 201);

    await w.admin.client.updateChannelScheme(channel.id, scheme.id);
    assert.equal((await w.admin.client.getChannel(channel.id)).scheme_id, scheme.id);
    assert.deepEqual(
      (await w.admin.client.getSchemeChannels(scheme.id)).map((c) => c.id),
      [channel.id],
    );
    assert.equal(await postStatus('alice', channel), 403);
    assert.equal(await postStatus('alice', townSquare), 201, 'other channels are unaffected');

    const teamScheme = await w.admin.client.createScheme({ display_name: 'TS', scope: 'team' });
    const scope = await clientError(() => w.admin.client.updateChannelScheme(channel.id, teamScheme.id));
    assert.equal(scope.status_code, 400);
    assert.equal(scope.server_error_id, 'api.channel.update_channel_scheme.scheme_scope.error');
    assert.equal(
      (await clientError(() => w.alice.client.updateChannelScheme(channel.id, scheme.id))).status_code,
      403,
    );
    assert.equal(
      (await clientError(() => w.admin.client.updateChannelScheme(channel.id, ''))).status_code,
      400,
    );
    assert.equal(
      (await clientError(() => w.admin.client.updateChannelScheme('e'.repeat(26), scheme.id))).status_code,
      404,
    );
    assert.equal((await clientError(() => w.alice.client.getSchemeChannels(scheme.id))).status_code, 403);

    await w.admin.client.deleteScheme(scheme.id);
    assert.equal(await postStatus('alice', channel), 201);
  });

  /** The stored roles, which @mattermost/types does not list on memberships. */
  const explicitRoles = (m: object) => (m as { explicit_roles?: string }).explicit_roles;

  test("members of a read-only channel show the channel scheme's role names; role updates accept them", async () => {
    const channel = await w.admin.client.createChannel({
      team_id: w.team.id,
      name: unique('readonly').toLowerCase(),
      display_name: 'Read only',
      type: 'O',
    } as never);
    await w.admin.client.addToChannel(w.alice.user.id, channel.id);
    await w.admin.client.addToChannel(w.bob.user.id, channel.id);
    await w.admin.client.patchChannelModerations(channel.id, [
      { name: 'create_post', roles: { members: false } },
    ]);
    const schemeId = (await w.admin.client.getChannel(channel.id)).scheme_id!;
    const scheme = await w.admin.client.getScheme(schemeId);
    const memberRole = scheme.default_channel_user_role;

    const me = await w.alice.client.getMyChannelMember(channel.id);
    assert.equal(me.roles, memberRole);
    assert.equal(me.scheme_user, true);
    assert.equal(explicitRoles(me), '');
    const [role] = await w.alice.client.getRolesByNames([memberRole]);
    assert.equal(role.name, memberRole);
    assert.ok(!role.permissions.includes('create_post'), 'the member role cannot post');
    const listed = await w.alice.client.getChannelMembers(channel.id);
    assert.equal(listed.find((m) => m.user_id === w.bob.user.id)?.roles, memberRole);
    const mine = await w.alice.client.getMyChannelMembers(w.team.id);
    assert.equal(mine.find((m) => m.channel_id === channel.id)?.roles, memberRole);
    const town = mine.find((m) => m.channel_id === townSquare.id);
    assert.equal(town?.roles, 'channel_user', 'channels without a scheme keep the built-in names');

    // The scheme's own role names set the scheme flags, as the built-in names do.
    const before = w.events.length;
    await w.admin.client.updateChannelMemberRoles(
      channel.id,
      w.bob.user.id,
      `${memberRole} ${scheme.default_channel_admin_role}`,
    );
    const bob = await w.bob.client.getMyChannelMember(channel.id);
    assert.equal(bob.scheme_admin, true);
    assert.equal(explicitRoles(bob), '');
    assert.equal(bob.roles, `${memberRole} ${scheme.default_channel_admin_role}`);
    const event = eventsNamed(w, 'channel_member_updated', before).find(
      (e) => JSON.parse(e.data.channelMember as string).user_id === w.bob.user.id,
    );
    assert.equal(JSON.parse(event!.data.channelMember as string).roles, bob.roles);
    await w.admin.client.updateChannelMemberRoles(channel.id, w.bob.user.id, 'channel_user');
    assert.equal((await w.bob.client.getMyChannelMember(channel.id)).roles, memberRole);

    const teamScheme = await w.admin.client.createScheme({ display_name: 'Other', scope: 'team' });
    const foreign = await clientError(() =>
      w.admin.client.updateChannelMemberRoles(
        channel.id,
        w.bob.user.id,
        teamScheme.default_channel_admin_role,
      ),
    );
    assert.equal(foreign.status_code, 400, "another scheme's role names are refused");
    assert.equal((await w.bob.client.getMyChannelMember(channel.id)).scheme_admin, false);
  });

  test('members of a team with a team scheme show its team and channel role names', async () => {
    const team = await w.admin.client.createTeam({
      name: unique('schemed-team').toLowerCase(),
      display_name: 'Schemed team',
      type: 'O',
    } as never);
    await addUserToTeam(w.server.parley.app, team.id, w.alice.user.id);
    await addUserToTeam(w.server.parley.app, team.id, w.bob.user.id);
    assert.equal((await w.alice.client.getTeamMember(team.id, w.alice.user.id)).roles, 'team_user');
    const scheme = await w.admin.client.createScheme({ display_name: 'Team roles', scope: 'team' });
    await w.admin.client.updateTeamScheme(team.id, scheme.id);

    const me = await w.alice.client.getTeamMember(team.id, w.alice.user.id);
    assert.equal(me.roles, scheme.default_team_user_role);
    assert.equal(me.scheme_user, true);
    const mine = await w.alice.client.getMyTeamMembers();
    assert.equal(mine.find((m) => m.team_id === team.id)?.roles, scheme.default_team_user_role);
    assert.equal(mine.find((m) => m.team_id === w.team.id)?.roles, 'team_user');
    const listed = await w.alice.client.getTeamMembers(team.id);
    assert.equal(listed.find((m) => m.user_id === w.bob.user.id)?.roles, scheme.default_team_user_role);
    const town = await w.alice.client.getChannelByName(team.id, 'town-square');
    const channelMember = await w.alice.client.getMyChannelMember(town.id);
    assert.equal(channelMember.roles, scheme.default_channel_user_role);

    await w.admin.client.updateTeamMemberRoles(
      team.id,
      w.bob.user.id,
      `${scheme.default_team_user_role} ${scheme.default_team_admin_role}` as never,
    );
    const bob = await w.bob.client.getTeamMember(team.id, w.bob.user.id);
    assert.equal(bob.scheme_admin, true);
    assert.equal(explicitRoles(bob), '');
    assert.equal(bob.roles, `${scheme.default_team_user_role} ${scheme.default_team_admin_role}`);
    const refused = await clientError(() =>
      w.admin.client.updateTeamMemberRoles(team.id, w.bob.user.id, scheme.default_channel_user_role as never),
    );
    assert.equal(refused.status_code, 400, 'a channel role of the scheme is not a team role');

    await w.admin.client.updateTeamScheme(team.id, '');
    assert.equal((await w.alice.client.getTeamMember(team.id, w.alice.user.id)).roles, 'team_user');
  });
});
