import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';

// int8 columns hold millisecond timestamps and counters, all well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Db = Kysely<Database>;

export interface Connection {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connect(
  dataSource: string,
  maxConnections: number,
  onPoolError: (err: Error) => void,
): Connection {
  const pool = new pg.Pool({
    connectionString: normalizeDataSource(dataSource),
    max: maxConnections,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30000,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', onPoolError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}

/**
 * Mattermost DSNs carry Go driver options (`binary_parameters`, `connect_timeout`) that node-postgres
 * does not know; drop those so an existing Mattermost config.json works unchanged.
 */
export function normalizeDataSource(dataSource: string): string {
  let url: URL;
  try {
    url = new URL(dataSource);
  } catch {
    return dataSource;
  }
  url.searchParams.delete('binary_parameters');
  return url.toString();
}

/** Where a DSN points, without its password, for messages. */
export function describeDataSource(dataSource: string): string {
  try {
    const url = new URL(dataSource);
    return `${url.hostname}:${url.port || 5432}${url.pathname} as ${decodeURIComponent(url.username) || 'default user'}`;
  } catch {
    return 'the configured data source';
  }
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True when an error means the database cannot be reached (rather than a bad query). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    err.message,
  );
}
