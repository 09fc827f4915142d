import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { AuditsTable } from '../../db/schema.ts';

export type AuditRow = Selectable<AuditsTable>;

export async function insertAudit(db: Db, row: Insertable<AuditsTable>): Promise<void> {
  await db.insertInto('audits').values(row).execute();
}

/** Newest first; one user's records, or everyone's when userId is null. */
export async function listAudits(
  db: Db,
  userId: string | null,
  offset: number,
  limit: number,
): Promise<AuditRow[]> {
  let q = db.selectFrom('audits').selectAll();
  if (userId !== null) q = q.where('user_id', '=', userId);
  return q.orderBy('create_at', 'desc').orderBy('id', 'desc').offset(offset).limit(limit).execute();
}
