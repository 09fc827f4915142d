import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';

/** True when at least one user account exists (the client config's NoAccounts is its negation). */
export async function anyUserExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function findSystemValue(db: Db, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('systems').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

/** Stores `value` under `name` unless another value is already there (first writer wins). */
export async function insertSystemValueIfMissing(db: Db, name: string, value: string): Promise<void> {
  await db
    .insertInto('systems')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** A round trip to the database, for the health check of GET /system/ping. */
export async function selectOne(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
