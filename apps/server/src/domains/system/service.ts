import type { App, Session } from '../../app.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import * as store from './store.ts';

/** How long the ping's database check may take before the database counts as unhealthy. */
const DB_CHECK_TIMEOUT_MS = 2000;

export type PingStatus = 'OK' | 'UNHEALTHY';

export interface PingResult {
  healthy: boolean;
  body: Record<string, unknown>;
}

/**
 * GET /system/ping (Mattermost's getSystemPing). With `get_server_status` it also checks the
 * database; Parley's file store is the local disk or S3 checked elsewhere, so it reports "OK".
 */
export async function ping(
  app: App,
  session: Session | null,
  withServerStatus: boolean,
): Promise<PingResult> {
  const body: Record<string, unknown> = {
    status: 'OK',
    AndroidLatestVersion: '',
    AndroidMinVersion: '',
    IosLatestVersion: '',
    IosMinVersion: '',
  };
  let healthy = true;
  if (withServerStatus) {
    const dbOk = await databaseAnswers(app);
    body.database_status = dbOk ? 'OK' : 'UNHEALTHY';
    body.filestore_status = 'OK';
    if (!dbOk) {
      healthy = false;
      body.status = 'UNHEALTHY';
    }
    if (session && hasPermissionToSystem(app, session, 'manage_system')) {
      body.root_status = process.getuid?.() === 0;
    }
  }
  // Parley searches with PostgreSQL; "database" is the value Mattermost reports for that backend.
  body.ActiveSearchBackend = 'database';
  return { healthy, body };
}

async function databaseAnswers(app: App): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), DB_CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      store.selectOne(app.db).then(
        () => true,
        (err: unknown) => {
          app.log.warn({ err }, 'ping: database check failed');
          return false;
        },
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** IANA zone names the runtime knows, for GET /system/timezones. */
export function supportedTimezones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}
