import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.ts';
import { startParley, type RunningParley } from '../src/server.ts';

// This file runs its own PostgreSQL, so it can stop and restart it under a running server.
let dir: string;
let port: number;
let database: EmbeddedDatabase;
let parley: RunningParley;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-dbtest-'));
  await chmod(dir, 0o755);
  port = await freePort();
  database = await startEmbeddedPostgres(join(dir, 'db'), () => undefined, port);
  const configPath = join(dir, 'config.json');
  await writeFile(
    configPath,
    JSON.stringify({
      SqlSettings: { DataSource: database.dataSource },
      TeamSettings: { EnableOpenServer: true },
      ParleySettings: { PasswordHashIterations: 1000 },
    }),
  );
  parley = await startParley({
    configPath,
    env: {},
    listen: { host: '127.0.0.1', port: 0 },
    logger: pino({ level: 'silent' }),
  });
});

after(async () => {
  await parley?.close();
  await database?.stop();
  await rm(dir, { recursive: true, force: true });
});

const createUser = (username: string) =>
  fetch(`${parley.url}/api/v4/users`, {
    method: 'POST',
    body: JSON.stringify({ username, email: `${username}@example.com`, password: 'password-123' }),
  });

test('a lost database gives 503 with error JSON, and the server recovers when it returns', async () => {
  assert.equal((await createUser('before')).status, 201);
  await database.stop();

  const down = await createUser('during');
  assert.equal(down.status, 503);
  assert.equal(down.headers.get('content-type'), 'application/json');
  const body = (await down.json()) as { id: string; status_code: number };
  assert.equal(body.id, 'api.context.database_unavailable.app_error');
  assert.equal(body.status_code, 503);

  database = await startEmbeddedPostgres(join(dir, 'db'), () => undefined, port);
  let status = 0;
  for (let i = 0; i < 20 && status !== 201; i++) {
    status = (await createUser(`after${i}`)).status;
    if (status !== 201) await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(status, 201);
});

test('an unreachable database stops start-up with a message that says what to fix', async () => {
  const configPath = join(dir, 'bad.json');
  const closed = await freePort();
  await writeFile(
    configPath,
    JSON.stringify({ SqlSettings: { DataSource: `postgres://u:p@127.0.0.1:${closed}/x` } }),
  );
  await assert.rejects(
    startParley({
      configPath,
      env: {},
      listen: { host: '127.0.0.1', port: 0 },
      logger: pino({ level: 'silent' }),
    }),
    (err: Error) => {
      assert.match(err.message, new RegExp(`Cannot reach PostgreSQL at 127.0.0.1:${closed}/x`));
      assert.match(err.message, /SqlSettings.DataSource/);
      assert.doesNotMatch(err.message, /:p@/);
      return true;
    },
  );
});

test('a PostgreSQL left running by a killed server is stopped and the database starts again', async () => {
  const strayDir = join(dir, 'stray');
  await startEmbeddedPostgres(strayDir, () => undefined);
  // No stop(): as if the Node process had been killed with SIGKILL.
  const second = await startEmbeddedPostgres(strayDir, () => undefined);
  try {
    const client = new pg.Client({ connectionString: second.dataSource });
    await client.connect();
    const { rows } = await client.query('SELECT 1 AS ok');
    await client.end();
    assert.equal(rows[0].ok, 1);
  } finally {
    // `first` is not stopped: its PostgreSQL is gone, stopped by the second start.
    await second.stop();
  }
});
