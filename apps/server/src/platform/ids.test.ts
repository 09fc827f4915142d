import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidId, newId } from './ids.ts';

test('newId makes 26-char lowercase ids that are unique', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const id = newId();
    assert.equal(id.length, 26);
    assert.ok(isValidId(id), id);
    seen.add(id);
  }
  assert.equal(seen.size, 1000);
});

test('isValidId rejects wrong lengths and characters', () => {
  assert.equal(isValidId('abc'), false);
  assert.equal(isValidId('A'.repeat(26)), false);
  assert.equal(isValidId('a'.repeat(25) + '-'), false);
  assert.equal(isValidId(42), false);
});
