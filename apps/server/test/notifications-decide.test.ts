import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decide,
  emailAllowed,
  pushPropsAllow,
  pushStatusAllows,
  type NotifySettings,
  type PostFacts,
  type RecipientFacts,
} from '../src/domains/notifications/decide.ts';
import { pushText, splitDeviceId } from '../src/domains/notifications/push.ts';
import { intervalSeconds } from '../src/domains/notifications/email.ts';

/** The decision table of Mattermost's notification rules, without a server. */

const ON: NotifySettings = {
  sendEmail: true,
  sendPush: true,
  requireEmailVerification: false,
  collapsedThreads: true,
};

function person(over: Partial<RecipientFacts> = {}): RecipientFacts {
  return {
    userId: 'bob',
    isBot: false,
    deleted: false,
    emailVerified: true,
    userProps: { email: 'true', push: 'mention', push_status: 'away' },
    memberProps: { email: 'default', push: 'default', mark_unread: 'all' },
    status: 'offline',
    ...over,
  };
}

const POST: PostFacts = { authorId: 'alice', rootId: '', type: '', channelType: 'O', channelArchived: false };

describe('email decisions', () => {
  const cases: [string, Partial<RecipientFacts>, Partial<PostFacts>, boolean][] = [
    ['offline, account on', {}, {}, true],
    ['away', { status: 'away' }, {}, true],
    ['online', { status: 'online' }, {}, false],
    ['do not disturb', { status: 'dnd' }, {}, false],
    ['account off', { userProps: { email: 'false' } }, {}, false],
    ['channel "none" beats the account', { memberProps: { email: 'none' } }, {}, false],
    [
      'channel "all" beats an account that is off',
      { userProps: { email: 'false' }, memberProps: { email: 'all' } },
      {},
      true,
    ],
    ['channel muted', { memberProps: { mark_unread: 'mention' } }, {}, false],
    ['bot', { isBot: true }, {}, false],
    ['deactivated', { deleted: true }, {}, false],
    [
      'reply with collapsed threads ignores the channel prop',
      { memberProps: { email: 'none' } },
      { rootId: 'root' },
      true,
    ],
    ['auto-responder post', {}, { type: 'system_auto_responder' }, false],
  ];
  for (const [name, r, p, expected] of cases) {
    test(name, () => assert.equal(emailAllowed(person(r), { ...POST, ...p }, ON), expected));
  }

  test('unverified addresses only when verification is not required', () => {
    const r = person({ emailVerified: false });
    assert.equal(emailAllowed(r, POST, ON), true);
    assert.equal(emailAllowed(r, POST, { ...ON, requireEmailVerification: true }), false);
  });
});

describe('push decisions', () => {
  test('notify props: account level, channel override, mute, system posts, group messages', () => {
    assert.equal(pushPropsAllow(person(), POST, true), true);
    assert.equal(pushPropsAllow(person(), POST, false), false);
    assert.equal(pushPropsAllow(person({ userProps: { push: 'all' } }), POST, false), true);
    assert.equal(pushPropsAllow(person({ userProps: { push: 'none' } }), POST, true), false);
    assert.equal(pushPropsAllow(person({ memberProps: { push: 'all' } }), POST, false), true);
    assert.equal(pushPropsAllow(person({ memberProps: { push: 'none' } }), POST, true), false);
    assert.equal(pushPropsAllow(person({ memberProps: { push: 'mention' } }), POST, false), false);
    // Muting silences pushes, mentions included (upstream's DoesNotifyPropsAllowPushNotification).
    assert.equal(pushPropsAllow(person({ memberProps: { mark_unread: 'mention' } }), POST, true), false);
    assert.equal(pushPropsAllow(person(), { ...POST, type: 'system_join_channel' }, true), false);
    assert.equal(pushPropsAllow(person(), { ...POST, channelType: 'G' }, false), true);
  });

  test('status: push_status online/away/offline; DND never', () => {
    const at = (status: string, push_status?: string) =>
      pushStatusAllows(person({ status, userProps: push_status ? { push_status } : {} }));
    assert.equal(at('online', 'online'), true);
    assert.equal(at('online'), true);
    assert.equal(at('online', 'away'), false);
    assert.equal(at('away', 'away'), true);
    assert.equal(at('offline', 'away'), true);
    assert.equal(at('away', 'offline'), false);
    assert.equal(at('offline', 'offline'), true);
    assert.equal(at('dnd', 'online'), false);
    assert.equal(at('ooo', 'online'), false);
  });
});

