import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

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

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
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
