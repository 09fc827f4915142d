import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { EmojiTable } from '../../db/schema.ts';
import { teamMemberRoles } from '../../permissions/roles.ts';

/** SQL for custom emoji. */

export type EmojiRow = Selectable<EmojiTable>;

export async function insertEmoji(db: Db, row: Insertable<EmojiTable>): Promise<void> {
  await db.insertInto('emoji').values(row).execute();
}

export async function findEmoji(db: Db, id: string): Promise<EmojiRow | undefined> {
  return db
    .selectFrom('emoji')
    .selectAll()
    .where('id', '=', id)
    .where('delete_at', '=', 0)
    .executeTakeFirst();
}

export async function findEmojiByName(db: Db, name: string): Promise<EmojiRow | undefined> {
  return db
    .selectFrom('emoji')
    .selectAll()
    .where('name', '=', name)
    .where('delete_at', '=', 0)
    .executeTakeFirst();
}

export async function findEmojiByNames(db: Db, names: readonly string[]): Promise<EmojiRow[]> {
  if (names.length === 0) return [];
  return db
    .selectFrom('emoji')
    .selectAll()
    .where('name', 'in', names)
    .where('delete_at', '=', 0)
    .limit(names.length)
    .execute();
}

export async function listEmoji(
  db: Db,
  sort: 'name' | 'create_at',
  offset: number,
  limit: number,
): Promise<EmojiRow[]> {
  return db
    .selectFrom('emoji')
    .selectAll()
    .where('delete_at', '=', 0)
    .orderBy(sort === 'name' ? 'name' : 'create_at')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Live emoji whose name starts with (or, unless prefixOnly, contains) `term`, by name. */
export async function searchEmoji(
  db: Db,
  term: string,
  prefixOnly: boolean,
  limit: number,
): Promise<EmojiRow[]> {
  const pattern = `${prefixOnly ? '' : '%'}${escapeLike(term.toLowerCase())}%`;
  return db
    .selectFrom('emoji')
    .selectAll()
    .where('delete_at', '=', 0)
    .where('name', 'like', pattern)
    .orderBy('name')
    .limit(limit)
    .execute();
}

export async function softDeleteEmoji(db: Db, id: string, at: number): Promise<boolean> {
  const res = await db
    .updateTable('emoji')
    .set({ delete_at: at, update_at: at })
    .where('id', '=', id)
    .where('delete_at', '=', 0)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The user's roles in each of their teams (to find a team granting an emoji permission). */
export async function listTeamRolesOfUser(db: Db, userId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('team_members')
    .select(['roles', 'scheme_guest', 'scheme_user', 'scheme_admin'])
    .where('user_id', '=', userId)
    .where('delete_at', '=', 0)
    .limit(limit)
    .execute();
  return rows.map((m) => teamMemberRoles(m));
}
