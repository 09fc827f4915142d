import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { CommandsTable, CommandWebhooksTable } from '../../db/schema.ts';

/** SQL for custom slash commands and their response URLs. Deleted commands keep their row. */

export type CommandRow = Selectable<CommandsTable>;
export type CommandWebhookRow = Selectable<CommandWebhooksTable>;

export async function insertCommand(db: Db, row: Insertable<CommandsTable>): Promise<CommandRow> {
  return db.insertInto('commands').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCommand(db: Db, id: string): Promise<CommandRow | undefined> {
  return db
    .selectFrom('commands')
    .selectAll()
    .where('id', '=', id)
    .where('delete_at', '=', 0)
    .executeTakeFirst();
}

export async function findByTrigger(
  db: Db,
  teamId: string,
  trigger: string,
): Promise<CommandRow | undefined> {
  return db
    .selectFrom('commands')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('trigger', '=', trigger)
    .where('delete_at', '=', 0)
    .orderBy('create_at')
    .executeTakeFirst();
}

/** A team's live commands, of one creator when `creatorId` is given. */
export async function listTeamCommands(
  db: Db,
  teamId: string,
  limit: number,
  creatorId?: string,
): Promise<CommandRow[]> {
  let q = db.selectFrom('commands').selectAll().where('team_id', '=', teamId).where('delete_at', '=', 0);
  if (creatorId) q = q.where('creator_id', '=', creatorId);
  return q.orderBy('trigger').orderBy('id').limit(limit).execute();
}

export async function updateCommand(
  db: Db,
  id: string,
  patch: Updateable<CommandsTable>,
): Promise<CommandRow | undefined> {
  return db
    .updateTable('commands')
    .set(patch)
    .where('id', '=', id)
    .where('delete_at', '=', 0)
    .returningAll()
    .executeTakeFirst();
}

export async function insertCommandWebhook(db: Db, row: Insertable<CommandWebhooksTable>): Promise<void> {
  await db.insertInto('command_webhooks').values(row).execute();
}

/** A response URL still within its lifetime. */
export async function findCommandWebhook(
  db: Db,
  id: string,
  createdAfter: number,
): Promise<CommandWebhookRow | undefined> {
  return db
    .selectFrom('command_webhooks')
    .selectAll()
    .where('id', '=', id)
    .where('create_at', '>', createdAfter)
    .executeTakeFirst();
}

/** Counts one use, atomically, unless the URL is used up; false when it was. */
export async function useCommandWebhook(db: Db, id: string, maxUses: number): Promise<boolean> {
  const r = await db
    .updateTable('command_webhooks')
    .set((eb) => ({ use_count: eb('use_count', '+', 1) }))
    .where('id', '=', id)
    .where('use_count', '<', maxUses)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Expired response URLs, dropped as new ones are handed out. */
export async function deleteExpiredCommandWebhooks(db: Db, createdBefore: number): Promise<void> {
  await db.deleteFrom('command_webhooks').where('create_at', '<=', createdBefore).execute();
}
