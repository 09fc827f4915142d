import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Preference } from './policy.ts';

/**
 * Every preference of a user. Clients load them all at start-up, so there is no paging; the bound
 * only protects the server from a pathological account.
 */
export async function listPreferences(db: Db, userId: string): Promise<Preference[]> {
  return db
    .selectFrom('preferences')
    .select(['user_id', 'category', 'name', 'value'])
    .where('user_id', '=', userId)
    .orderBy('category')
    .orderBy('name')
    .limit(100000)
    .execute();
}

export async function listCategory(db: Db, userId: string, category: string): Promise<Preference[]> {
  return db
    .selectFrom('preferences')
    .select(['user_id', 'category', 'name', 'value'])
    .where('user_id', '=', userId)
    .where('category', '=', category)
    .orderBy('name')
    .limit(100000)
    .execute();
}

export async function findPreference(
  db: Db,
  userId: string,
  category: string,
  name: string,
): Promise<Preference | undefined> {
  return db
    .selectFrom('preferences')
    .select(['user_id', 'category', 'name', 'value'])
    .where('user_id', '=', userId)
    .where('category', '=', category)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Inserts or replaces preferences in one statement (keys must be distinct within the list). */
export async function upsertPreferences(db: Db, rows: Preference[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('preferences')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['user_id', 'category', 'name']).doUpdateSet({ value: sql`excluded.value` }),
    )
    .execute();
}

/** Deletes a user's preferences by (category, name) in one statement. */
export async function deletePreferences(
  db: Db,
  userId: string,
  keys: { category: string; name: string }[],
): Promise<void> {
  if (keys.length === 0) return;
  const tuples = sql.join(keys.map((k) => sql`(${k.category}::varchar, ${k.name}::varchar)`));
  await sql`DELETE FROM preferences WHERE user_id = ${userId} AND (category, name) IN (${tuples})`.execute(
    db,
  );
}

/** Live posts among `ids` with their channels (saved-post preferences must name readable posts). */
export async function livePostChannels(db: Db, ids: string[]): Promise<{ id: string; channel_id: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('posts')
    .select(['id', 'channel_id'])
    .where('id', 'in', ids)
    .where('delete_at', '=', 0)
    .execute();
}
