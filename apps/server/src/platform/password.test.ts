import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, verifyPassword } from './password.ts';

test('a hashed password verifies, a wrong one does not', async () => {
  const hash = await hashPassword('correct horse', 1000);
  assert.match(hash, /^\$pbkdf2\$f=SHA256,w=1000,l=32\$/);
  assert.equal(await verifyPassword('correct horse', hash), true);
  assert.equal(await verifyPassword('correct hors', hash), false);
});

test('two hashes of one password differ (random salt)', async () => {
  assert.notEqual(await hashPassword('pw-123456', 1000), await hashPassword('pw-123456', 1000));
});

test('garbage stored hashes never verify', async () => {
  assert.equal(await verifyPassword('x', ''), false);
  assert.equal(await verifyPassword('x', '$2a$10$abcdefghijklmnopqrstuv'), false);
  assert.equal(await verifyPassword('x', '$pbkdf2$f=SHA256,w=0,l=32$AAAA$AAAA'), false);
});
