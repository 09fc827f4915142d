import { invalidParam } from '../../errors/app-error.ts';
import { isValidId } from '../../platform/ids.ts';

/** Pure rules for webhooks (Mattermost's model/incoming_webhook.go and outgoing_webhook.go). */

export const TRIGGER_EXACT = 0;
export const TRIGGER_STARTS_WITH = 1;
export const CONTENT_TYPE_JSON = 'application/json';

type Input = Record<string, unknown>;

/** A problem as [error id, message], reported as a 400. */
export type Problem = [string, string];

function str(input: Input, name: string, what: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParam(what);
  return v;
}

function strList(input: Input, name: string, what: string): string[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw invalidParam(what);
  return v as string[];
}

export interface IncomingFields {
  channel_id?: string;
  user_id?: string;
  team_id?: string;
  display_name?: string;
  description?: string;
  username?: string;
  icon_url?: string;
  channel_locked?: boolean;
}

/** The fields of an IncomingWebhook body; a field of the wrong type is a 400 as a failed decode. */
export function readIncoming(input: Input): IncomingFields {
  const what = 'incoming_webhook';
  const locked = input.channel_locked;
  if (locked !== undefined && locked !== null && typeof locked !== 'boolean') throw invalidParam(what);
  return {
    channel_id: str(input, 'channel_id', what),
    user_id: str(input, 'user_id', what),
    team_id: str(input, 'team_id', what),
    display_name: str(input, 'display_name', what),
    description: str(input, 'description', what),
    username: str(input, 'username', what),
    icon_url: str(input, 'icon_url', what),
    channel_locked: typeof locked === 'boolean' ? locked : undefined,
  };
}

export function incomingProblem(h: {
  display_name: string;
  description: string;
  username: string;
  icon_url: string;
}): Problem | null {
  if ([...h.display_name].length > 64)
    return ['model.incoming_hook.display_name.app_error', 'Invalid display name.'];
  if ([...h.description].length > 500)
    return ['model.incoming_hook.description.app_error', 'Invalid description.'];
  if ([...h.username].length > 255) return ['model.incoming_hook.username.app_error', 'Invalid username.'];
  if ([...h.icon_url].length > 1024) return ['model.incoming_hook.icon_url.app_error', 'Invalid icon.'];
  return null;
}

export interface OutgoingFields {
  team_id?: string;
  channel_id?: string;
  creator_id?: string;
  trigger_words?: string[];
  trigger_when?: number;
  callback_urls?: string[];
  display_name?: string;
  description?: string;
  content_type?: string;
  username?: string;
  icon_url?: string;
}

export function readOutgoing(input: Input): OutgoingFields {
  const what = 'outgoing_webhook';
  const when = input.trigger_when;
  if (when !== undefined && when !== null && !Number.isInteger(when)) throw invalidParam(what);
  return {
    team_id: str(input, 'team_id', what),
    channel_id: str(input, 'channel_id', what),
    creator_id: str(input, 'creator_id', what),
    trigger_words: strList(input, 'trigger_words', what),
    trigger_when: typeof when === 'number' ? when : undefined,
    callback_urls: strList(input, 'callback_urls', what),
    display_name: str(input, 'display_name', what),
    description: str(input, 'description', what),
    content_type: str(input, 'content_type', what),
    username: str(input, 'username', what),
    icon_url: str(input, 'icon_url', what),
  };
}

/** Go's fmt "%s" of a string slice, whose length Mattermost bounds. */
const goList = (list: readonly string[]) => `[${list.join(' ')}]`;

export function isValidHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function outgoingProblem(h: {
  team_id: string;
  channel_id: string;
  trigger_words: readonly string[];
  trigger_when: number;
  callback_urls: readonly string[];
  display_name: string;
  description: string;
  content_type: string;
  username: string;
  icon_url: string;
}): Problem | null {
  const p = (field: string, message: string): Problem => [
    `model.outgoing_hook.is_valid.${field}.app_error`,
    message,
  ];
  if (!isValidId(h.team_id)) return p('team_id', 'Invalid team id.');
  if (h.channel_id !== '' && !isValidId(h.channel_id)) return p('channel_id', 'Invalid channel id.');
  if (goList(h.trigger_words).length > 1024) return p('words', 'Invalid trigger words.');
  if (h.trigger_words.some((w) => w.trim() === '')) return p('trigger_words', 'Invalid trigger words.');
  if (h.callback_urls.length === 0 || goList(h.callback_urls).length > 1024)
    return p('callback', 'Invalid callback urls.');
  if (!h.callback_urls.every(isValidHttpUrl))
    return p('url', 'Invalid callback urls. Each must be a valid URL and start with http:// or https://.');
  if ([...h.display_name].length > 64) return p('display_name', 'Invalid display name.');
  if ([...h.description].length > 500) return p('description', 'Invalid description.');
  if (h.content_type.length > 128) return p('content_type', 'Invalid value for content_type.');
  if (h.trigger_when !== TRIGGER_EXACT && h.trigger_when !== TRIGGER_STARTS_WITH)
    return p('trigger_when', 'Invalid value for trigger_when.');
  if ([...h.username].length > 64) return ['model.outgoing_hook.username.app_error', 'Invalid username.'];
  if ([...h.icon_url].length > 1024) return ['model.outgoing_hook.icon_url.app_error', 'Invalid icon.'];
  return null;
}

/** Two hooks of one channel may not share both a trigger word and a callback URL. */
export function overlaps(
  a: { channel_id: string; trigger_words: readonly string[]; callback_urls: readonly string[] },
  b: { channel_id: string; trigger_words: readonly string[]; callback_urls: readonly string[] },
): boolean {
  return (
    a.channel_id === b.channel_id &&
    a.trigger_words.some((w) => b.trigger_words.includes(w)) &&
    a.callback_urls.some((u) => b.callback_urls.includes(u))
  );
}

/**
 * The trigger word a post fires a hook with ('' for a whole-channel hook), or null when it does
 * not fire (Mattermost's handleWebhookEvents).
 */
export function matchTrigger(
  hook: { channel_id: string; trigger_words: readonly string[]; trigger_when: number },
  channelId: string,
  message: string,
): string | null {
  const firstWord = message.trim().split(/\s+/u)[0] ?? '';
  if (firstWord === '') return null;
  if (hook.channel_id !== '' && hook.channel_id !== channelId) return null;
  if (hook.channel_id === channelId && hook.trigger_words.length === 0) return '';
  if (hook.trigger_when === TRIGGER_EXACT) return hook.trigger_words.find((w) => w === firstWord) ?? null;
  if (hook.trigger_when === TRIGGER_STARTS_WITH)
    return hook.trigger_words.find((w) => firstWord.startsWith(w)) ?? null;
  return null;
}
