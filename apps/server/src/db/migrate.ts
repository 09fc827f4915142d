import { Migrator, type Migration } from 'kysely';
import type { Db } from './connection.ts';
import * as m0001 from './migrations/0001_core.ts';
import * as m0050 from './migrations/0050_messaging.ts';
import * as m0100 from './migrations/0100_tokens_bots.ts';
import * as m0110 from './migrations/0110_webhooks.ts';
import * as m0120 from './migrations/0120_search.ts';
import * as m0130 from './migrations/0130_commands.ts';
import * as m0140 from './migrations/0140_security.ts';
import * as m0150 from './migrations/0150_files_emoji.ts';
import * as m0160 from './migrations/0160_oauth.ts';
import * as m0170 from './migrations/0170_notifications.ts';
import * as m0180 from './migrations/0180_file_search.ts';
import * as m0190 from './migrations/0190_schemes.ts';
import * as m0210 from './migrations/0210_terms_of_service.ts';

/** Forward-only, numbered migrations; each name sorts after the previous one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001,
  '0050_messaging': m0050,
  '0100_tokens_bots': m0100,
  '0110_webhooks': m0110,
  '0120_search': m0120,
  '0130_commands': m0130,
  '0140_security': m0140,
  '0150_files_emoji': m0150,
  '0160_oauth': m0160,
  '0170_notifications': m0170,
  '0180_file_search': m0180,
  '0190_schemes': m0190,
  '0210_terms_of_service': m0210,
};

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'parley_migrations',
    migrationLockTableName: 'parley_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`Database migration failed: ${(error as Error).message}`, { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
