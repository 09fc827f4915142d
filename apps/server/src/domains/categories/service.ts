import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, notFound } from '../../errors/app-error.ts';
import type { Db } from '../../db/connection.ts';
import { newId } from '../../platform/ids.ts';
import { findTeamRoles } from '../../permissions/store.ts';
import { requireSelfOrUserEditor } from '../teams/access.ts';
import {
  CUSTOM,
  FAVORITES,
  SORTINGS,
  categoryNameProblem,
  defaultCategories,
  placeChannels,
} from './policy.ts';
import { presentCategory, type CategoryJson } from './present.ts';
import * as store from './store.ts';

/** What a client may change on a category. */
export interface CategoryUpdate {
  id: string;
  display_name?: string;
  sorting?: string;
  muted?: boolean;
  collapsed?: boolean;
  channel_ids?: string[];
}

const invalidCategory = (message: string) => badRequest('app.channel.sidebar_categories.app_error', message);
const categoryMissing = () =>
  notFound('app.channel.sidebar_categories.app_error', 'Unable to find the sidebar category.');

/** Only the user (or a holder of edit_other_users) touches their categories, and only in their teams. */
async function authorize(app: App, session: Session, userId: string, teamId: string) {
  requireSelfOrUserEditor(app, session, userId);
  if ((await findTeamRoles(app.db, teamId, userId)) === null) throw forbidden();
}

/** The three default categories, created on first use; old favourite preferences seed Favorites. */
async function ensureDefaults(app: App, userId: string, teamId: string): Promise<store.CategoryRow[]> {
  const existing = await store.listCategories(app.db, userId, teamId);
  if (existing.some((c) => c.type === FAVORITES)) return existing;
  await app.db.transaction().execute(async (trx) => {
    await store.lockCategories(trx, userId, teamId);
    // Another request may have created them while this one waited for the lock.
    if ((await store.listCategories(trx, userId, teamId)).some((c) => c.type === FAVORITES)) return;
    const defaults = defaultCategories(userId, teamId);
    await store.insertCategories(trx, defaults);
    const favorites = new Set(await store.listFavoritePreferences(trx, userId));
    if (favorites.size === 0) return;
    const channels = await store.listMemberChannels(trx, userId, teamId);
    await store.insertAssignments(
      trx,
      channels
        .filter((c) => favorites.has(c.id))
        .map((c, i) => ({ category_id: defaults[0].id, channel_id: c.id, user_id: userId, sort_order: i })),
    );
  });
  return store.listCategories(app.db, userId, teamId);
}

async function computed(db: Db, userId: string, teamId: string, categories: store.CategoryRow[]) {
  const [assignments, channels] = await Promise.all([
    store.listAssignments(db, userId, teamId),
    store.listMemberChannels(db, userId, teamId),
  ]);
  const placed = placeChannels(categories, assignments, channels);
  return {
    categories: categories.map((c) => presentCategory(c, placed.get(c.id) ?? [])),
    memberChannels: channels,
  };
}

async function load(app: App, userId: string, teamId: string) {
  const categories = await ensureDefaults(app, userId, teamId);
  return computed(app.db, userId, teamId, categories);
}

function publish(app: App, userId: string, teamId: string, event: string, data: Record<string, unknown>) {
  app.events.publish({ event, data, broadcast: { userId, teamId } });
}

export async function getCategories(app: App, session: Session, userId: string, teamId: string) {
  await authorize(app, session, userId, teamId);
  const { categories } = await load(app, userId, teamId);
  return { categories, order: categories.map((c) => c.id) };
}

export async function getCategory(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  categoryId: string,
): Promise<CategoryJson> {
  await authorize(app, session, userId, teamId);
  const found = (await load(app, userId, teamId)).categories.find((c) => c.id === categoryId);
  if (!found) throw categoryMissing();
  return found;
}

export async function getOrder(app: App, session: Session, userId: string, teamId: string) {
  return (await getCategories(app, session, userId, teamId)).order;
}

/** Channel ids must be channels the user belongs to in this team (or their DMs/GMs). */
function checkChannels(channelIds: string[], member: { id: string }[]) {
  const ids = new Set(member.map((c) => c.id));
  if (channelIds.some((id) => !ids.has(id))) {
    throw invalidCategory('A channel in the category is not one of the user’s channels in this team.');
  }
}

