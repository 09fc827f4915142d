import type { App, Session } from '../../app.ts';
import type { ChannelRow } from '../channels/store.ts';
import type { TeamRow } from '../teams/store.ts';

/** Mattermost's CommandResponse, as built-ins and integrations answer. */
export interface CommandResponse {
  response_type?: string;
  text?: string;
  username?: string;
  icon_url?: string;
  channel_id?: string;
  type?: string;
  props?: Record<string, unknown>;
  goto_location?: string;
  trigger_id?: string;
  skip_slack_parsing?: boolean;
  attachments?: unknown;
  extra_responses?: CommandResponse[];
}

export const RESPONSE_IN_CHANNEL = 'in_channel';
export const RESPONSE_EPHEMERAL = 'ephemeral';

/** Where and by whom a command runs (Mattermost's CommandArgs). */
export interface CommandContext {
  app: App;
  session: Session;
  channel: ChannelRow;
  /** The channel's team; for a DM or GM the team the client named, or null. */
  team: TeamRow | null;
  rootId: string;
  /** The server's public base URL, for goto_location and response_url. */
  siteUrl: string;
}

/** A command that runs inside the server. */
export interface BuiltinCommand {
  trigger: string;
  displayName: string;
  description: string;
  hint: string;
  run(ctx: CommandContext, message: string): Promise<CommandResponse>;
}

/** A reply shown to the caller only. */
export const ephemeral = (text: string): CommandResponse => ({ response_type: RESPONSE_EPHEMERAL, text });
