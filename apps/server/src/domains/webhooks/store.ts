import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { IncomingWebhooksTable, OutgoingWebhooksTable } from '../../db/schema.ts';

/** SQL for incoming and outgoing webhooks. Deleted hooks are kept (delete_at) and never listed. */

export type IncomingRow = Selectable<IncomingWebhooksTable>;
export type OutgoingRow = Selectable<OutgoingWebhooksTable>;

const jsonb = (value: unknown) => sql<string[]>`${JSON.stringify(value)}::jsonb`;

export async function insertIncoming(db: Db, row: Insertable<IncomingWebhooksTable>): Promise<IncomingRow> {
  return db.insertInto('incoming_webhooks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findIncoming(db: Db, id: string): Promise<IncomingRow | undefined> {
  return db
    .selectFrom('incoming_webhooks')
    .selectAll()
    .where('id', '=', id)
    .where('delete_at', '=', 0)
    .executeTakeFirst();
}

export interface IncomingFilter {
  teamId?: string;
  userId?: string;
  limit: number;
  offset: number;
}

export async function listIncoming(db: Db, f: IncomingFilter): Promise<IncomingRow[]> {
  let q = db.selectFrom('incoming_webhooks').selectAll().where('delete_at', '=', 0);
  if (f.teamId) q = q.where('team_id', '=', f.teamId);
  if (f.userId) q = q.where('user_id', '=', f.userId);
  return q.orderBy('create_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
}

export async function countIncoming(db: Db, f: Omit<IncomingFilter, 'limit' | 'offset'>): Promise<number> {
  let q = db
    .selectFrom('incoming_webhooks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('delete_at', '=', 0);
  if (f.teamId) q = q.where('team_id', '=', f.teamId);
  if (f.userId) q = q.where('user_id', '=', f.userId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function updateIncoming(
  db: Db,
  id: string,
  patch: Updateable<IncomingWebhooksTable>,
): Promise<IncomingRow | undefined> {
  return db
    .updateTable('incoming_webhooks')
    .set(patch)
    .where('id', '=', id)
    .where('delete_at', '=', 0)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteIncoming(db: Db, id: string, at: number): Promise<void> {
  await db
    .updateTable('incoming_webhooks')
    .set({ delete_at: at, update_at: at })
    .where('id', '=', id)
    .execute();
}

export async function touchIncoming(db: Db, id: string, at: number): Promise<void> {
  await db.updateTable('incoming_webhooks').set({ last_used: at }).where('id', '=', id).execute();
}

export type OutgoingInsert = Omit<Insertable<OutgoingWebhooksTable>, 'trigger_words' | 'callback_urls'> & {
  trigger_words: string[];
  callback_urls: string[];
};

export async function insertOutgoing(db: Db, row: OutgoingInsert): Promise<OutgoingRow> {
  return db
    .insertInto('outgoing_webhooks')
    .values({ ...row, trigger_words: jsonb(row.trigger_words), callback_urls: jsonb(row.callback_urls) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findOutgoing(db: Db, id: string): Promise<OutgoingRow | undefined> {
  return db
    .selectFrom('outgoing_webhooks')
    .selectAll()
    .where('id', '=', id)
    .where('delete_at', '=', 0)
    .executeTakeFirst();
}

export interface OutgoingFilter {
  teamId?: string;
  channelId?: string;
  creatorId?: string;
  limit: number;
  offset: number;
}

export async function listOutgoing(db: Db, f: OutgoingFilter): Promise<OutgoingRow[]> {
  let q = db.selectFrom('outgoing_webhooks').selectAll().where('delete_at', '=', 0);
  if (f.teamId) q = q.where('team_id', '=', f.teamId);
  if (f.channelId) q = q.where('channel_id', '=', f.channelId);
  if (f.creatorId) q = q.where('creator_id', '=', f.creatorId);
  return q.orderBy('create_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
}

export type OutgoingPatch = Omit<Updateable<OutgoingWebhooksTable>, 'trigger_words' | 'callback_urls'> & {
  trigger_words?: string[];
  callback_urls?: string[];
};

export async function updateOutgoing(
  db: Db,
  id: string,
  patch: OutgoingPatch,
): Promise<OutgoingRow | undefined> {
  const { trigger_words, callback_urls, ...rest } = patch;
  return db
    .updateTable('outgoing_webhooks')
    .set({
      ...rest,
      ...(trigger_words ? { trigger_words: jsonb(trigger_words) } : {}),
      ...(callback_urls ? { callback_urls: jsonb(callback_urls) } : {}),
    })
    .where('id', '=', id)
    .where('delete_at', '=', 0)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteOutgoing(db: Db, id: string, at: number): Promise<void> {
  await db
    .updateTable('outgoing_webhooks')
    .set({ delete_at: at, update_at: at })
    .where('id', '=', id)
    .execute();
}
