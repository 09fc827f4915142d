import type { App, Session } from '../../app.ts';
import { AppError, badRequest, forbidden, notFound, unauthorized } from '../../errors/app-error.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  hasPermissionToSystem,
  requireSystemPermission,
  requireTeamPermission,
} from '../../permissions/authorize.ts';
import { createTeamDefaultChannels, joinTeamDefaultChannels } from '../channels/membership.ts';
import * as store from './store.ts';
import { teamDisplayNameProblem, teamNameProblem, teamTypeProblem } from './policy.ts';
import { teamViewer, type TeamViewer } from './access.ts';
import { presentTeam } from './present.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Creates a team with Town Square and Off-Topic; the creator joins as team admin. One transaction,
 * so a failure leaves no half-made team.
 */
export async function createTeam(
  app: App,
  session: Session,
  input: Record<string, unknown>,
): Promise<store.TeamRow> {
  requireSystemPermission(app, session, 'create_team');
  const name = (str(input.name) ?? '').trim().toLowerCase();
  const displayName = str(input.display_name) ?? '';
  const type = str(input.type) ?? 'O';
  const problem = teamNameProblem(name) ?? teamDisplayNameProblem(displayName) ?? teamTypeProblem(type);
  if (problem) throw badRequest('model.team.is_valid.app_error', problem);
  const now = Date.now();
  const config = app.config.get();
  try {
    const team = await app.db.transaction().execute(async (trx) => {
      const team = await store.insertTeam(trx, {
        id: newId(),
        create_at: now,
        update_at: now,
        display_name: displayName.trim(),
        name,
        description: (str(input.description) ?? '').slice(0, 255),
        email: str(input.email) ?? '',
        type,
        company_name: str(input.company_name) ?? '',
        allowed_domains: str(input.allowed_domains) ?? '',
        invite_id: newId(),
        allow_open_invite: input.allow_open_invite === true || type === 'O',
      });
      await createTeamDefaultChannels(trx, team.id, session.userId);
      await trx
        .insertInto('team_members')
        .values({
          team_id: team.id,
          user_id: session.userId,
          scheme_user: true,
          scheme_admin: true,
          create_at: now,
        })
        .execute();
      await joinTeamDefaultChannels(
        trx,
        team.id,
        session.userId,
        config.TeamSettings.ExperimentalDefaultChannels,
        false,
      );
      return team;
    });
    app.events.publish({
      event: 'added_to_team',
      data: { team_id: team.id, user_id: session.userId },
      broadcast: { userId: session.userId },
    });
    return team;
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw badRequest('app.team.save.existing.app_error', 'A team with that name already exists.');
    }
    throw err;
  }
}

const teamNotFound = () => notFound('app.team.get.find.app_error', 'Unable to find the existing team.');

export async function getTeamOr404(app: App, teamId: string): Promise<store.TeamRow> {
  const team = await store.findTeam(app.db, teamId);
  if (!team) throw teamNotFound();
  return team;
}

/** A team the caller may read (open teams to everyone, others to holders of view_team). */
async function readable(app: App, session: Session, team: store.TeamRow | undefined) {
  if (!team) throw teamNotFound();
  const viewer = await teamViewer(app, session);
  if (!viewer.canView(team)) throw forbidden();
  return { team, viewer };
}

export async function getTeam(app: App, session: Session, teamId: string) {
  return readable(app, session, await store.findTeam(app.db, teamId));
}

export async function getTeamByName(app: App, session: Session, name: string) {
  const team = await store.findTeamByName(app.db, name);
  if (!team) throw notFound('app.team.get_by_name.missing.app_error', 'Unable to find the existing team.');
  return readable(app, session, team);
}

/**
 * As Mattermost's teamExists: true only when the caller could see the team (member, or allowed to
 * list teams of its kind), so an invite-only team's name cannot be probed by outsiders
 * (found by the authorization matrix, test/authz-matrix.test.ts).
 */
export async function teamExists(app: App, session: Session, name: string): Promise<boolean> {
  const team = await store.findTeamByName(app.db, name);
  if (!team) return false;
  if ((await teamViewer(app, session)).canView(team)) return true;
  return hasPermissionToSystem(
    app,
    session,
    team.allow_open_invite ? 'list_public_teams' : 'list_private_teams',
  );
}

