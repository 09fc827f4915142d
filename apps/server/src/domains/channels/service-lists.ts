import type { App, Session } from '../../app.ts';
import { forbidden, invalidBodyParam } from '../../errors/app-error.ts';
import {
  hasPermissionToSystem,
  requireSystemPermission,
  requireTeamPermission,
} from '../../permissions/authorize.ts';
import { likeTerm } from './policy.ts';
import * as store from './store.ts';

/** Listing and searching channels: team lists, a user's own channels, autocomplete, admin search. */

/** Upper bound on a user's channels returned in one answer (upstream returns them all). */
export const MAX_USER_CHANNELS = 10000;
const AUTOCOMPLETE_LIMIT = 50;
const SEARCH_LIMIT = 100;

interface Page {
  offset: number;
  perPage: number;
}

/** Mattermost's SessionHasPermissionToUser: oneself, or edit_other_users. */
export function requireActOnUser(app: App, session: Session, userId: string) {
  if (userId !== session.userId && !hasPermissionToSystem(app, session, 'edit_other_users'))
    throw forbidden();
}

export async function listPublicChannels(app: App, session: Session, teamId: string, page: Page) {
  await requireTeamPermission(app, session, teamId, 'list_team_channels');
  return store.listPublicChannels(app.db, teamId, false, page.offset, page.perPage);
}

export async function listArchivedChannels(app: App, session: Session, teamId: string, page: Page) {
  await requireTeamPermission(app, session, teamId, 'list_team_channels');
  return store.listArchivedChannels(app.db, teamId, session.userId, page.offset, page.perPage);
}

export async function listPrivateChannels(app: App, session: Session, teamId: string, page: Page) {
  requireSystemPermission(app, session, 'manage_system');
  return store.listPrivateChannels(app.db, teamId, page.offset, page.perPage);
}

function searchTerm(input: Record<string, unknown>): string {
  const term = input.term;
  if (typeof term !== 'string') throw invalidBodyParam('term');
  return term.trim();
}

/** POST /teams/{id}/channels/search: public channels whose name or display name contains the term. */
export async function searchTeamChannels(
  app: App,
  session: Session,
  teamId: string,
  input: Record<string, unknown>,
) {
  const term = searchTerm(input);
  await requireTeamPermission(app, session, teamId, 'list_team_channels');
  return store.searchTeamChannels(app.db, {
    teamId,
    userId: session.userId,
    pattern: `%${likeTerm(term)}%`,
    scope: 'public',
    limit: SEARCH_LIMIT,
  });
}

/**
 * Autocomplete by name or display name containing the text: `visible` (public + own private, for ~channel links) or `member`
 * (the caller's own channels, for the search box's "in:").
 */
export async function autocompleteChannels(
  app: App,
  session: Session,
  teamId: string,
  name: string,
  scope: 'visible' | 'member',
) {
  await requireTeamPermission(app, session, teamId, 'list_team_channels');
  return store.searchTeamChannels(app.db, {
    teamId,
    userId: session.userId,
    pattern: `%${likeTerm(name.trim())}%`,
    scope,
    limit: AUTOCOMPLETE_LIMIT,
  });
}

/** POST /channels/search: the system console's search over every team channel. */
export async function searchAllChannels(
  app: App,
  session: Session,
  input: Record<string, unknown>,
  includeDeleted: boolean,
) {
  requireSystemPermission(app, session, 'manage_system');
  const term = searchTerm(input);
  const page = typeof input.page === 'number' && input.page >= 0 ? Math.floor(input.page) : 0;
  const perPage =
    typeof input.per_page === 'number' && input.per_page > 0 ? Math.min(200, Math.floor(input.per_page)) : 60;
  return store.searchAllChannels(app.db, {
    pattern: `%${likeTerm(term)}%`,
    includeDeleted: includeDeleted || input.include_deleted === true,
    offset: page * perPage,
    limit: perPage,
  });
}

/** GET /users/{id}/teams/{team_id}/channels: the user's channels there, DMs and GMs included. */
export async function listUserChannels(
  app: App,
  session: Session,
  userId: string,
  teamId: string,
  opts: { includeDeleted: boolean; lastDeleteAt: number },
) {
  requireActOnUser(app, session, userId);
  await requireTeamPermission(app, session, teamId, 'view_team');
  return store.listUserChannels(app.db, { userId, teamId, ...opts, limit: MAX_USER_CHANNELS });
}

export async function listUserMembersInTeam(app: App, session: Session, userId: string, teamId: string) {
  requireActOnUser(app, session, userId);
  await requireTeamPermission(app, session, teamId, 'view_team');
  return store.listUserMembersInTeam(app.db, userId, teamId, MAX_USER_CHANNELS);
}

export async function listUserMembers(app: App, session: Session, userId: string, page: Page) {
  requireActOnUser(app, session, userId);
  return store.listUserMembers(app.db, userId, page.offset, page.perPage);
}
