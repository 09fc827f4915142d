import type { App, Session } from '../../app.ts';
import type { Db } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { badRequest, invalidParam, notFound } from '../../errors/app-error.ts';
import {
  requireChannelPermission,
  requireSystemPermission,
  requireTeamPermission,
} from '../../permissions/authorize.ts';
import { isValidId, newId } from '../../platform/ids.ts';
import { presentChannel } from '../channels/present.ts';
import { presentTeam } from '../teams/present.ts';
import { isSchemeScope, moderatedOnly, schemeFields, schemeProblem, type SchemeScope } from './policy.ts';
import { presentScheme, schemeRoleNames } from './present.ts';
import * as store from './store.ts';

/** Mattermost's System Console permissions for the schemes pages. */
const READ = 'sysconsole_read_user_management_permissions';
const WRITE = 'sysconsole_write_user_management_permissions';

export const schemeNotFound = () => notFound('app.scheme.get.app_error', 'Unable to get the scheme.');
const teamNotFound = () => notFound('app.team.get.find.app_error', 'Unable to find the team.');
export const channelNotFound = () =>
  notFound('app.channel.get.existing.app_error', 'Unable to find the existing channel.');
const invalidScheme = (detail: string) =>
  badRequest('app.scheme.save.invalid_scheme.app_error', 'Invalid scheme.', detail);

/** A live scheme or 404. */
export async function liveScheme(app: App, id: string): Promise<store.SchemeRow> {
  const scheme = await store.findScheme(app.db, id);
  if (!scheme || scheme.delete_at > 0) throw schemeNotFound();
  return scheme;
}

const ROLE_KEYS = {
  team_admin: 'default_team_admin_role',
  team_user: 'default_team_user_role',
  team_guest: 'default_team_guest_role',
  channel_admin: 'default_channel_admin_role',
  channel_user: 'default_channel_user_role',
  channel_guest: 'default_channel_guest_role',
} as const;

const ROLE_TITLES: Record<keyof typeof ROLE_KEYS, string> = {
  team_admin: 'Team Admin Role for Scheme',
  team_user: 'Team User Role for Scheme',
  team_guest: 'Team Guest Role for Scheme',
  channel_admin: 'Channel Admin Role for Scheme',
  channel_user: 'Channel User Role for Scheme',
  channel_guest: 'Channel Guest Role for Scheme',
};

/**
 * Inserts a scheme and its roles (store.createScheme in Mattermost): a team scheme copies the six
 * built-in team and channel roles; a channel scheme gets an empty admin role and member/guest
 * roles holding only the moderated permissions (the rest always comes from the higher scope).
 */
export async function insertSchemeWithRoles(
  app: App,
  db: Db,
  fields: { name: string; display_name: string; description: string; scope: SchemeScope },
): Promise<store.SchemeRow> {
  const now = Date.now();
  const builtins = (
    fields.scope === 'team' ? Object.keys(ROLE_KEYS) : ['channel_admin', 'channel_user', 'channel_guest']
  ) as (keyof typeof ROLE_KEYS)[];
  const roles = builtins.map((builtin) => {
    const base = [...(app.roles.get(builtin)?.permissions ?? [])];
    const permissions =
      fields.scope === 'channel' ? (builtin === 'channel_admin' ? [] : moderatedOnly(base)) : base;
    return {
      builtin,
      row: {
        id: newId(),
        name: newId(),
        display_name: `${ROLE_TITLES[builtin]} ${fields.name}`,
        description: '',
        create_at: now,
        update_at: now,
        permissions,
        scheme_managed: true,
        built_in: false,
      },
    };
  });
  await store.insertRoles(
    db,
    roles.map((r) => r.row),
  );
  const names = Object.fromEntries(roles.map((r) => [ROLE_KEYS[r.builtin], r.row.name]));
  return store.insertScheme(db, { id: newId(), ...fields, create_at: now, update_at: now, ...names });
}

/** POST /schemes. */
export async function createScheme(app: App, session: Session, body: Record<string, unknown>) {
  requireSystemPermission(app, session, WRITE);
  const f = schemeFields(body);
  if (!f) throw invalidParam('scheme');
  if (!isSchemeScope(body.scope)) throw invalidScheme('scope must be "team" or "channel"');
  const fields = {
    name: f.name || newId(),
    display_name: f.display_name ?? '',
    description: f.description ?? '',
    scope: body.scope,
  };
  const problem = schemeProblem(fields);
  if (problem) throw invalidScheme(problem);
  let scheme: store.SchemeRow;
  try {
    scheme = await app.db.transaction().execute((trx) => insertSchemeWithRoles(app, trx, fields));
  } catch (err) {
    if (isUniqueViolation(err)) throw invalidScheme('A scheme with that name already exists.');
    throw err;
  }
  await app.roles.refresh();
  return presentScheme(scheme);
}

/** GET /schemes/{id} (deleted schemes included, as in Mattermost). */
export async function getScheme(app: App, session: Session, id: string) {
  requireSystemPermission(app, session, READ);
  const scheme = await store.findScheme(app.db, id);
  if (!scheme) throw schemeNotFound();
  return presentScheme(scheme);
}

/** GET /schemes?scope=&page=&per_page=. */
export async function listSchemes(app: App, session: Session, scope: string, offset: number, limit: number) {
  requireSystemPermission(app, session, READ);
  if (scope !== '' && !isSchemeScope(scope)) throw invalidParam('scope');
  return (await store.listSchemes(app.db, scope, offset, limit)).map(presentScheme);
}

