import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { App } from './app.ts';
import { ConfigStore } from './config/store.ts';
import { connect, describeDataSource, type Connection } from './db/connection.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildHttpServer } from './http/server.ts';
import { RoleCatalog } from './permissions/catalog.ts';
import { LocalEventBus } from './realtime/bus.ts';
import { Hub } from './realtime/hub.ts';
import { allRoutes } from './routes.ts';
import { SERVER_VERSION } from './version.ts';
import { withLogRing } from './domains/audit/log-ring.ts';
import { startNotificationWorker } from './domains/notifications/worker.ts';
import { watchGuestAccounts } from './domains/guests/lifecycle.ts';

/**
 * Connections for the websocket hub's membership reads (short queries; reads for a channel that
 * wait for a connection are shared, see realtime/member-reader.ts).
 */
const HUB_POOL_SIZE = 16;

export interface ParleyOptions {
  /** Path of config.json (created with defaults when missing). */
  configPath: string;
  env?: NodeJS.ProcessEnv;
  /** Overrides ServiceSettings.ListenAddress (tests listen on 127.0.0.1:0). */
  listen?: { host: string; port: number };
  logger?: Logger;
}

export interface RunningParley {
  app: App;
  http: FastifyInstance;
  /** Base URL, e.g. http://127.0.0.1:8065 */
  url: string;
  close(): Promise<void>;
}

export async function startParley(options: ParleyOptions): Promise<RunningParley> {
  const config = await ConfigStore.open(options.configPath, options.env ?? process.env);
  // Every line also goes to an in-memory ring that GET /logs reads.
  const log = withLogRing(options.logger, config.get().LogSettings.ConsoleLevel.toLowerCase());

  let embedded: EmbeddedDatabase | null = null;
  let dataSource = config.get().SqlSettings.DataSource;
  if (!dataSource) {
    embedded = await startEmbeddedPostgres(
      resolve(config.get().ParleySettings.EmbeddedDatabaseDirectory),
      (m) => log.info(m),
    );
    dataSource = embedded.dataSource;
  }

  let connection: Connection | null = null;
  let hubConnection: Connection | null = null;
  try {
    connection = connect(dataSource, Math.min(config.get().SqlSettings.MaxOpenConns, 50), (err) =>
      log.warn({ err: err.message }, 'database connection lost'),
    );
    await checkReachable(connection, dataSource, embedded !== null);
    const applied = await migrateToLatest(connection.db);
    if (applied.length) log.info({ migrations: applied }, 'database migrated');

    const roles = new RoleCatalog(connection.db);
    await roles.load();
    const app: App = {
      config,
      db: connection.db,
      events: new LocalEventBus(),
      roles,
      log,
      version: SERVER_VERSION,
    };
    const http = await buildHttpServer(app, allRoutes);
    // The hub reads channel membership for every event it delivers. Those reads get connections of
    // their own: in the shared pool they queued behind request traffic (under a posting burst the
    // pool was exhausted and deliveries trailed the POST responses by seconds).
    hubConnection = connect(dataSource, HUB_POOL_SIZE, (err) =>
      log.warn({ err: err.message }, 'database connection lost'),
    );
    const hub = new Hub(app, hubConnection.db, HUB_POOL_SIZE);
    http.server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
    // Mails due email digests; stopped before the database closes.
    const notifications = startNotificationWorker(app);
    // Turning guest accounts off deactivates the guests.
    const stopWatchingGuests = watchGuestAccounts(app);
    const { host, port } = options.listen ?? parseListenAddress(config.get().ServiceSettings.ListenAddress);
    await http.listen({ host, port });
    const address = http.server.address();
    const boundPort = typeof address === 'object' && address ? address.port : port;
    const url = `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${boundPort}`;
    log.info(
      { url, database: embedded ? 'embedded' : describeDataSource(dataSource) },
      'Parley is listening',
    );

    const conn = connection;
    const hubConn = hubConnection;
    let closing: Promise<void> | null = null;
    return {
      app,
      http,
      url,
      close: () =>
        (closing ??= (async () => {
          // Connections that finish a request after close() began stay open as keep-alive until
          // their timeout; closing idle ones as they appear lets shutdown end as soon as work is done.
          const sweep = setInterval(() => http.server.closeIdleConnections(), 50);
          try {
            // Sockets first: an open websocket would keep the HTTP server from closing.
            await hub.close();
            await http.close();
          } finally {
            clearInterval(sweep);
          }
          stopWatchingGuests();
          await notifications.stop();
          await conn.close();
          await hubConn.close();
          await embedded?.stop();
        })()),
    };
  } catch (err) {
    await connection?.close().catch(() => undefined);
    await hubConnection?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
}

async function checkReachable(connection: Connection, dataSource: string, embedded: boolean): Promise<void> {
  try {
    await connection.pool.query('SELECT 1');
  } catch (err) {
    const reason = (err as Error).message;
    throw new Error(
      `Cannot reach PostgreSQL at ${describeDataSource(dataSource)}: ${reason}.\n` +
        (embedded
          ? 'The embedded database started but refused the connection; check ./data/db and its logs.'
          : 'Check that the server is running and that SqlSettings.DataSource (config.json), MM_SQLSETTINGS_DATASOURCE or DATABASE_URL is right, ' +
            'or leave all three empty to use the embedded PostgreSQL.'),
      { cause: err },
    );
  }
}

/** Mattermost's ListenAddress form: ":8065", "127.0.0.1:8065", "[::1]:8065". */
export function parseListenAddress(address: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(address.trim());
  if (!match)
    throw new Error(`ServiceSettings.ListenAddress "${address}" must look like ":8065" or "127.0.0.1:8065".`);
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port: Number(match[3]) };
}
