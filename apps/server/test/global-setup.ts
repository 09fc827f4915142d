import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.ts';

/**
 * One PostgreSQL for the whole run: the system's (TEST_DATABASE_URL) or a fresh embedded one.
 * Every test server then creates its own database in it (see harness.ts).
 */
let embedded: EmbeddedDatabase | null = null;
let dir = '';

export async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) {
    process.env.PARLEY_TEST_ADMIN_DSN = process.env.TEST_DATABASE_URL;
    return;
  }
  dir = await mkdtemp(join(tmpdir(), 'parley-test-pg-'));
  // When tests run as root, PostgreSQL runs as the `postgres` user, who must be able to enter here.
  await chmod(dir, 0o755);
  embedded = await startEmbeddedPostgres(join(dir, 'db'), () => undefined);
  process.env.PARLEY_TEST_ADMIN_DSN = embedded.dataSource;
}

export async function globalTeardown() {
  await embedded?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}
