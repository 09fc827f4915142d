import type { App, Session } from '../../app.ts';
import { forbidden, invalidParam } from '../../errors/app-error.ts';
import { hasPermissionToTeam, requireTeamPermission } from '../../permissions/authorize.ts';
import { isValidId } from '../../platform/ids.ts';
import { BUILTINS } from './builtins/index.ts';
import { presentCommand, sanitizeCommand, type PresentedCommand } from './present.ts';
import { MAX_TEAM_COMMANDS, requireCommandsEnabled } from './service.ts';
import * as store from './store.ts';
import type { BuiltinCommand } from './types.ts';

/** Command lists: GET /commands, the team's autocomplete list and autocomplete suggestions. */

/** A built-in as the Command object clients list (Mattermost's provider GetCommand). */
function builtinAsCommand(b: BuiltinCommand, teamId: string): PresentedCommand {
  return {
    id: '',
    token: '',
    create_at: 0,
    update_at: 0,
    delete_at: 0,
    creator_id: '',
    team_id: teamId,
    trigger: b.trigger,
    method: '',
    username: '',
    icon_url: '',
    auto_complete: true,
    auto_complete_desc: b.description,
    auto_complete_hint: b.hint,
    display_name: b.displayName,
    description: '',
    url: '',
  };
}

/** Built-ins and the team's commands offering autocomplete, with nothing secret in them. */
async function autocompleteCommands(app: App, teamId: string): Promise<PresentedCommand[]> {
  const out = BUILTINS.map((b) => builtinAsCommand(b, teamId));
  if (!app.config.get().ServiceSettings.EnableCommands) return out;
  const custom = await store.listTeamCommands(app.db, teamId, MAX_TEAM_COMMANDS);
  for (const c of custom) if (c.auto_complete) out.push(sanitizeCommand(presentCommand(c)));
  return out;
}

/** The team's commands the caller manages: their own, or all with manage_others_slash_commands. */
async function managedCommands(app: App, session: Session, teamId: string) {
  const all = await hasPermissionToTeam(app, session, teamId, 'manage_others_slash_commands');
  const rows = await store.listTeamCommands(
    app.db,
    teamId,
    MAX_TEAM_COMMANDS,
    all ? undefined : session.userId,
  );
  return rows.map(presentCommand);
}

/** GET /commands?team_id=&custom_only= */
export async function listCommands(
  app: App,
  session: Session,
  teamId: string | undefined,
  customOnly: boolean,
) {
  if (!isValidId(teamId)) throw invalidParam('team_id');
  await requireTeamPermission(app, session, teamId, 'view_team');
  const manager = await hasPermissionToTeam(app, session, teamId, 'manage_own_slash_commands');
  if (customOnly) {
    if (!manager) throw forbidden();
    requireCommandsEnabled(app);
    return managedCommands(app, session, teamId);
  }
  if (!manager) return autocompleteCommands(app, teamId);
  const builtins = BUILTINS.map((b) => builtinAsCommand(b, teamId));
  if (!app.config.get().ServiceSettings.EnableCommands) return builtins;
  return [...builtins, ...(await managedCommands(app, session, teamId))];
}

/** GET /teams/{team_id}/commands/autocomplete */
export async function listAutocomplete(app: App, session: Session, teamId: string) {
  await requireTeamPermission(app, session, teamId, 'view_team');
  return autocompleteCommands(app, teamId);
}

export interface AutocompleteSuggestion {
  Complete: string;
  Suggestion: string;
  Hint: string;
  Description: string;
  IconData: string;
}

/** GET /teams/{team_id}/commands/autocomplete_suggestions?user_input=: the triggers the input starts. */
export async function suggestions(
  app: App,
  session: Session,
  teamId: string,
  userInput: string | undefined,
): Promise<AutocompleteSuggestion[]> {
  await requireTeamPermission(app, session, teamId, 'view_team');
  if (!userInput) throw invalidParam('userInput');
  const input = userInput.replace(/^\//u, '').toLowerCase();
  // Past the trigger the argument is free text that only the command itself understands.
  if (/\s/u.test(input)) return [];
  return (await autocompleteCommands(app, teamId))
    .filter((c) => c.trigger.startsWith(input))
    .map((c) => ({
      Complete: c.trigger,
      Suggestion: `/${c.trigger}`,
      Hint: c.auto_complete_hint,
      Description: c.auto_complete_desc,
      IconData: '',
    }));
}
