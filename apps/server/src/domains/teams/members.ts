import type { App, Session } from '../../app.ts';
import { AppError, badRequest, forbidden, notFound } from '../../errors/app-error.ts';
import { hasPermissionToSystem, requireTeamPermission } from '../../permissions/authorize.ts';
import { parseMemberRoles } from '../../permissions/roles.ts';
import { teamSchemeRoles } from '../../permissions/scheme-names.ts';
import { leaveTeamChannels } from '../channels/membership.ts';
import { requireSelfOrUserEditor } from './access.ts';
import { addUserToTeam, addUserToTeamByInvite } from './join.ts';
import { presentTeamMember } from './present.ts';
import * as store from './store.ts';
import { getTeamOr404 } from './service.ts';

const memberMissing = () =>
  notFound('app.team.get_member.missing.app_error', 'No team member found for that user ID and team ID.');

/** Batch joins go one user at a time through join.ts; this bounds one request's work. */
export const MAX_BATCH_MEMBERS = 256;

export async function listMembers(
  app: App,
  session: Session,
  teamId: string,
  opts: { limit: number; offset: number; excludeDeletedUsers: boolean; sortByUsername: boolean },
) {
  await requireTeamPermission(app, session, teamId, 'view_team');
  return store.listMembers(app.db, teamId, opts);
}

export async function getMember(app: App, session: Session, teamId: string, userId: string) {
  await requireTeamPermission(app, session, teamId, 'view_team');
  const member = await store.findMember(app.db, teamId, userId);
  if (!member) throw memberMissing();
  return member;
}

export async function membersByIds(app: App, session: Session, teamId: string, userIds: string[]) {
  await requireTeamPermission(app, session, teamId, 'view_team');
  return store.listMembersByIds(app.db, teamId, userIds);
}

/**
 * Mattermost's addTeamMember: joining oneself needs join_public_teams (open teams) or
 * join_private_teams; adding someone else needs add_user_to_team in that team.
 */
async function authorizeAdd(app: App, session: Session, teamId: string, userId: string) {
  if (userId === session.userId) {
    const team = await getTeamOr404(app, teamId);
    const permission = team.allow_open_invite ? 'join_public_teams' : 'join_private_teams';
    if (!hasPermissionToSystem(app, session, permission)) throw forbidden();
    return;
  }
  await requireTeamPermission(app, session, teamId, 'add_user_to_team');
}

export async function addMember(app: App, session: Session, teamId: string, userId: string) {
  await authorizeAdd(app, session, teamId, userId);
  await addUserToTeam(app, teamId, userId);
  const member = await store.findMember(app.db, teamId, userId);
  if (!member) throw memberMissing();
  return member;
}

/**
 * Adds several users; with `graceful` each failure is reported beside the user instead of
 * failing the request.
 */
export async function addMembers(
  app: App,
  session: Session,
  teamId: string,
  userIds: string[],
  graceful: boolean,
) {
  await requireTeamPermission(app, session, teamId, 'add_user_to_team');
  await getTeamOr404(app, teamId);
  const results: { user_id: string; error?: AppError }[] = [];
  for (const userId of userIds) {
    try {
      await addUserToTeam(app, teamId, userId);
      results.push({ user_id: userId });
    } catch (err) {
      if (!graceful || !(err instanceof AppError)) throw err;
      results.push({ user_id: userId, error: err });
    }
  }
  const members = await store.listMembersByIds(
    app.db,
    teamId,
    results.filter((r) => !r.error).map((r) => r.user_id),
  );
  const byUser = new Map(members.map((m) => [m.user_id, m]));
  return results.map((r) => ({ ...r, member: byUser.get(r.user_id) }));
}

export async function joinByInvite(app: App, session: Session, inviteId: string) {
  const teamId = await addUserToTeamByInvite(app, session.userId, inviteId);
  const member = await store.findMember(app.db, teamId, session.userId);
  if (!member) throw memberMissing();
  return member;
}

