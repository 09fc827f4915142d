import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../errors/app-error.ts';
import { lastPerKey, parsePreferenceList, preferenceProblem, sanitizePreference } from './policy.ts';

const user = 'a'.repeat(26);
const p = (category: string, name: string, value: string) => ({ user_id: user, category, name, value });

test('a body must be an array of objects with string fields; missing fields read as empty', () => {
  assert.deepEqual(parsePreferenceList([{ category: 'c' }]), [
    { user_id: '', category: 'c', name: '', value: '' },
  ]);
  for (const bad of [{}, 'x', [1], [null], [{ value: 1 }], [[]]]) {
    assert.throws(() => parsePreferenceList(bad), AppError);
  }
  assert.throws(() => parsePreferenceList([p('c', 'n', 'v'), p('c', 'n', 'v')], 1), AppError);
});

test('lengths are Mattermost’s: category 1–32 bytes, name ≤ 32 bytes, value ≤ 20000 runes', () => {
  assert.equal(preferenceProblem(p('c'.repeat(32), 'n'.repeat(32), '😀'.repeat(20000))), null);
  assert.equal(preferenceProblem(p('display_settings', '', 'v')), null);
  assert.equal(preferenceProblem(p('', 'n', 'v'))?.id, 'model.preference.is_valid.category.app_error');
  assert.equal(
    preferenceProblem(p('é'.repeat(17), 'n', 'v'))?.id,
    'model.preference.is_valid.category.app_error',
  );
  assert.equal(
    preferenceProblem(p('c', 'n'.repeat(33), 'v'))?.id,
    'model.preference.is_valid.name.app_error',
  );
  assert.equal(
    preferenceProblem(p('c', 'n', 'v'.repeat(20001)))?.id,
    'model.preference.is_valid.value.app_error',
  );
  assert.equal(
    preferenceProblem({ ...p('c', 'n', 'v'), user_id: 'me' })?.id,
    'model.preference.is_valid.id.app_error',
  );
});

test('themes must be JSON maps of strings; non-colour values become white', () => {
  assert.equal(preferenceProblem(p('theme', '', '[]'))?.id, 'model.preference.is_valid.theme.app_error');
  assert.equal(preferenceProblem(p('theme', '', '{"a":1}'))?.id, 'model.preference.is_valid.theme.app_error');
  const clean = sanitizePreference(p('theme', '', '{"type":"x","a":"#abc","b":"#abcdef","c":"url(x)"}'));
  assert.deepEqual(JSON.parse(clean.value), { type: 'x', a: '#abc', b: '#abcdef', c: '#ffffff' });
  assert.deepEqual(sanitizePreference(p('other', '', 'url(x)')), p('other', '', 'url(x)'));
});

test('limit_visible_dms_gms is a number from 1 to 40', () => {
  for (const ok of ['1', '40'])
    assert.equal(preferenceProblem(p('sidebar_settings', 'limit_visible_dms_gms', ok)), null);
  for (const bad of ['0', '41', 'x', '', '1.5']) {
    assert.ok(preferenceProblem(p('sidebar_settings', 'limit_visible_dms_gms', bad)));
  }
});

test('of several entries for one key the last is kept', () => {
  assert.deepEqual(lastPerKey([p('c', 'n', '1'), p('c', 'm', '2'), p('c', 'n', '3')]), [
    p('c', 'n', '3'),
    p('c', 'm', '2'),
  ]);
});
