import type { App } from '../../app.ts';
import { hasRole } from '../../permissions/roles.ts';
import { AppError, badRequest, notFound } from '../../errors/app-error.ts';
import { joinTeamDefaultChannels } from '../channels/membership.ts';
import { emailDomainAllowed } from '../users/policy.ts';

/**
 * Joining a team (Mattermost's JoinUserToTeam): checks the team is live, has room and accepts the
 * user's e-mail domain; restores a removed membership; joins the default channels; all in one
 * transaction, events after commit. Returns false when the user already was a member.
 */
export async function addUserToTeam(app: App, teamId: string, userId: string): Promise<boolean> {
  const config = app.config.get();
  const result = await app.db.transaction().execute(async (trx) => {
    const team = await trx
      .selectFrom('teams')
      .selectAll()
      .where('id', '=', teamId)
      .forUpdate()
      .executeTakeFirst();
    if (!team || team.delete_at > 0)
      throw notFound('app.team.get.find.app_error', 'Unable to find the existing team.');
    const user = await trx
      .selectFrom('users')
      .select(['id', 'email', 'roles', 'delete_at', 'is_bot'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
    if (user.delete_at > 0)
      throw badRequest('app.team.join_user_to_team.inactive.app_error', 'The user is deactivated.');
    const existing = await trx
      .selectFrom('team_members')
      .select('delete_at')
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (existing && existing.delete_at === 0) return { joined: false, channels: [] as string[] };
    if (!user.is_bot && team.allowed_domains && !emailDomainAllowed(user.email, team.allowed_domains)) {
      throw badRequest(
        'api.team.join_user_to_team.allowed_domains.app_error',
        'The user cannot be added as the domain associated with the account is not permitted. Contact your System Administrator for additional details.',
      );
    }
    const count = await trx
      .selectFrom('team_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('team_id', '=', teamId)
      .where('delete_at', '=', 0)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= config.TeamSettings.MaxUsersPerTeam) {
      throw new AppError(
        'app.team.join_user_to_team.max_accounts.app_error',
        'This team has reached the maximum number of allowed accounts. Contact your System Administrator to set a higher limit.',
        400,
      );
    }
    const isGuest = hasRole(user.roles, 'system_guest');
    const now = Date.now();
    await trx
      .insertInto('team_members')
      .values({
        team_id: teamId,
        user_id: userId,
        scheme_user: !isGuest,
        scheme_guest: isGuest,
        create_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['team_id', 'user_id']).doUpdateSet({
          delete_at: 0,
          roles: '',
          scheme_admin: false,
          scheme_user: !isGuest,
          scheme_guest: isGuest,
        }),
      )
      .execute();
    const channels = await joinTeamDefaultChannels(
      trx,
      teamId,
      userId,
      config.TeamSettings.ExperimentalDefaultChannels,
      isGuest,
    );
    return { joined: true, channels };
  });
  if (result.joined) {
    app.events.publish({
      event: 'added_to_team',
      data: { team_id: teamId, user_id: userId },
      broadcast: { userId },
    });
    for (const channelId of result.channels) {
      app.events.publish({
        event: 'user_added',
        data: { user_id: userId, team_id: teamId },
        broadcast: { channelId },
      });
    }
  }
  return result.joined;
}

/** Joins the team whose invite id this is (sign-up with `iid`, POST /teams/members/invite). */
export async function addUserToTeamByInvite(app: App, userId: string, inviteId: string): Promise<string> {
  const teamId = await teamIdForInvite(app, inviteId);
  await addUserToTeam(app, teamId, userId);
  return teamId;
}

/** The live team with this invite id (400 when there is none). */
export async function teamIdForInvite(app: App, inviteId: string): Promise<string> {
  const team = await app.db
    .selectFrom('teams')
    .select('id')
    .where('invite_id', '=', inviteId)
    .where('delete_at', '=', 0)
    .executeTakeFirst();
  if (!team)
    throw badRequest(
      'api.team.add_user_to_team_from_invite.invalid.app_error',
      'The invite id is not valid.',
    );
  return team.id;
}
