import { test } from 'node:test';
import assert from 'node:assert/strict';
import { botProblem } from './policy.ts';

test('bot names follow the username rules; display name and description are bounded', () => {
  assert.equal(botProblem({ username: 'ci-bot', display_name: 'CI', description: 'builds' }), null);
  assert.equal(botProblem({ username: 'Bad Name' })?.id, 'model.bot.is_valid.username.app_error');
  assert.equal(botProblem({ username: 'all' })?.id, 'model.bot.is_valid.username.app_error');
  assert.ok(botProblem({ display_name: 'x'.repeat(65) }));
  assert.equal(botProblem({ description: 'x'.repeat(1025) })?.id, 'model.bot.is_valid.description.app_error');
  assert.equal(botProblem({}), null);
});