export async function createCategory(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  input: {
    display_name: string;
    sorting?: string;
    muted?: boolean;
    collapsed?: boolean;
    channel_ids?: string[];
  },
): Promise<CategoryJson> {
  await authorize(app, session, userId, teamId);
  const problem = categoryNameProblem(input.display_name);
  if (problem) throw invalidCategory(problem);
  const { memberChannels } = await load(app, userId, teamId);
  const channelIds = [...new Set(input.channel_ids ?? [])];
  checkChannels(channelIds, memberChannels);
  const id = newId();
  await app.db.transaction().execute(async (trx) => {
    await store.lockCategories(trx, userId, teamId);
    // A new category goes to the top of the sidebar, as in Mattermost.
    const order = (await store.listCategories(trx, userId, teamId)).map((c) => c.id);
    await store.insertCategories(trx, [
      {
        id,
        user_id: userId,
        team_id: teamId,
        type: CUSTOM,
        display_name: input.display_name.trim(),
        sorting: input.sorting ?? '',
        muted: input.muted ?? false,
        collapsed: input.collapsed ?? false,
      },
    ]);
    await store.setCategoryOrder(trx, [id, ...order]);
    await store.unassignChannels(trx, userId, teamId, channelIds);
    await store.insertAssignments(
      trx,
      channelIds.map((channelId, i) => ({
        category_id: id,
        channel_id: channelId,
        user_id: userId,
        sort_order: i,
      })),
    );
  });
  publish(app, userId, teamId, 'sidebar_category_created', { category_id: id });
  const created = (await load(app, userId, teamId)).categories.find((c) => c.id === id);
  if (!created) throw categoryMissing();
  return created;
}

/**
 * Applies updates to several categories in one transaction. Channels listed in a category leave
 * whichever category held them; default categories keep their names.
 */
export async function updateCategories(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  updates: CategoryUpdate[],
): Promise<CategoryJson[]> {
  await authorize(app, session, userId, teamId);
  const before = await load(app, userId, teamId);
  const byId = new Map(before.categories.map((c) => [c.id, c]));
  const seenChannels = new Set<string>();
  for (const u of updates) {
    const current = byId.get(u.id);
    if (!current) throw invalidCategory('The category does not belong to this user and team.');
    if (u.sorting !== undefined && !SORTINGS.has(u.sorting)) throw invalidCategory('Invalid sorting.');
    if (u.display_name !== undefined && current.type === CUSTOM) {
      const problem = categoryNameProblem(u.display_name);
      if (problem) throw invalidCategory(problem);
    }
    for (const channelId of u.channel_ids ?? []) {
      if (seenChannels.has(channelId)) throw invalidCategory('A channel can be in only one category.');
      seenChannels.add(channelId);
    }
    checkChannels(u.channel_ids ?? [], before.memberChannels);
  }
  const moved = [...seenChannels];
  await app.db.transaction().execute(async (trx) => {
    await store.lockCategories(trx, userId, teamId);
    // One statement per updated category: a client sends the few it changed.
    for (const u of updates) {
      const values = {
        display_name: byId.get(u.id)?.type === CUSTOM ? u.display_name?.trim() : undefined,
        sorting: u.sorting,
        muted: u.muted,
        collapsed: u.collapsed,
      };
      if (Object.values(values).some((v) => v !== undefined)) await store.updateCategory(trx, u.id, values);
    }
    const withChannels = updates.filter((u) => u.channel_ids !== undefined);
    await store.clearCategories(
      trx,
      withChannels.map((u) => u.id),
    );
    await store.unassignChannels(trx, userId, teamId, moved);
    await store.insertAssignments(
      trx,
      withChannels.flatMap((u) =>
        (u.channel_ids ?? []).map((channelId, i) => ({
          category_id: u.id,
          channel_id: channelId,
          user_id: userId,
          sort_order: i,
        })),
      ),
    );
  });
  const after = (await load(app, userId, teamId)).categories;
  const updatedIds = new Set(updates.map((u) => u.id));
  // Categories that lost a channel to a moved one changed too; clients hear about them as well.
  const changed = after.filter(
    (c) => updatedIds.has(c.id) || (byId.get(c.id)?.channel_ids.join(',') ?? '') !== c.channel_ids.join(','),
  );
  publish(app, userId, teamId, 'sidebar_category_updated', { updatedCategories: JSON.stringify(changed) });
  return after.filter((c) => updatedIds.has(c.id));
}

export async function updateOrder(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  order: string[],
) {
  await authorize(app, session, userId, teamId);
  const current = await ensureDefaults(app, userId, teamId);
  const ids = new Set(current.map((c) => c.id));
  if (order.length !== ids.size || new Set(order).size !== order.length || order.some((id) => !ids.has(id))) {
    throw invalidCategory('The order must list every category of the user in this team exactly once.');
  }
  await app.db.transaction().execute(async (trx) => {
    await store.lockCategories(trx, userId, teamId);
    await store.setCategoryOrder(trx, order);
  });
  publish(app, userId, teamId, 'sidebar_category_order_updated', { order });
  return order;
}

/** Deletes a custom category; its channels fall back to Channels / Direct Messages. */
export async function deleteCategory(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  categoryId: string,
): Promise<void> {
  await authorize(app, session, userId, teamId);
  const category = (await ensureDefaults(app, userId, teamId)).find((c) => c.id === categoryId);
  if (!category) throw categoryMissing();
  if (category.type !== CUSTOM) throw invalidCategory('Only custom categories can be deleted.');
  await app.db.transaction().execute(async (trx) => {
    await store.lockCategories(trx, userId, teamId);
    await store.deleteCategory(trx, categoryId);
  });
  publish(app, userId, teamId, 'sidebar_category_deleted', { category_id: categoryId });
}
