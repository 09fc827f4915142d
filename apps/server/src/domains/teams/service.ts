import type { App, Session } from '../../app.ts';
import { badRequest } from '../../errors/app-error.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requireSystemPermission } from '../../permissions/authorize.ts';
import { createTeamDefaultChannels, joinTeamDefaultChannels } from '../channels/membership.ts';
import * as store from './store.ts';
import { teamDisplayNameProblem, teamNameProblem, teamTypeProblem } from './policy.ts';

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
