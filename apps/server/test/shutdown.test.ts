import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { freePort } from '../src/db/embedded.ts';
import { createTestDatabase } from './harness.ts';

// Runs the real entry point (`npm start`'s src/main.ts) as its own process and stops it with SIGTERM.
test('SIGTERM: a request in flight still completes, then the server stops and exits 0', async () => {
  const database = await createTestDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'parley-shutdown-'));
  const port = await freePort();
  const configPath = join(dir, 'config.json');
  await writeFile(
    configPath,
    JSON.stringify({
      ServiceSettings: { ListenAddress: `127.0.0.1:${port}` },
      SqlSettings: { DataSource: database.dataSource },
      // A slow password hash keeps the sign-up request busy long enough to send SIGTERM meanwhile.
      ParleySettings: { PasswordHashIterations: 3_000_000 },
    }),
  );
  const child = spawn(process.execPath, [join(import.meta.dirname, '../src/main.ts')], {
    env: { ...process.env, MM_CONFIG: configPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    for (let i = 0; i < 100 && !output.includes('Parley is listening'); i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.match(output, /Parley is listening/);

    const inFlight = fetch(`http://127.0.0.1:${port}/api/v4/users`, {
      method: 'POST',
      body: JSON.stringify({ username: 'slow', email: 'slow@example.com', password: 'password-123' }),
    });
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGTERM');
    const response = await inFlight.catch((err) => {
      throw new Error(`in-flight request failed; server said:\n${output}`, { cause: err });
    });
    assert.equal(response.status, 201);
    assert.equal(((await response.json()) as { username: string }).username, 'slow');

    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.match(output, /shutting down/);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/api/v4/system/ping`));
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
});
