import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, invalidParam, notFound, notImplemented } from '../../errors/app-error.ts';
import { hasPermissionToTeam, requireTeamPermission } from '../../permissions/authorize.ts';
import { isValidId, newId } from '../../platform/ids.ts';
import { findTeam } from '../teams/store.ts';
import { findUser } from '../users/store.ts';
import { builtinCommand } from './builtins/index.ts';
import { commandProblem, readCommandFields, type CommandFields } from './policy.ts';
import * as store from './store.ts';

/** Managing custom slash commands (Mattermost's api4/command.go and app/command.go). */

type Input = Record<string, unknown>;

/** More commands than any team has; bounds every list and the duplicate-trigger check. */
export const MAX_TEAM_COMMANDS = 1000;

export const commandNotFound = () =>
  notFound('store.sql_command.save.get.app_error', 'Unable to get the command.');

export function requireCommandsEnabled(app: App): void {
  if (!app.config.get().ServiceSettings.EnableCommands)
    throw notImplemented(
      'api.command.disabled.app_error',
      'Commands have been disabled by the system admin.',
    );
}

const OWN = 'manage_own_slash_commands';
const OTHERS = 'manage_others_slash_commands';

/** A command the caller may manage; anything short of that reads as missing, so ids do not leak. */
async function managedCommand(app: App, session: Session, id: string): Promise<store.CommandRow> {
  requireCommandsEnabled(app);
  const cmd = await store.findCommand(app.db, id);
  if (!cmd || !(await hasPermissionToTeam(app, session, cmd.team_id, OWN))) throw commandNotFound();
  return cmd;
}

async function requireOthers(app: App, session: Session, cmd: store.CommandRow): Promise<void> {
  if (cmd.creator_id !== session.userId) await requireTeamPermission(app, session, cmd.team_id, OTHERS);
}

async function checkFields(app: App, f: CommandFields, selfId: string): Promise<void> {
  const problem = commandProblem(f);
  if (problem) throw badRequest(problem[0], problem[1]);
  const duplicate = () =>
    badRequest(
      'api.command.duplicate_trigger.app_error',
      'This trigger word is already in use. Please choose another word.',
    );
  if (builtinCommand(f.trigger)) throw duplicate();
  const existing = await store.findByTrigger(app.db, f.team_id, f.trigger);
  if (existing && existing.id !== selfId) throw duplicate();
}

const editable = (f: CommandFields) => ({
  trigger: f.trigger,
  method: f.method,
  url: f.url,
  username: f.username,
  icon_url: f.icon_url,
  auto_complete: f.auto_complete,
  auto_complete_desc: f.auto_complete_desc,
  auto_complete_hint: f.auto_complete_hint,
  display_name: f.display_name,
  description: f.description,
});

export async function createCommand(app: App, session: Session, input: Input): Promise<store.CommandRow> {
  const f = readCommandFields(input);
  if (!isValidId(f.team_id) || !(await hasPermissionToTeam(app, session, f.team_id, OWN))) throw forbidden();
  let creatorId = session.userId;
  const asked = typeof input.creator_id === 'string' ? input.creator_id : '';
  if (asked && asked !== session.userId) {
    await requireTeamPermission(app, session, f.team_id, OTHERS);
    const creator = isValidId(asked) ? await findUser(app.db, asked) : undefined;
    if (!creator) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
    creatorId = creator.id;
  }
  requireCommandsEnabled(app);
  await checkFields(app, f, '');
  const now = Date.now();
  return store.insertCommand(app.db, {
    id: newId(),
    token: newId(),
    create_at: now,
    update_at: now,
    creator_id: creatorId,
    team_id: f.team_id,
    ...editable(f),
  });
}

export async function getCommand(app: App, session: Session, id: string): Promise<store.CommandRow> {
  const cmd = await managedCommand(app, session, id);
  if (cmd.creator_id !== session.userId && !(await hasPermissionToTeam(app, session, cmd.team_id, OTHERS)))
    throw commandNotFound();
  return cmd;
}

/** PUT /commands/{id}: replaces the editable fields; id, token, team and creator stay. */
export async function updateCommand(app: App, session: Session, id: string, input: Input) {
  if (input.id !== id) throw invalidParam('command');
  requireCommandsEnabled(app);
  const old = await store.findCommand(app.db, id);
  if (!old) throw commandNotFound();
  if (input.team_id !== old.team_id)
    throw badRequest('api.command.team_mismatch.app_error', 'Unable to update commands across teams.');
  if (!(await hasPermissionToTeam(app, session, old.team_id, OWN))) throw commandNotFound();
  await requireOthers(app, session, old);
  const f = readCommandFields(input);
  await checkFields(app, f, id);
  const updated = await store.updateCommand(app.db, id, { ...editable(f), update_at: Date.now() });
  if (!updated) throw commandNotFound();
  return updated;
}

export async function deleteCommand(app: App, session: Session, id: string): Promise<void> {
  const cmd = await managedCommand(app, session, id);
  await requireOthers(app, session, cmd);
  const now = Date.now();
  await store.updateCommand(app.db, id, { delete_at: now, update_at: now });
}

export async function regenerateToken(app: App, session: Session, id: string): Promise<string> {
  const cmd = await managedCommand(app, session, id);
  await requireOthers(app, session, cmd);
  const updated = await store.updateCommand(app.db, id, { token: newId(), update_at: Date.now() });
  if (!updated) throw commandNotFound();
  return updated.token;
}

/** PUT /commands/{id}/move: to another team the caller and the creator both manage commands in. */
export async function moveCommand(app: App, session: Session, id: string, input: Input): Promise<void> {
  const teamId = input.team_id;
  if (!isValidId(teamId)) throw invalidParam('team_id');
  const team = await findTeam(app.db, teamId);
  if (!team || team.delete_at > 0)
    throw notFound('app.team.get.find.app_error', 'Unable to find the existing team.');
  await requireTeamPermission(app, session, team.id, OWN);
  const cmd = await managedCommand(app, session, id);
  await requireOthers(app, session, cmd);
  const creator = await findUser(app.db, cmd.creator_id);
  const creatorSession = { ...session, userId: cmd.creator_id, roles: creator?.roles ?? '' };
  if (!creator || !(await hasPermissionToTeam(app, creatorSession, team.id, OWN)))
    throw badRequest(
      'api.command.move_command.creator_no_permission.app_error',
      'The command creator does not have permission to manage commands in the new team.',
    );
  if (await store.findByTrigger(app.db, team.id, cmd.trigger))
    throw badRequest(
      'api.command.duplicate_trigger.app_error',
      'This trigger word is already in use. Please choose another word.',
    );
  await store.updateCommand(app.db, id, { team_id: team.id, update_at: Date.now() });
}
