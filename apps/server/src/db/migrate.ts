import { Migrator, type Migration } from 'kysely';
import type { Db } from './connection.ts';
import * as m0001 from './migrations/0001_core.ts';
import * as m0050 from './migrations/0050_messaging.ts';

/** Forward-only, numbered migrations; each name sorts after the previous one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001,
  '0050_messaging': m0050,
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
