import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { Client4 } from '@mattermost/client';
import { startParley, type RunningParley } from '../src/server.ts';
import { deepMerge } from '../src/config/merge.ts';
import { newId } from '../src/platform/ids.ts';

/**
 * A real Parley on 127.0.0.1 with a random port and a database of its own, driven through
 * @mattermost/client as the official clients do.
 */
export interface TestServer {
  parley: RunningParley;
  url: string;
  configPath: string;
  dataSource: string;
  /** A Client4 with no credentials yet. */
  client(): Client4;
  /** Creates a user through the API (the first one becomes system admin) and logs in as them. */
  newUser(
    fields?: Partial<{
      username: string;
      email: string;
      password: string;
      first_name: string;
      last_name: string;
    }>,
  ): Promise<LoggedIn>;
  /** As newUser, for a user created by the admin (works whatever the sign-up settings). */
  userByAdmin(
    admin: Client4,
    fields?: Partial<{ username: string; email: string; password: string }>,
  ): Promise<LoggedIn>;
  close(): Promise<void>;
  /**
   * Stops this Parley and starts a new one on the same database, config and port (so existing
   * clients keep working): what a process restart looks like to clients.
   */
  restart(): Promise<void>;
}

export interface LoggedIn {
  client: Client4;
  user: Awaited<ReturnType<Client4['getMe']>>;
  password: string;
  token: string;
}

function adminDsn(): string {
  const dsn = process.env.PARLEY_TEST_ADMIN_DSN;
  if (!dsn)
    throw new Error(
      'PARLEY_TEST_ADMIN_DSN is not set: run tests through `npm test` (it starts the database).',
    );
  return dsn;
}

export async function createTestDatabase(): Promise<{ dataSource: string; drop(): Promise<void> }> {
  const name = `parley_t_${newId()}`;
  const admin = new pg.Client({ connectionString: adminDsn() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminDsn());
  url.pathname = `/${name}`;
  return {
    dataSource: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminDsn() });
      await c.connect();
      try {
        // A role without pg_signal_backend cannot end an autovacuum worker that happens to be in
        // the database (42501); it finishes within moments, so try again rather than fail a test.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            return;
          } catch (err) {
            if ((err as { code?: string }).code !== '42501' || attempt === 20) throw err;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

let counter = 0;
export function unique(prefix = 'u'): string {
  counter += 1;
  return `${prefix}${newId().slice(0, 8)}${counter}`;
}

/**
 * `env` stands in for the process environment (MM_* overrides); the test runner's own environment
 * is never read, so a developer's shell cannot change a test.
 */
export async function startTestServer(
  config: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'parley-test-'));
  const configPath = join(dir, 'config.json');
  const fileConfig = deepMerge(
    {
      SqlSettings: { DataSource: database.dataSource },
      // Fast hashes keep the suite quick; the format and code path are the production ones.
      ParleySettings: { PasswordHashIterations: 1000 },
      LogSettings: { ConsoleLevel: 'ERROR' },
    },
    config,
  );
  await writeFile(configPath, JSON.stringify(fileConfig, null, 2));
  const launch = (port: number) =>
    startParley({
      configPath,
      env,
      listen: { host: '127.0.0.1', port },
      logger: pino({ level: process.env.PARLEY_TEST_LOG ?? 'error' }),
    });
  const parley = await launch(0);

  const client = () => {
    const c = new Client4();
    c.setUrl(parley.url);
    return c;
  };
  const login = async (username: string, password: string): Promise<LoggedIn> => {
    const c = client();
    const user = await c.login(username, password);
    return { client: c, user, password, token: c.getToken() };
  };
  const server: TestServer = {
    parley,
    url: parley.url,
    configPath,
    dataSource: database.dataSource,
    client,
    newUser: async (fields = {}) => {
      const username = fields.username ?? unique('user');
      const password = fields.password ?? 'password-123';
      await client().createUser(
        {
          username,
          email: fields.email ?? `${username}@example.com`,
          password,
          first_name: fields.first_name ?? '',
          last_name: fields.last_name ?? '',
        } as never,
        '',
        '',
      );
      return login(username, password);
    },
    userByAdmin: async (admin, fields = {}) => {
      const username = fields.username ?? unique('user');
      const password = fields.password ?? 'password-123';
      await admin.createUser(
        { username, email: fields.email ?? `${username}@example.com`, password } as never,
        '',
        '',
      );
      return login(username, password);
    },
    restart: async () => {
      await server.parley.close();
      server.parley = await launch(Number(new URL(server.url).port));
    },
    close: async () => {
      await server.parley.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Runs `fn` and returns the ClientError it throws (fails when it does not throw). */
export async function clientError(
  fn: () => Promise<unknown>,
): Promise<{ status_code: number; server_error_id: string; message: string }> {
  try {
    await fn();
  } catch (err) {
    return err as { status_code: number; server_error_id: string; message: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A raw fetch against the server, for what Client4 cannot express (bad JSON, cookies, headers). */
export async function raw(server: TestServer, path: string, init: RequestInit = {}) {
  const res = await fetch(server.url + path, init);
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, text, json: json as Record<string, unknown> };
}