/**
 * Leaving (self) or removal (remove_user_from_team): the membership is soft-deleted and the
 * user leaves every channel of the team, in one transaction.
 */
export async function removeMember(app: App, session: Session, teamId: string, userId: string) {
  if (userId !== session.userId) await requireTeamPermission(app, session, teamId, 'remove_user_from_team');
  await getTeamOr404(app, teamId);
  const channels = await app.db.transaction().execute(async (trx) => {
    if (!(await store.softDeleteMember(trx, teamId, userId, Date.now()))) throw memberMissing();
    return leaveTeamChannels(trx, teamId, userId);
  });
  const data = { user_id: userId, team_id: teamId };
  app.events.publish({ event: 'leave_team', data, broadcast: { teamId } });
  app.events.publish({ event: 'leave_team', data, broadcast: { userId } });
  for (const channelId of channels) {
    app.events.publish({
      event: 'user_removed',
      data: { user_id: userId, remover_id: session.userId },
      broadcast: { channelId },
    });
    app.events.publish({
      event: 'user_removed',
      data: { channel_id: channelId, remover_id: session.userId },
      broadcast: { userId },
    });
  }
}

/** Sets a member's team roles from a roles string (scheme roles become flags). */
export async function updateMemberRoles(
  app: App,
  session: Session,
  teamId: string,
  userId: string,
  roles: string,
) {
  await requireTeamPermission(app, session, teamId, 'manage_team_roles');
  const scheme = (await teamSchemeRoles(app.db, [teamId])).get(teamId);
  const parsed = parseMemberRoles('team', roles, scheme);
  const unknown = parsed?.roles.split(' ').filter((name) => name && !app.roles.get(name));
  if (!parsed || (unknown && unknown.length > 0)) {
    throw badRequest('api.context.invalid_body_param.app_error', 'Invalid or missing roles in request body.');
  }
  const existing = await store.findMember(app.db, teamId, userId);
  if (!existing || existing.delete_at > 0) throw memberMissing();
  if (existing.scheme_guest !== parsed.scheme_guest) {
    throw badRequest(
      'api.team.update_team_member_roles.changing_guest_role.app_error',
      'Invalid team member update: You cannot add or remove the guest role manually.',
    );
  }
  const member = await store.updateMemberRoles(app.db, teamId, userId, parsed);
  if (!member) throw memberMissing();
  app.events.publish({
    event: 'memberrole_updated',
    data: { member: JSON.stringify(presentTeamMember(member, scheme)) },
    broadcast: { userId },
  });
}

/** Another user's teams and memberships need read_other_users_teams. */
function requireReadTeamsOf(app: App, session: Session, userId: string) {
  if (userId !== session.userId && !hasPermissionToSystem(app, session, 'read_other_users_teams')) {
    throw forbidden();
  }
}

export async function teamsOfUser(app: App, session: Session, userId: string) {
  requireReadTeamsOf(app, session, userId);
  return store.listTeamsOfUser(app.db, userId);
}

export async function membershipsOfUser(app: App, session: Session, userId: string) {
  requireReadTeamsOf(app, session, userId);
  return store.listMembershipsOfUser(app.db, userId);
}

export async function unreadsOfUser(app: App, session: Session, userId: string, excludeTeamId?: string) {
  requireSelfOrUserEditor(app, session, userId);
  return store.teamUnreads(app.db, userId, { excludeTeamId });
}

export async function unreadOfUserInTeam(app: App, session: Session, userId: string, teamId: string) {
  requireSelfOrUserEditor(app, session, userId);
  await requireTeamPermission(app, session, teamId, 'view_team');
  const [row] = await store.teamUnreads(app.db, userId, { teamId });
  return row ?? { team_id: teamId, msg_count: 0, mention_count: 0, msg_count_root: 0, mention_count_root: 0 };
}