describe('decide', () => {
  const bob = person();
  const carol = person({
    userId: 'carol',
    userProps: { push: 'all', push_status: 'online' },
    status: 'online',
  });
  const author = person({ userId: 'alice' });

  test('mentioned get email and push; push-all members get push; never the author', () => {
    const d = decide(POST, [bob, carol, author], new Set(['bob', 'alice']), ON);
    assert.deepEqual(d.email, ['bob']);
    assert.deepEqual(d.push, [
      { userId: 'bob', mentioned: true },
      { userId: 'carol', mentioned: false },
    ]);
  });

  test('nothing for system posts, archived channels, or when the server sends nothing', () => {
    const none = { email: [], push: [] };
    assert.deepEqual(decide({ ...POST, type: 'system_header_change' }, [bob], new Set(['bob']), ON), none);
    assert.deepEqual(decide({ ...POST, channelArchived: true }, [bob], new Set(['bob']), ON), none);
    assert.deepEqual(
      decide(POST, [bob, carol], new Set(['bob']), { ...ON, sendEmail: false, sendPush: false }),
      none,
    );
  });

  test('a non-mentioned reply reaches push-all members only without collapsed threads', () => {
    const reply = { ...POST, rootId: 'root' };
    assert.deepEqual(decide(reply, [carol], new Set(), ON).push, []);
    assert.deepEqual(decide(reply, [carol], new Set(), { ...ON, collapsedThreads: false }).push, [
      { userId: 'carol', mentioned: false },
    ]);
  });

  test('thread followers hear of replies when they want every reply (collapsed threads only)', () => {
    const reply = { ...POST, rootId: 'root' };
    const follower = person({ followsThread: true });
    assert.deepEqual(decide(reply, [follower], new Set(), ON), {
      email: ['bob'],
      push: [{ userId: 'bob', mentioned: false }],
    });
    // Not for a root post, not for someone who does not follow, not without collapsed threads.
    assert.deepEqual(decide(POST, [follower], new Set(), ON), { email: [], push: [] });
    assert.deepEqual(decide(reply, [person()], new Set(), ON), { email: [], push: [] });
    assert.deepEqual(decide(reply, [follower], new Set(), { ...ON, collapsedThreads: false }), {
      email: [],
      push: [],
    });
    // "mention" on the account (or on the channel, which wins) asks for mentions only.
    const mentionsOnly = person({
      followsThread: true,
      userProps: { ...follower.userProps, email_threads: 'mention', push_threads: 'mention' },
    });
    assert.deepEqual(decide(reply, [mentionsOnly], new Set(), ON), { email: [], push: [] });
    const channelOff = person({
      followsThread: true,
      memberProps: { ...follower.memberProps, push_threads: 'mention' },
    });
    assert.deepEqual(decide(reply, [channelOff], new Set(), ON).push, []);
    // Push "none" on the account, a muted channel, or DND silence it as for any post.
    const never = person({ followsThread: true, userProps: { ...follower.userProps, push: 'none' } });
    assert.deepEqual(decide(reply, [never], new Set(), ON).push, []);
    const muted = person({
      followsThread: true,
      memberProps: { ...follower.memberProps, mark_unread: 'mention' },
    });
    assert.deepEqual(decide(reply, [muted], new Set(), ON), { email: [], push: [] });
    assert.deepEqual(decide(reply, [person({ followsThread: true, status: 'dnd' })], new Set(), ON), {
      email: [],
      push: [],
    });
  });

  test('DND and online users get no email; DND no push', () => {
    const dnd = person({ status: 'dnd' });
    assert.deepEqual(decide(POST, [dnd], new Set(['bob']), ON), { email: [], push: [] });
  });
});

describe('push texts and device ids', () => {
  const p = { message: 'hello @bob', hasFiles: false, channelType: 'O', senderName: 'alice' };
  test('full, generic and DM texts', () => {
    assert.equal(pushText('full', p, true), 'alice: hello @bob');
    assert.equal(pushText('full', { ...p, channelType: 'D' }, true), 'hello @bob');
    assert.equal(pushText('generic', p, true), 'alice mentioned you.');
    assert.equal(pushText('generic', p, false), 'alice posted a message.');
    assert.equal(pushText('generic', { ...p, message: 'hi @channel' }, false), 'alice notified the channel.');
    assert.equal(pushText('generic_no_channel', { ...p, channelType: 'D' }, true), 'sent you a message.');
    assert.equal(pushText('full', { ...p, message: '', hasFiles: true }, false), 'alice attached a file.');
  });

  test('device ids split at the first colon', () => {
    assert.deepEqual(splitDeviceId('apple_rn-v2:abc:def'), { platform: 'apple_rn-v2', token: 'abc:def' });
    assert.equal(splitDeviceId('nocolon'), null);
    assert.equal(splitDeviceId(':x'), null);
  });

  test('email intervals: seconds, fifteen minutes by default', () => {
    assert.equal(intervalSeconds('3600'), 3600);
    assert.equal(intervalSeconds(undefined), 900);
    assert.equal(intervalSeconds('soon'), 900);
  });
});
