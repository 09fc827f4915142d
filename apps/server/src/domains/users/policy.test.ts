import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emailDomainAllowed, emailProblem, initialsOf, passwordProblem, usernameProblem } from './policy.ts';
import { defaultConfig } from '../../config/defaults.ts';

test('usernames follow Mattermost rules', () => {
  assert.equal(usernameProblem('alice'), null);
  assert.equal(usernameProblem('a.b-c_d1'), null);
  assert.ok(usernameProblem('al'));
  assert.ok(usernameProblem('1alice'));
  assert.ok(usernameProblem('Alice'));
  assert.ok(usernameProblem('all'));
  assert.ok(usernameProblem('x'.repeat(23)));
});

test('emails need a local part and a dotted domain', () => {
  assert.equal(emailProblem('a@example.com'), null);
  assert.ok(emailProblem('a@example'));
  assert.ok(emailProblem('not an email'));
});

test('password rules follow PasswordSettings', () => {
  const settings = { ...defaultConfig().PasswordSettings, Uppercase: true, Number: true };
  assert.equal(passwordProblem('Passw0rdX', settings), null);
  assert.match(passwordProblem('password', settings) ?? '', /uppercase letter, a number/);
  assert.match(passwordProblem('Sh0rt', settings) ?? '', /at least 8 characters/);
  assert.ok(passwordProblem('A1' + 'x'.repeat(80), settings));
});

test('allowed domains accept listed domains only', () => {
  assert.equal(emailDomainAllowed('a@corp.com', ''), true);
  assert.equal(emailDomainAllowed('a@corp.com', 'corp.com, other.org'), true);
  assert.equal(emailDomainAllowed('a@evil.com', 'corp.com other.org'), false);
});

test('initials come from the names, else the username', () => {
  assert.equal(initialsOf({ first_name: 'ada', last_name: 'lovelace', username: 'x' }), 'AL');
  assert.equal(initialsOf({ first_name: '', last_name: '', username: 'bob' }), 'B');
});
