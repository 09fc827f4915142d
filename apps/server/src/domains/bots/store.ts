import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { BotsTable, UsersTable } from '../../db/schema.ts';

/** A bot with the profile fields it shares with its user (username, display name = first name). */
export interface BotRow {
  user_id: string;
  username: string;
  display_name: string;
  description: string;
  owner_id: string;
  last_icon_update: number;
  create_at: number;
  update_at: number;
  delete_at: number;
}

const BOT_COLUMNS = [
  'b.user_id',
  'u.username',
  'u.first_name as display_name',
  'b.description',
  'b.owner_id',
  'b.last_icon_update',
  'b.create_at',
  'b.update_at',
  'b.delete_at',
] as const;

function bots(db: Db) {
  return db.selectFrom('bots as b').innerJoin('users as u', 'u.id', 'b.user_id').select(BOT_COLUMNS);
}

export async function findBot(db: Db, userId: string): Promise<BotRow | undefined> {
  return bots(db).where('b.user_id', '=', userId).executeTakeFirst();
}

export interface BotListFilter {
  ownerId?: string;
  includeDeleted: boolean;
  /** Only bots whose owner is gone or deactivated. */
  onlyOrphaned: boolean;
  limit: number;
  offset: number;
}

export async function listBots(db: Db, f: BotListFilter): Promise<BotRow[]> {
  let q = bots(db).leftJoin('users as o', 'o.id', 'b.owner_id');
  if (f.ownerId) q = q.where('b.owner_id', '=', f.ownerId);
  if (!f.includeDeleted) q = q.where('b.delete_at', '=', 0);
  if (f.onlyOrphaned) q = q.where((eb) => eb.or([eb('o.id', 'is', null), eb('o.delete_at', '!=', 0)]));
  return q.orderBy('u.username').limit(f.limit).offset(f.offset).execute();
}

/** Creates the bot's user and its bot row together. */
export async function insertBotUser(
  db: Db,
  user: Insertable<UsersTable>,
  bot: Selectable<BotsTable>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values(user).execute();
    await trx.insertInto('bots').values(bot).execute();
  });
}

export interface BotProfileChange {
  username?: string;
  display_name?: string;
  description?: string;
}

/** Patches a bot: its user row carries the username and display name, both rows the description. */
export async function updateBotProfile(
  db: Db,
  userId: string,
  c: BotProfileChange,
  now: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        ...(c.username !== undefined ? { username: c.username } : {}),
        ...(c.display_name !== undefined ? { first_name: c.display_name } : {}),
        ...(c.description !== undefined ? { bot_description: c.description } : {}),
        update_at: now,
      })
      .where('id', '=', userId)
      .execute();
    await trx
      .updateTable('bots')
      .set({ ...(c.description !== undefined ? { description: c.description } : {}), update_at: now })
      .where('user_id', '=', userId)
      .execute();
  });
}

/** Disables (deleteAt > 0) or enables a bot and its user together. */
export async function setBotDeleteAt(db: Db, userId: string, deleteAt: number, now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ delete_at: deleteAt, update_at: now })
      .where('id', '=', userId)
      .execute();
    await trx
      .updateTable('bots')
      .set({ delete_at: deleteAt, update_at: now })
      .where('user_id', '=', userId)
      .execute();
  });
}

export async function setBotOwner(db: Db, userId: string, ownerId: string, now: number): Promise<void> {
  await db
    .updateTable('bots')
    .set({ owner_id: ownerId, update_at: now })
    .where('user_id', '=', userId)
    .execute();
}

/** Makes an existing user a bot owned by itself (POST /users/{id}/convert_to_bot). */
export async function markUserAsBot(db: Db, bot: Selectable<BotsTable>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ is_bot: true, bot_description: bot.description, update_at: bot.update_at })
      .where('id', '=', bot.user_id)
      .execute();
    await trx.insertInto('bots').values(bot).execute();
  });
}

export interface UserFromBotChange {
  email: string;
  password: string;
  username?: string;
  first_name?: string;
  last_name?: string;
  nickname?: string;
  position?: string;
  roles: string;
}

/** Turns a bot back into a user that signs in with a password (POST /bots/{id}/convert_to_user). */
export async function unmarkBot(db: Db, userId: string, c: UserFromBotChange, now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('bots').where('user_id', '=', userId).execute();
    await trx
      .updateTable('users')
      .set({
        ...c,
        is_bot: false,
        bot_description: '',
        email_verified: true,
        last_password_update: now,
        update_at: now,
      })
      .where('id', '=', userId)
      .execute();
  });
}
