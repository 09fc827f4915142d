import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { SidebarCategoriesTable, SidebarChannelsTable } from '../../db/schema.ts';

export type CategoryRow = Selectable<SidebarCategoriesTable>;

/** A user's categories in a team, in sidebar order (a user has a handful; bounded anyway). */
export async function listCategories(db: Db, userId: string, teamId: string): Promise<CategoryRow[]> {
  return db
    .selectFrom('sidebar_categories')
    .selectAll()
    .where('user_id', '=', userId)
    .where('team_id', '=', teamId)
    .orderBy('sort_order')
    .orderBy('id')
    .limit(1000)
    .execute();
}

/** Inserts categories, skipping ids that exist (two first reads may race to create defaults). */
export async function insertCategories(db: Db, rows: Insertable<SidebarCategoriesTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('sidebar_categories')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function updateCategory(
  db: Db,
  id: string,
  values: Updateable<SidebarCategoriesTable>,
): Promise<void> {
  await db.updateTable('sidebar_categories').set(values).where('id', '=', id).execute();
}

export async function deleteCategory(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sidebar_categories').where('id', '=', id).execute();
}

/** Rewrites the sort order of several categories in one statement (position × 10). */
/**
 * Serialises changes to one user's categories in one team, inside the caller's transaction:
 * concurrent reorders and edits would otherwise lock the same rows in different orders (deadlock).
 */
export async function lockCategories(db: Db, userId: string, teamId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${userId}:${teamId}`}, 0))`.execute(db);
}

export async function setCategoryOrder(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const values = sql.join(ids.map((id, i) => sql`(${id}::varchar, ${i * 10}::int)`));
  await sql`UPDATE sidebar_categories AS s SET sort_order = v.ord
    FROM (VALUES ${values}) AS v(id, ord) WHERE s.id = v.id`.execute(db);
}

export interface Assignment {
  category_id: string;
  channel_id: string;
  sort_order: number;
}

/** Channels the user placed explicitly in one of their categories of this team. */
export async function listAssignments(db: Db, userId: string, teamId: string): Promise<Assignment[]> {
  return db
    .selectFrom('sidebar_channels as sc')
    .innerJoin('sidebar_categories as c', 'c.id', 'sc.category_id')
    .select(['sc.category_id', 'sc.channel_id', 'sc.sort_order'])
    .where('c.user_id', '=', userId)
    .where('c.team_id', '=', teamId)
    .orderBy('sc.sort_order')
    .orderBy('sc.channel_id')
    .limit(20000)
    .execute();
}

/** Removes these channels from whichever of the user's categories in the team holds them. */
export async function unassignChannels(db: Db, userId: string, teamId: string, channelIds: string[]) {
  if (channelIds.length === 0) return;
  await db
    .deleteFrom('sidebar_channels')
    .where('user_id', '=', userId)
    .where('channel_id', 'in', channelIds)
    .where('category_id', 'in', (eb) =>
      eb
        .selectFrom('sidebar_categories')
        .select('id')
        .where('user_id', '=', userId)
        .where('team_id', '=', teamId),
    )
    .execute();
}

export async function clearCategories(db: Db, categoryIds: string[]): Promise<void> {
  if (categoryIds.length === 0) return;
  await db.deleteFrom('sidebar_channels').where('category_id', 'in', categoryIds).execute();
}

export async function insertAssignments(db: Db, rows: Insertable<SidebarChannelsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('sidebar_channels')
    .values(rows)
    .onConflict((oc) => oc.columns(['category_id', 'channel_id']).doNothing())
    .execute();
}

export interface MemberChannel {
  id: string;
  team_id: string;
}

/**
 * Live channels the user belongs to in this team, plus their DMs and GMs (no team), in name order.
 * Bounded by MaxChannelsPerTeam in practice; the limit guards the response size.
 */
export async function listMemberChannels(db: Db, userId: string, teamId: string): Promise<MemberChannel[]> {
  return db
    .selectFrom('channel_members as cm')
    .innerJoin('channels as c', 'c.id', 'cm.channel_id')
    .select(['c.id', 'c.team_id'])
    .where('cm.user_id', '=', userId)
    .where('c.delete_at', '=', 0)
    .where((eb) => eb.or([eb('c.team_id', '=', teamId), eb('c.team_id', '=', '')]))
    .orderBy('c.display_name')
    .orderBy('c.id')
    .limit(20000)
    .execute();
}

/** Channels marked favourite through the older `favorite_channel` preference. */
export async function listFavoritePreferences(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('preferences')
    .select('name')
    .where('user_id', '=', userId)
    .where('category', '=', 'favorite_channel')
    .where('value', '=', 'true')
    .limit(10000)
    .execute();
  return rows.map((r) => r.name);
}
