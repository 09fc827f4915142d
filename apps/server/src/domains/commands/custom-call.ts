import { AppError } from '../../errors/app-error.ts';
import type { App } from '../../app.ts';
import { outbound, OutboundError } from '../../platform/outbound/index.ts';
import { METHOD_GET } from './policy.ts';
import { readCommandResponse } from './respond.ts';
import type { CommandRow } from './store.ts';
import type { CommandResponse } from './types.ts';

/**
 * Calling a custom command's URL (Mattermost's DoCommandRequest) through the outbound client, so
 * internal addresses are refused unless allow-listed and the answer is bounded in size and time.
 */

/** The form fields Mattermost sends a command. */
export interface CommandPayload {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  trigger_id: string;
  response_url: string;
  root_id: string;
}

const failed = (trigger: string, detail: string) =>
  new AppError(
    'api.command.execute_command.failed.app_error',
    `Command with a trigger of '/${trigger}' failed.`,
    500,
    detail,
  );

function requestOf(cmd: CommandRow, payload: CommandPayload) {
  const form = new URLSearchParams(payload as unknown as Record<string, string>).toString();
  const headers: Record<string, string> = {
    Accept: 'application/json',
    Authorization: `Token ${cmd.token}`,
  };
  if (cmd.method === METHOD_GET) {
    const url = new URL(cmd.url);
    for (const [key, value] of new URLSearchParams(form)) url.searchParams.append(key, value);
    return { url: url.toString(), method: 'GET' as const, headers };
  }
  headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return { url: cmd.url, method: 'POST' as const, headers, body: form };
}

/** Mattermost's CommandResponseFromHTTPBody: JSON when labelled so, plain text otherwise. */
function responseOf(trigger: string, contentType: string, body: string): CommandResponse {
  if (contentType.split(';')[0].trim().toLowerCase() !== 'application/json') return { text: body };
  try {
    return readCommandResponse(JSON.parse(body));
  } catch (err) {
    throw failed(trigger, (err as Error).message);
  }
}

export async function callCommand(
  app: App,
  cmd: CommandRow,
  payload: CommandPayload,
): Promise<CommandResponse> {
  let res;
  try {
    res = await outbound(app).request(requestOf(cmd, payload));
  } catch (err) {
    if (err instanceof OutboundError) throw failed(cmd.trigger, `${err.reason}: ${err.message}`);
    throw err;
  }
  const body = res.body.toString('utf8');
  if (res.status !== 200)
    throw new AppError(
      'api.command.execute_command.failed_resp.app_error',
      `Command with a trigger of '/${cmd.trigger}' returned response ${res.status}.`,
      500,
      body.slice(0, 1000),
    );
  return responseOf(cmd.trigger, String(res.headers['content-type'] ?? ''), body);
}