export function presentFor(viewer: TeamViewer, team: store.TeamRow) {
  return presentTeam(team, viewer.visibility(team.id));
}

/**
 * Which teams a listing may include: all for those who may list both kinds, otherwise only the
 * kind the caller may list (public = allow_open_invite). Null when the caller may list none.
 */
function listableKinds(app: App, session: Session): { allowOpenInvite?: boolean } | null {
  const pub = hasPermissionToSystem(app, session, 'list_public_teams');
  const priv = hasPermissionToSystem(app, session, 'list_private_teams');
  if (pub && priv) return {};
  if (pub) return { allowOpenInvite: true };
  if (priv) return { allowOpenInvite: false };
  return null;
}

export async function listTeams(
  app: App,
  session: Session,
  opts: { limit: number; offset: number; withCount: boolean },
) {
  const kinds = listableKinds(app, session);
  const viewer = await teamViewer(app, session);
  if (!kinds) return { teams: [], totalCount: 0, viewer };
  const filter = { openOnly: false, ...kinds };
  const [teams, totalCount] = await Promise.all([
    store.listTeams(app.db, { ...filter, limit: opts.limit, offset: opts.offset }),
    opts.withCount ? store.countTeams(app.db, filter) : Promise.resolve(0),
  ]);
  return { teams, totalCount, viewer };
}

export async function searchTeams(
  app: App,
  session: Session,
  input: {
    term: string;
    allowOpenInvite?: boolean;
    groupConstrained?: boolean;
    limit: number;
    offset: number;
  },
) {
  const kinds = listableKinds(app, session);
  const viewer = await teamViewer(app, session);
  if (!kinds) return { teams: [], totalCount: 0, viewer };
  // A caller limited to public teams never sees private ones, whatever the filter asks for.
  if (kinds.allowOpenInvite !== undefined && input.allowOpenInvite !== undefined) {
    if (kinds.allowOpenInvite !== input.allowOpenInvite) return { teams: [], totalCount: 0, viewer };
  }
  const filter = {
    openOnly: false,
    term: input.term,
    allowOpenInvite: kinds.allowOpenInvite ?? input.allowOpenInvite,
    groupConstrained: input.groupConstrained,
  };
  const [teams, totalCount] = await Promise.all([
    store.listTeams(app.db, { ...filter, limit: input.limit, offset: input.offset }),
    store.countTeams(app.db, filter),
  ]);
  return { teams, totalCount, viewer };
}

export interface TeamPatch {
  display_name?: string;
  description?: string;
  company_name?: string;
  allowed_domains?: string;
  allow_open_invite?: boolean;
  group_constrained?: boolean;
}

/** The patchable fields of a request body (wrong types are 400, unknown fields ignored). */
export function parseTeamPatch(input: Record<string, unknown>): TeamPatch {
  const patch: TeamPatch = {};
  for (const key of ['display_name', 'description', 'company_name', 'allowed_domains'] as const) {
    if (input[key] === undefined || input[key] === null) continue;
    const value = str(input[key]);
    if (value === undefined) throw badRequest('api.context.invalid_body_param.app_error', `Invalid ${key}.`);
    patch[key] = value;
  }
  for (const key of ['allow_open_invite', 'group_constrained'] as const) {
    if (input[key] === undefined || input[key] === null) continue;
    if (typeof input[key] !== 'boolean')
      throw badRequest('api.context.invalid_body_param.app_error', `Invalid ${key}.`);
    patch[key] = input[key];
  }
  return patch;
}

function patchProblem(patch: TeamPatch): string | null {
  if (patch.display_name !== undefined) {
    const p = teamDisplayNameProblem(patch.display_name);
    if (p) return p;
  }
  if (patch.description !== undefined && [...patch.description].length > 255)
    return 'Description must be at most 255 characters.';
  if (patch.company_name !== undefined && [...patch.company_name].length > 64)
    return 'Company name must be at most 64 characters.';
  return null;
}

