import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  channelFieldsProblem,
  channelNameProblem,
  directChannelName,
  groupChannelName,
  groupDisplayName,
  isDefaultChannel,
  likeTerm,
  mergeNotifyProps,
  notifyPropsProblem,
  permissionFor,
} from './policy.ts';

test('channel names: 1 to 64 of [a-z0-9_-]', () => {
  assert.equal(channelNameProblem('a'), null);
  assert.equal(channelNameProblem('off_topic-2'), null);
  assert.notEqual(channelNameProblem(''), null);
  assert.notEqual(channelNameProblem('x'.repeat(65)), null);
  assert.notEqual(channelNameProblem('Upper'), null);
  assert.notEqual(channelNameProblem('sp ace'), null);
});

test('field limits count characters, not bytes', () => {
  assert.equal(channelFieldsProblem({ display_name: 'é'.repeat(64) }), null);
  assert.equal(
    channelFieldsProblem({ display_name: '  ' })?.[0],
    'model.channel.is_valid.display_name.app_error',
  );
  assert.equal(
    channelFieldsProblem({ header: 'h'.repeat(1025) })?.[0],
    'model.channel.is_valid.header.app_error',
  );
  assert.equal(
    channelFieldsProblem({ purpose: 'p'.repeat(251) })?.[0],
    'model.channel.is_valid.purpose.app_error',
  );
  assert.equal(channelFieldsProblem({}), null);
});

test('DM and GM names follow upstream', () => {
  assert.equal(directChannelName('b', 'a'), 'a__b');
  assert.equal(directChannelName('a', 'a'), 'a__a');
  // sha1('abc'), the ids concatenated after sorting.
  assert.equal(groupChannelName(['c', 'a', 'b']), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(groupDisplayName(['zed', 'amy']), 'amy, zed');
  assert.equal(groupDisplayName(['x'.repeat(40), 'y'.repeat(40)]).length, 64);
});

test('permissions by channel type and the default channel', () => {
  assert.equal(permissionFor('O', 'members'), 'manage_public_channel_members');
  assert.equal(permissionFor('P', 'properties'), 'manage_private_channel_properties');
  assert.equal(permissionFor('P', 'delete'), 'delete_private_channel');
  assert.equal(isDefaultChannel({ name: 'town-square', type: 'O' }), true);
  assert.equal(isDefaultChannel({ name: 'off-topic', type: 'O' }), false);
});

test('notify props merge string values and refuse unknown levels', () => {
  const merged = mergeNotifyProps({ desktop: 'default' }, { desktop: 'all', push: 1, channel_id: 'x' });
  assert.deepEqual(merged, { desktop: 'all' });
  assert.equal(notifyPropsProblem(merged), null);
  assert.equal(notifyPropsProblem({ mark_unread: 'never' }), 'mark_unread');
});

test('LIKE wildcards are escaped', () => {
  assert.equal(likeTerm('50%_a\\'), '50\\%\\_a\\\\');
});
