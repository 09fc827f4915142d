import { createHash } from 'node:crypto';
import { TOWN_SQUARE } from './membership.ts';

/** Mattermost's channel field rules (model/channel.go) and naming of DMs/GMs, as pure functions. */

export const CHANNEL_NAME_MAX = 64;
export const DISPLAY_NAME_MAX = 64;
export const HEADER_MAX = 1024;
export const PURPOSE_MAX = 250;
export const GROUP_MIN_MEMBERS = 3;
export const GROUP_MAX_MEMBERS = 8;

export type ChannelType = 'O' | 'P' | 'D' | 'G';

const runes = (s: string) => [...s].length;

export function channelNameProblem(name: string): string | null {
  if (name.length < 1 || name.length > CHANNEL_NAME_MAX) return 'Name must be 1 to 64 characters.';
  if (!/^[a-z0-9_-]+$/.test(name)) return 'Name must be lowercase letters, numbers, dashes and underscores.';
  return null;
}

/** Problems with the editable text fields of a channel; each an [error id, message] pair. */
export function channelFieldsProblem(fields: {
  display_name?: string;
  header?: string;
  purpose?: string;
}): [string, string] | null {
  if (fields.display_name !== undefined) {
    const n = runes(fields.display_name.trim());
    if (n < 1 || n > DISPLAY_NAME_MAX)
      return ['model.channel.is_valid.display_name.app_error', 'Display name must be 1 to 64 characters.'];
  }
  if (fields.header !== undefined && runes(fields.header) > HEADER_MAX)
    return ['model.channel.is_valid.header.app_error', 'Header must be at most 1024 characters.'];
  if (fields.purpose !== undefined && runes(fields.purpose) > PURPOSE_MAX)
    return ['model.channel.is_valid.purpose.app_error', 'Purpose must be at most 250 characters.'];
  return null;
}

export function isTeamChannelType(type: string): type is 'O' | 'P' {
  return type === 'O' || type === 'P';
}

/** DM name (model.GetDMNameFromIds): the two ids sorted and joined by `__`. */
export function directChannelName(a: string, b: string): string {
  return a < b ? `${a}__${b}` : `${b}__${a}`;
}

/** GM name (model.GetGroupNameFromUserIds): hex SHA-1 of the sorted ids written one after another. */
export function groupChannelName(userIds: string[]): string {
  const h = createHash('sha1');
  for (const id of [...userIds].sort()) h.update(id);
  return h.digest('hex');
}

/** GM display name (model.GetGroupDisplayNameFromUsers): sorted usernames, ", "-joined, cut at 64. */
export function groupDisplayName(usernames: string[]): string {
  return [...usernames].sort().join(', ').slice(0, CHANNEL_NAME_MAX);
}

/** Permission guarding an action on a public or private channel. */
export function permissionFor(type: string, action: 'properties' | 'members' | 'delete'): string {
  const scope = type === 'P' ? 'private' : 'public';
  if (action === 'delete') return `delete_${scope}_channel`;
  return `manage_${scope}_channel_${action}`;
}

/** Town Square cannot be left, archived, renamed or made private. */
export function isDefaultChannel(channel: { name: string; type: string }): boolean {
  return channel.type === 'O' && channel.name === TOWN_SQUARE;
}

/** Merges notify props sent by a client into the stored ones; only string values are kept. */
export function mergeNotifyProps(
  current: Record<string, string>,
  patch: Record<string, unknown>,
): Record<string, string> {
  const out = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'channel_id' || key === 'user_id') continue;
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** Escapes LIKE wildcards in a user's search term. */
export function likeTerm(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const NOTIFY_LEVELS: Record<string, string[]> = {
  desktop: ['default', 'all', 'mention', 'none'],
  email: ['default', 'all', 'mention', 'none'],
  push: ['default', 'all', 'mention', 'none'],
  desktop_threads: ['default', 'all', 'mention', 'none'],
  push_threads: ['default', 'all', 'mention', 'none'],
  mark_unread: ['all', 'mention'],
  ignore_channel_mentions: ['default', 'off', 'on'],
  channel_auto_follow_threads: ['off', 'on'],
};

/** The first notify prop with a value Mattermost's ChannelMember.IsValid refuses, or null. */
export function notifyPropsProblem(props: Record<string, string>): string | null {
  for (const [key, allowed] of Object.entries(NOTIFY_LEVELS)) {
    if (props[key] !== undefined && !allowed.includes(props[key])) return key;
  }
  return null;
}