/** PUT /schemes/{id}/patch: name, display_name, description. */
export async function patchScheme(app: App, session: Session, id: string, body: Record<string, unknown>) {
  const f = schemeFields(body);
  if (!f) throw invalidParam('scheme');
  requireSystemPermission(app, session, WRITE);
  const scheme = await liveScheme(app, id);
  const next = {
    name: f.name ?? scheme.name,
    display_name: f.display_name ?? scheme.display_name,
    description: f.description ?? scheme.description,
  };
  const problem = schemeProblem(next);
  if (problem) throw invalidScheme(problem);
  let updated: store.SchemeRow | undefined;
  try {
    updated = await store.updateScheme(app.db, id, { ...next, update_at: Date.now() });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalidScheme('A scheme with that name already exists.');
    throw err;
  }
  if (!updated) throw schemeNotFound();
  return presentScheme(updated);
}

/**
 * DELETE /schemes/{id}: the scheme and its roles are soft-deleted; teams and channels using it
 * fall back to the default roles at once.
 */
export async function deleteScheme(app: App, session: Session, id: string): Promise<void> {
  requireSystemPermission(app, session, WRITE);
  const scheme = await liveScheme(app, id);
  await app.db.transaction().execute((trx) => deleteSchemeRows(trx, scheme));
  await app.roles.refresh();
}

/** The writes of a scheme deletion; the caller runs them in a transaction. */
export async function deleteSchemeRows(trx: Db, scheme: store.SchemeRow): Promise<void> {
  const now = Date.now();
  if (scheme.scope === 'team') await store.clearTeamsScheme(trx, scheme.id, now);
  else await store.clearChannelsScheme(trx, scheme.id, now);
  await store.softDeleteRoles(trx, schemeRoleNames(scheme), now);
  await store.softDeleteScheme(trx, scheme.id, now);
}

/** GET /schemes/{id}/teams. */
export async function teamsOfScheme(app: App, session: Session, id: string, offset: number, limit: number) {
  requireSystemPermission(app, session, 'sysconsole_read_user_management_teams');
  const scheme = await store.findScheme(app.db, id);
  if (!scheme) throw schemeNotFound();
  if (scheme.scope !== 'team') {
    throw badRequest('api.scheme.get_teams_for_scheme.scope.error', 'The scheme is not a team scheme.');
  }
  const teams = await store.listTeamsOfScheme(app.db, id, offset, limit);
  return teams.map((t) => presentTeam(t, { showInviteId: true, showEmail: true }));
}

/** GET /schemes/{id}/channels. */
export async function channelsOfScheme(
  app: App,
  session: Session,
  id: string,
  offset: number,
  limit: number,
) {
  requireSystemPermission(app, session, 'sysconsole_read_user_management_channels');
  const scheme = await store.findScheme(app.db, id);
  if (!scheme) throw schemeNotFound();
  if (scheme.scope !== 'channel') {
    throw badRequest('api.scheme.get_channels_for_scheme.scope.error', 'The scheme is not a channel scheme.');
  }
  return (await store.listChannelsOfScheme(app.db, id, offset, limit)).map(presentChannel);
}

/** The scheme_id of a PUT .../scheme body: a valid id, or "" where `clearable`. */
function schemeIdOf(body: Record<string, unknown>, clearable: boolean) {
  const id = body.scheme_id;
  if (typeof id !== 'string' || (!isValidId(id) && !(clearable && id === '')))
    throw invalidParam('scheme_id');
  return id;
}

/**
 * PUT /teams/{id}/scheme: sets (or with "" clears) the team's scheme; its members' team and
 * channel roles follow at once. Publishes update_team_scheme.
 */
export async function updateTeamScheme(
  app: App,
  session: Session,
  teamId: string,
  body: Record<string, unknown>,
) {
  const schemeId = schemeIdOf(body, true);
  await requireTeamPermission(app, session, teamId, WRITE);
  const existing = await store.findTeamRow(app.db, teamId);
  if (!existing || existing.delete_at > 0) throw teamNotFound();
  if (schemeId !== '') {
    const scheme = await liveScheme(app, schemeId);
    if (scheme.scope !== 'team') {
      throw badRequest('api.team.update_team_scheme.scheme_scope.error', 'The scheme is not a team scheme.');
    }
  }
  const team = await store.setTeamScheme(app.db, teamId, schemeId, Date.now());
  if (!team) throw teamNotFound();
  app.events.publish({
    event: 'update_team_scheme',
    data: { team: JSON.stringify(presentTeam(team, { showInviteId: false })) },
    broadcast: { teamId: team.id },
  });
}

/** PUT /channels/{id}/scheme: sets the channel's scheme (Mattermost requires a scheme id). */
export async function updateChannelScheme(
  app: App,
  session: Session,
  channelId: string,
  body: Record<string, unknown>,
) {
  const schemeId = schemeIdOf(body, false);
  await requireChannelPermission(app, session, channelId, 'sysconsole_write_user_management_channels');
  if (!(await store.findChannelWithSchemes(app.db, channelId))) throw channelNotFound();
  const scheme = await liveScheme(app, schemeId);
  if (scheme.scope !== 'channel') {
    throw badRequest(
      'api.channel.update_channel_scheme.scheme_scope.error',
      'The scheme is not a channel scheme.',
    );
  }
  const channel = await store.setChannelScheme(app.db, channelId, schemeId, Date.now());
  if (!channel) throw channelNotFound();
  publishChannelSchemeUpdated(app, channelId);
}

export function publishChannelSchemeUpdated(app: App, channelId: string) {
  app.events.publish({ event: 'channel_scheme_updated', data: {}, broadcast: { channelId } });
}
