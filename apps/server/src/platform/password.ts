import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import bcrypt from 'bcryptjs';

const pbkdf2Async = promisify(pbkdf2);
const KEY_LENGTH = 32;

/**
 * PBKDF2-HMAC-SHA256 in the PHC form Mattermost 11 stores (`$pbkdf2$f=SHA256,w=N,l=32$salt$hash`),
 * so password hashes move between the two servers. node:crypto runs it on the libuv thread pool,
 * off the event loop.
 */
export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await pbkdf2Async(password, salt, iterations, KEY_LENGTH, 'sha256');
  return `$pbkdf2$f=SHA256,w=${iterations},l=${KEY_LENGTH}$${b64(salt)}$${b64(key)}`;
}

// Hashes written by Mattermost up to v10 (Go's bcrypt writes $2a$; other tools $2b$/$2y$).
const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

/**
 * True for a hash in an older scheme (bcrypt) that login should replace with a PBKDF2 one once the
 * password is known to be right.
 */
export function needsRehash(stored: string): boolean {
  return BCRYPT.test(stored);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  // bcryptjs is pure JS: its async compare yields to the event loop every 100 ms of work, so a
  // cost-10 check (~100 ms) holds the loop about once per user, and only until the hash is upgraded.
  if (BCRYPT.test(stored)) return bcrypt.compare(password, stored);
  const match = /^\$pbkdf2\$f=SHA256,w=(\d+),l=(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/.exec(
    stored,
  );
  if (!match) return false;
  const iterations = Number(match[1]);
  const expected = Buffer.from(match[4], 'base64');
  if (iterations < 1 || expected.length !== Number(match[2])) return false;
  const key = await pbkdf2Async(
    password,
    Buffer.from(match[3], 'base64'),
    iterations,
    expected.length,
    'sha256',
  );
  return timingSafeEqual(key, expected);
}

function b64(buf: Buffer): string {
  return buf.toString('base64').replace(/=+$/, '');
}
