import type { Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { TermsOfServiceTable } from '../../db/schema.ts';

export type TermsRow = Selectable<TermsOfServiceTable>;

/** A user's acceptance: the version and when it was accepted ('' and 0 when none). */
export interface AcceptanceRow {
  terms_of_service_id: string;
  terms_of_service_create_at: number;
}

export async function insertTerms(db: Db, row: TermsRow): Promise<void> {
  await db.insertInto('terms_of_service').values(row).execute();
}

/** The version in force: the newest one. */
export async function findLatestTerms(db: Db): Promise<TermsRow | undefined> {
  return db
    .selectFrom('terms_of_service')
    .selectAll()
    .orderBy('create_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findLatestTermsId(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('terms_of_service')
    .select('id')
    .orderBy('create_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function findTerms(db: Db, id: string): Promise<TermsRow | undefined> {
  return db.selectFrom('terms_of_service').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAcceptance(db: Db, userId: string): Promise<AcceptanceRow | undefined> {
  return db
    .selectFrom('users')
    .select(['terms_of_service_id', 'terms_of_service_create_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function setAcceptance(db: Db, userId: string, termsId: string, at: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ terms_of_service_id: termsId, terms_of_service_create_at: at })
    .where('id', '=', userId)
    .execute();
}

/** Forgets the user's acceptance only if it is of this version (Mattermost deletes that record). */
export async function clearAcceptance(db: Db, userId: string, termsId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ terms_of_service_id: '', terms_of_service_create_at: 0 })
    .where('id', '=', userId)
    .where('terms_of_service_id', '=', termsId)
    .execute();
}
