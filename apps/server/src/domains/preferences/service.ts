import type { App, Session } from '../../app.ts';
import { AppError, forbidden, invalidParam, notFound } from '../../errors/app-error.ts';
import { requireSelfOrUserEditor } from '../teams/access.ts';
import { channelAccess } from '../reactions/access.ts';
import {
  FLAGGED_POST,
  lastPerKey,
  preferenceProblem,
  sanitizePreference,
  type Preference,
} from './policy.ts';
import * as store from './store.ts';

export async function listPreferences(app: App, session: Session, userId: string): Promise<Preference[]> {
  requireSelfOrUserEditor(app, session, userId);
  return store.listPreferences(app.db, userId);
}

/** A category with no preferences is a 404, as in Mattermost. */
export async function listCategory(
  app: App,
  session: Session,
  userId: string,
  category: string,
): Promise<Preference[]> {
  requireSelfOrUserEditor(app, session, userId);
  const list = await store.listCategory(app.db, userId, category);
  if (list.length === 0) {
    throw notFound(
      'api.preference.preferences_category.get.app_error',
      'Unable to find preferences for the user.',
    );
  }
  return list;
}

export async function getPreference(
  app: App,
  session: Session,
  userId: string,
  category: string,
  name: string,
): Promise<Preference> {
  requireSelfOrUserEditor(app, session, userId);
  const found = await store.findPreference(app.db, userId, category, name);
  if (!found) throw notFound('app.preference.get.app_error', 'Unable to find the preference.');
  return found;
}

/** Every entry must belong to the user of the URL: one account cannot write into another's list. */
function requireOwnEntries(list: Preference[], userId: string, id: string) {
  if (list.some((p) => p.user_id !== userId)) {
    throw new AppError(id, 'Unable to change preferences of another user.', 403);
  }
}

/**
 * A saved post (flagged_post, name = post id) must be a live post in a channel the caller may read,
 * so the saved-messages list cannot be used to probe posts of other channels.
 */
async function requireReadablePosts(app: App, session: Session, list: Preference[]) {
  const postIds = [...new Set(list.filter((p) => p.category === FLAGGED_POST).map((p) => p.name))];
  if (postIds.length === 0) return;
  const posts = await store.livePostChannels(app.db, postIds);
  if (posts.length !== postIds.length) throw invalidParam('preference.name');
  const access = await channelAccess(
    app,
    session,
    posts.map((p) => p.channel_id),
  );
  if (posts.some((p) => !access.canRead(p.channel_id))) throw forbidden();
}

function publish(app: App, userId: string, event: string, list: Preference[]) {
  app.events.publish({ event, data: { preferences: JSON.stringify(list) }, broadcast: { userId } });
}

export async function savePreferences(app: App, session: Session, userId: string, input: Preference[]) {
  requireSelfOrUserEditor(app, session, userId);
  requireOwnEntries(input, userId, 'api.preference.update_preferences.set.app_error');
  for (const p of input) {
    const problem = preferenceProblem(p);
    if (problem) throw problem;
  }
  await requireReadablePosts(app, session, input);
  const list = lastPerKey(input.map(sanitizePreference));
  await store.upsertPreferences(app.db, list);
  publish(app, userId, 'preferences_changed', list);
}

export async function deletePreferences(app: App, session: Session, userId: string, input: Preference[]) {
  requireSelfOrUserEditor(app, session, userId);
  requireOwnEntries(input, userId, 'api.preference.delete_preferences.delete.app_error');
  await store.deletePreferences(app.db, userId, input);
  publish(app, userId, 'preferences_deleted', input);
}
