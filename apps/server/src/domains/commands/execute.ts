import type { App, Session } from '../../app.ts';
import { AppError, badRequest, forbidden, notFound } from '../../errors/app-error.ts';
import { hasPermissionToChannel, hasPermissionToTeam } from '../../permissions/authorize.ts';
import { isValidId, newId } from '../../platform/ids.ts';
import { generateTriggerId } from '../actions/trigger.ts';
import { findChannel } from '../channels/store.ts';
import { isTeamChannelType } from '../channels/policy.ts';
import { findTeam } from '../teams/store.ts';
import { findUsername } from '../posts/store.ts';
import { builtinCommand } from './builtins/index.ts';
import { callCommand } from './custom-call.ts';
import { splitCommandLine } from './policy.ts';
import { handleCommandResponse } from './respond.ts';
import * as store from './store.ts';
import { ephemeral, type CommandContext, type CommandResponse } from './types.ts';

/** POST /commands/execute (Mattermost's executeCommand and ExecuteCommand). */

/** Upstream's CommandWebhookLifetime and MaxCommandWebhookUseCount. */
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;
export const RESPONSE_URL_MAX_USES = 5;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const notFoundCommand = (trigger: string) =>
  notFound(
    'api.command.execute_command.not_found.app_error',
    `Command with a trigger of '/${trigger}' not found. To send a message beginning with "/", try adding an empty space at the beginning of the message.`,
  );

/** The caller may post in the channel; the command runs in the channel's team (or, in a DM, a team of theirs). */
async function commandContext(
  app: App,
  session: Session,
  input: Record<string, unknown>,
  siteUrl: string,
): Promise<CommandContext> {
  const channelId = str(input.channel_id);
  if (!(await hasPermissionToChannel(app, session, channelId, 'create_post'))) throw forbidden();
  const channel = await findChannel(app.db, channelId);
  if (!channel) throw forbidden();
  if (channel.delete_at > 0)
    throw badRequest(
      'api.command.execute_command.deleted.error',
      'Cannot run commands in an archived channel.',
    );
  let teamId = channel.team_id;
  if (!isTeamChannelType(channel.type)) {
    teamId = str(input.team_id);
    if (teamId && !(isValidId(teamId) && (await hasPermissionToTeam(app, session, teamId, 'view_team'))))
      throw forbidden();
  }
  const team = teamId ? ((await findTeam(app.db, teamId)) ?? null) : null;
  const rootId = str(input.root_id) || str(input.parent_id);
  return { app, session, channel, team, rootId: isValidId(rootId) ? rootId : '', siteUrl };
}

/** A built-in's refusal (no permission, bad name…) is told to the caller, as upstream's built-ins do. */
async function runBuiltin(
  ctx: CommandContext,
  trigger: string,
  message: string,
): Promise<CommandResponse | null> {
  const builtin = builtinCommand(trigger);
  if (!builtin) return null;
  try {
    return await builtin.run(ctx, message);
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500) return ephemeral(err.message);
    throw err;
  }
}

async function runCustom(ctx: CommandContext, trigger: string, message: string) {
  const { app, session, channel, team } = ctx;
  if (!app.config.get().ServiceSettings.EnableCommands || !team) return null;
  const cmd = await store.findByTrigger(app.db, team.id, trigger);
  if (!cmd) return null;
  const now = Date.now();
  const hookId = newId();
  await store.deleteExpiredCommandWebhooks(app.db, now - RESPONSE_URL_LIFETIME_MS);
  await store.insertCommandWebhook(app.db, {
    id: hookId,
    create_at: now,
    command_id: cmd.id,
    user_id: session.userId,
    channel_id: channel.id,
    root_id: ctx.rootId,
  });
  const response = await callCommand(app, cmd, {
    token: cmd.token,
    team_id: team.id,
    team_domain: team.name,
    channel_id: channel.id,
    channel_name: channel.name,
    user_id: session.userId,
    user_name: (await findUsername(app.db, session.userId)) ?? '',
    command: `/${trigger}`,
    text: message,
    trigger_id: await generateTriggerId(app, session.userId),
    response_url: `${ctx.siteUrl}/hooks/commands/${hookId}`,
    root_id: ctx.rootId,
  });
  return { cmd, response };
}

export async function executeCommand(
  app: App,
  session: Session,
  input: Record<string, unknown>,
  siteUrl: string,
): Promise<CommandResponse> {
  const command = str(input.command);
  if (command.length <= 1 || !command.startsWith('/') || !isValidId(input.channel_id))
    throw badRequest('api.command.execute_command.start.app_error', 'No command trigger found.');
  const ctx = await commandContext(app, session, input, siteUrl);
  const { trigger, message } = splitCommandLine(command);
  const target = { userId: session.userId, channel: ctx.channel, rootId: ctx.rootId };

  const builtin = await runBuiltin(ctx, trigger, message);
  if (builtin) {
    await handleCommandResponse(app, session, { ...target, command: null }, builtin);
    return builtin;
  }
  const custom = await runCustom(ctx, trigger, message);
  if (!custom) throw notFoundCommand(trigger);
  await handleCommandResponse(app, session, { ...target, command: custom.cmd }, custom.response);
  return custom.response;
}
