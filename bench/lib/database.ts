import { chmod, mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startEmbeddedPostgres } from '../../apps/server/src/db/embedded.ts';

/**
 * The benchmark's database: DATABASE_URL when set, otherwise an embedded PostgreSQL kept in
 * BENCH_DB_DIR (default /tmp/parley-bench/db) so the seeded data set survives between runs.
 */
export interface BenchDatabase {
  dataSource: string;
  /** The postmaster's pid when the database is the embedded one (for its CPU and RSS). */
  postmasterPid?: number;
  stop(): Promise<void>;
}

export async function openBenchDatabase(log: (msg: string) => void): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) {
    return { dataSource: process.env.DATABASE_URL, stop: async () => {} };
  }
  const dir = resolve(process.env.BENCH_DB_DIR ?? '/tmp/parley-bench/db');
  const parent = resolve(dir, '..');
  await mkdir(parent, { recursive: true });
  // As root, PostgreSQL runs as `postgres`, which must be able to enter the folder.
  await chmod(parent, 0o755);
  const embedded = await startEmbeddedPostgres(dir, log);
  const pidFile = await readFile(resolve(dir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(pidFile.split('\n')[0]);
  return {
    dataSource: embedded.dataSource,
    postmasterPid: Number.isInteger(pid) && pid > 0 ? pid : undefined,
    stop: () => embedded.stop(),
  };
}
