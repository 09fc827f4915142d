import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { TokensTable } from '../../db/schema.ts';

export type TokenRow = Selectable<TokensTable>;

export async function insertToken(db: Db, row: Insertable<TokensTable>): Promise<void> {
  await db.insertInto('tokens').values(row).execute();
}

/** Removes and returns a token in one statement, so two concurrent uses cannot both succeed. */
export async function takeToken(db: Db, tokenHash: string, type: string): Promise<TokenRow | undefined> {
  return db
    .deleteFrom('tokens')
    .where('token_hash', '=', tokenHash)
    .where('type', '=', type)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteTokensOfUser(db: Db, userId: string, type: string): Promise<void> {
  await db.deleteFrom('tokens').where('user_id', '=', userId).where('type', '=', type).execute();
}
