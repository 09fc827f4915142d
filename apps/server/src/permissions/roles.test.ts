import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelMemberRoles, parseMemberRoles, teamMemberRoles } from './roles.ts';

test('scheme flags become role names', () => {
  assert.equal(
    teamMemberRoles({ roles: '', scheme_guest: false, scheme_user: true, scheme_admin: true }),
    'team_user team_admin',
  );
  assert.equal(
    channelMemberRoles({ roles: '', scheme_guest: true, scheme_user: false, scheme_admin: false }),
    'channel_guest',
  );
});

test('client role strings split into scheme flags, foreign roles refused', () => {
  assert.deepEqual(parseMemberRoles('channel', 'channel_user channel_admin'), {
    roles: '',
    scheme_guest: false,
    scheme_user: true,
    scheme_admin: true,
  });
  assert.equal(parseMemberRoles('channel', 'team_admin'), null);
  assert.equal(parseMemberRoles('team', 'team_guest team_user'), null);
});

test("a scheme's role names set the scheme flags like the built-in names", () => {
  const scheme = { guest: 'sg', user: 'su', admin: 'sa' };
  assert.deepEqual(parseMemberRoles('channel', 'su sa', scheme), {
    roles: '',
    scheme_guest: false,
    scheme_user: true,
    scheme_admin: true,
  });
  assert.equal(parseMemberRoles('channel', 'su', null), null, 'unknown without the scheme');
  assert.equal(parseMemberRoles('team', 'sg su', scheme), null);
  assert.equal(
    channelMemberRoles({ roles: '', scheme_guest: false, scheme_user: true, scheme_admin: true }, scheme),
    'su sa',
  );
});
