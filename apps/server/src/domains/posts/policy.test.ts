import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isJoinLeaveType,
  MAX_POST_RUNES,
  parseHashtags,
  postFieldsProblem,
  runeCount,
  withinEditTimeLimit,
} from './policy.ts';

test('hashtags are parsed as Mattermost does', () => {
  assert.equal(
    parseHashtags('hello #world and ##again, (#paren) #a #1abc #ok-tag.'),
    '#world #again #paren #ok-tag',
  );
  assert.equal(parseHashtags('no tags here'), '');
  assert.equal(parseHashtags('#été #日本'), '#été #日本');
});

test('message length counts runes, not UTF-16 units', () => {
  assert.equal(runeCount('😀😀'), 2);
  const emoji = '😀'.repeat(MAX_POST_RUNES);
  assert.equal(postFieldsProblem({ message: emoji, fileIds: [], props: {} }), null);
  assert.equal(
    postFieldsProblem({ message: emoji + 'x', fileIds: [], props: {} })?.[0],
    'model.post.is_valid.msg.app_error',
  );
  const ids = Array.from({ length: 11 }, (_, i) => String(i));
  assert.equal(
    postFieldsProblem({ message: '', fileIds: ids, props: {} })?.[0],
    'model.post.is_valid.file_ids.app_error',
  );
});

test('join/leave types do not count as messages', () => {
  assert.ok(isJoinLeaveType('system_join_channel'));
  assert.ok(isJoinLeaveType('system_remove_from_channel'));
  assert.ok(!isJoinLeaveType('system_header_change'));
  assert.ok(!isJoinLeaveType(''));
});

test('edit time limit', () => {
  assert.ok(withinEditTimeLimit(-1, 0, 10 ** 12));
  assert.ok(withinEditTimeLimit(60, 1000, 61000));
  assert.ok(!withinEditTimeLimit(60, 1000, 61001));
});
