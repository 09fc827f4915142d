import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildKeywords,
  mentionedUsers,
  parseMentions,
  stripCode,
  type MentionCandidate,
} from '../src/domains/posts/mentions.ts';

/** The pure mention parser: keywords, punctuation, code, channel-wide mentions, DMs and GMs. */

function candidate(userId: string, username: string, more: Partial<MentionCandidate> = {}): MentionCandidate {
  return { userId, username, firstName: '', userProps: {}, memberProps: {}, online: false, ...more };
}

const alice = candidate('a', 'alice', { firstName: 'Alice', userProps: { first_name: 'true' } });
const bob = candidate('b', 'bob', { userProps: { mention_keys: 'deploy, Release' }, online: true });
const carol = candidate('c', 'carol');
const all = [alice, bob, carol];

const ids = (message: string, allow = true) =>
  [...parseMentions(message, buildKeywords(all, allow)).userIds].sort();

describe('mention parser', () => {
  test('@username, case-insensitive, trailing punctuation ignored', () => {
    assert.deepEqual(ids('hi @BOB.'), ['b']);
    assert.deepEqual(ids('@carol: look, @alice!'), ['a', 'c']);
    assert.deepEqual(ids('@carol-'), ['c']);
    assert.deepEqual(ids('mail me@bob'), ['b']);
    assert.deepEqual(ids('@bobby and bob'), []);
  });

  test('first name only when asked for; mention keys as words', () => {
    assert.deepEqual(ids('Alice said'), ['a']);
    assert.deepEqual(ids('Carol said'), []);
    assert.deepEqual(ids('time to DEPLOY'), ['b']);
    assert.deepEqual(ids('a release, then redeploy'), ['b']);
    assert.deepEqual(ids('redeploy'), []);
  });

  test('code spans and blocks mention nobody', () => {
    assert.deepEqual(ids('`@bob` is a handle'), []);
    assert.deepEqual(ids('```\n@alice\n```\nafter @carol'), ['c']);
    assert.deepEqual(ids('text\n\n    @alice indented'), []);
    assert.equal(stripCode('a `b` c').includes('b'), false);
  });

  test('@channel/@all reach everyone allowed; @here only those online', () => {
    assert.deepEqual(ids('@channel'), ['a', 'b', 'c']);
    assert.deepEqual(ids('@ALL.'), ['a', 'b', 'c']);
    assert.deepEqual(ids('@here'), ['b']);
    assert.deepEqual(ids('@channel', false), []);
    const r = parseMentions('@here', buildKeywords(all, true));
    assert.equal(r.hereMentioned, true);
  });

  test('channel-wide mentions respect ignore_channel_mentions and the user channel prop', () => {
    const ignoring = [
      candidate('x', 'x', { memberProps: { ignore_channel_mentions: 'on' } }),
      candidate('y', 'y', { userProps: { channel: 'false' } }),
      candidate('z', 'z', {
        userProps: { channel: 'false' },
        memberProps: { ignore_channel_mentions: 'off' },
      }),
    ];
    const r = parseMentions('@channel', buildKeywords(ignoring, true));
    assert.deepEqual([...r.userIds], ['z']);
  });

  test('DMs and GMs mention every other member; authors never mention themselves', () => {
    const base = { message: 'hello', isSystem: false, allowChannelMentions: true, candidates: all };
    assert.deepEqual(mentionedUsers({ ...base, channelType: 'D', authorId: 'a', candidates: [alice, bob] }), [
      'b',
    ]);
    assert.deepEqual(mentionedUsers({ ...base, channelType: 'G', authorId: 'a' }), ['b', 'c']);
    assert.deepEqual(mentionedUsers({ ...base, channelType: 'O', authorId: 'a', message: '@alice @carol' }), [
      'c',
    ]);
    assert.deepEqual(
      mentionedUsers({ ...base, channelType: 'O', authorId: 'a', isSystem: true, message: '@bob' }),
      [],
    );
  });
});
