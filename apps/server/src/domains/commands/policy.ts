import { isValidId } from '../../platform/ids.ts';

/** Pure rules for custom commands and command lines (Mattermost's model/command.go). */

export const TRIGGER_MAX = 128;
export const URL_MAX = 1024;
export const DISPLAY_NAME_MAX = 64;
export const DESCRIPTION_MAX = 128;
export const USERNAME_MAX = 64;
export const AUTOCOMPLETE_TEXT_MAX = 1024;

export const METHOD_POST = 'P';
export const METHOD_GET = 'G';

/** The fields a client may set on a command. */
export interface CommandFields {
  team_id: string;
  trigger: string;
  method: string;
  url: string;
  username: string;
  icon_url: string;
  auto_complete: boolean;
  auto_complete_desc: string;
  auto_complete_hint: string;
  display_name: string;
  description: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Go decodes a Command leniently: wrong types become zero values, which validation then refuses. */
export function readCommandFields(input: Record<string, unknown>): CommandFields {
  return {
    team_id: text(input.team_id),
    trigger: text(input.trigger).trim().toLowerCase(),
    method: text(input.method).toUpperCase(),
    url: text(input.url).trim(),
    username: text(input.username),
    icon_url: text(input.icon_url),
    auto_complete: input.auto_complete === true,
    auto_complete_desc: text(input.auto_complete_desc),
    auto_complete_hint: text(input.auto_complete_hint),
    display_name: text(input.display_name),
    description: text(input.description),
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const runes = (s: string) => [...s].length;

/** The first problem of a command about to be saved, as [error id, message], or null. */
export function commandProblem(f: CommandFields): [string, string] | null {
  if (!isValidId(f.team_id)) return ['model.command.is_valid.team_id.app_error', 'Invalid team ID.'];
  if (
    f.trigger === '' ||
    f.trigger.length > TRIGGER_MAX ||
    f.trigger.startsWith('/') ||
    /\s/u.test(f.trigger)
  )
    return [
      'model.command.is_valid.trigger.app_error',
      `Invalid trigger: it must be 1 to ${TRIGGER_MAX} characters, without spaces, and not start with a slash.`,
    ];
  if (f.url === '' || f.url.length > URL_MAX) return ['model.command.is_valid.url.app_error', 'Invalid URL.'];
  if (!isHttpUrl(f.url))
    return [
      'model.command.is_valid.url_http.app_error',
      'Invalid URL. Must be a valid URL and start with http:// or https://.',
    ];
  if (f.method !== METHOD_POST && f.method !== METHOD_GET)
    return ['model.command.is_valid.method.app_error', 'Invalid method: use P (POST) or G (GET).'];
  if (runes(f.display_name) > DISPLAY_NAME_MAX)
    return [
      'model.command.is_valid.display_name.app_error',
      `Invalid title: at most ${DISPLAY_NAME_MAX} characters.`,
    ];
  if (runes(f.description) > DESCRIPTION_MAX)
    return [
      'model.command.is_valid.description.app_error',
      `Invalid description: at most ${DESCRIPTION_MAX} characters.`,
    ];
  if (runes(f.username) > USERNAME_MAX)
    return [
      'model.command.is_valid.username.app_error',
      `Invalid username: at most ${USERNAME_MAX} characters.`,
    ];
  if (f.icon_url.length > URL_MAX) return ['model.command.is_valid.icon_url.app_error', 'Invalid icon URL.'];
  if (
    runes(f.auto_complete_desc) > AUTOCOMPLETE_TEXT_MAX ||
    runes(f.auto_complete_hint) > AUTOCOMPLETE_TEXT_MAX
  )
    return [
      'model.command.is_valid.autocomplete_data.app_error',
      'Invalid autocomplete description or hint.',
    ];
  return null;
}

/** "/Trigger rest of line" → trigger "trigger" and message "rest of line", as Mattermost splits it. */
export function splitCommandLine(command: string): { trigger: string; message: string } {
  const parts = command.split(' ');
  return { trigger: parts[0].slice(1).toLowerCase(), message: parts.slice(1).join(' ') };
}