/** Sends update_team / delete_team to the team's members, with the team as members may see it. */
function publishTeam(app: App, event: string, team: store.TeamRow) {
  app.events.publish({
    event,
    data: { team: JSON.stringify(presentTeam(team, { showInviteId: false })) },
    broadcast: { teamId: team.id },
  });
}

/** PUT /teams/{id} and /patch: manage_team; name, type and invite id are not changed here. */
export async function patchTeam(app: App, session: Session, teamId: string, patch: TeamPatch) {
  await requireTeamPermission(app, session, teamId, 'manage_team');
  const problem = patchProblem(patch);
  if (problem) throw badRequest('model.team.is_valid.app_error', problem);
  const existing = await getTeamOr404(app, teamId);
  if (existing.delete_at > 0) throw teamNotFound();
  const values = { ...patch, update_at: Date.now() };
  if (values.display_name !== undefined) values.display_name = values.display_name.trim();
  const team = await store.updateTeam(app.db, teamId, values);
  if (!team) throw teamNotFound();
  publishTeam(app, 'update_team', team);
  return team;
}

export async function updateTeamPrivacy(app: App, session: Session, teamId: string, privacy: unknown) {
  await requireTeamPermission(app, session, teamId, 'manage_team');
  if (privacy !== 'O' && privacy !== 'I') {
    throw badRequest('api.team.update_team_privacy.invalid_privacy.app_error', 'Invalid privacy value.');
  }
  await getTeamOr404(app, teamId);
  const team = await store.updateTeam(app.db, teamId, {
    type: privacy,
    allow_open_invite: privacy === 'O',
    update_at: Date.now(),
  });
  if (!team) throw teamNotFound();
  publishTeam(app, 'update_team', team);
  return team;
}

export async function regenerateInviteId(app: App, session: Session, teamId: string) {
  await requireTeamPermission(app, session, teamId, 'manage_team');
  await getTeamOr404(app, teamId);
  const team = await store.updateTeam(app.db, teamId, { invite_id: newId(), update_at: Date.now() });
  if (!team) throw teamNotFound();
  publishTeam(app, 'update_team', team);
  return team;
}

/**
 * Archives a team (delete_at set); `permanent` erases it with its channels, only when
 * ServiceSettings.EnableAPITeamDeletion allows it.
 */
export async function deleteTeam(app: App, session: Session, teamId: string, permanent: boolean) {
  await requireTeamPermission(app, session, teamId, 'manage_team');
  const existing = await getTeamOr404(app, teamId);
  if (permanent) {
    if (!app.config.get().ServiceSettings.EnableAPITeamDeletion) {
      throw unauthorized(
        'api.user.delete_team.not_enabled.app_error',
        'Permanent team deletion feature is not enabled. Please contact your System Administrator.',
      );
    }
    await app.db.transaction().execute((trx) => store.deleteTeamForever(trx, teamId));
    publishTeam(app, 'delete_team', { ...existing, delete_at: Date.now() });
    return;
  }
  const now = Date.now();
  const team = await store.updateTeam(app.db, teamId, { delete_at: now, update_at: now });
  if (!team) throw teamNotFound();
  publishTeam(app, 'delete_team', team);
}

export async function teamStats(app: App, session: Session, teamId: string) {
  await requireTeamPermission(app, session, teamId, 'view_team');
  await getTeamOr404(app, teamId);
  const counts = await store.teamMemberCounts(app.db, teamId);
  return { team_id: teamId, total_member_count: counts.total, active_member_count: counts.active };
}

/** What the invite page shows before joining; only open-type teams answer. */
export async function inviteInfo(app: App, inviteId: string) {
  const team = await store.findTeamByInviteId(app.db, inviteId);
  if (!team) {
    throw notFound('app.team.get_by_invite_id.finding.app_error', 'Unable to find the existing team.');
  }
  if (team.type !== 'O') {
    throw new AppError(
      'api.team.get_invite_info.not_open_team',
      'Invite is invalid because this is not an open team.',
      403,
    );
  }
  return { id: team.id, name: team.name, display_name: team.display_name, description: team.description };
}
