/** Pure rules for posts (Mattermost's model/post.go and model/utils.go), tested in policy.test.ts. */

/** model.PostMessageMaxRunesV2, the default MaxPostSize. */
export const MAX_POST_RUNES = 16383;
export const MAX_FILE_IDS = 10;
/** Mattermost's PostPropsMaxRunes: props serialise to at most this many runes. */
export const MAX_PROPS_RUNES = 800000;
const MAX_HASHTAGS_CHARS = 1000;

export const SYSTEM_PREFIX = 'system_';

/** Post types whose posts do not count as messages (model.Post.IsJoinLeaveMessage). */
export const JOIN_LEAVE_TYPES = new Set([
  'system_join_leave',
  'system_join_channel',
  'system_leave_channel',
  'system_join_team',
  'system_leave_team',
  'system_add_to_channel',
  'system_remove_from_channel',
  'system_add_to_team',
  'system_remove_from_team',
]);

export function isJoinLeaveType(type: string): boolean {
  return JOIN_LEAVE_TYPES.has(type);
}

export function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** The first problem of a post's fields as [error id, message], or null. */
export function postFieldsProblem(fields: {
  message: string;
  fileIds: readonly string[];
  props: Record<string, unknown>;
}): [string, string] | null {
  if (runeCount(fields.message) > MAX_POST_RUNES)
    return ['model.post.is_valid.msg.app_error', `Message must be ${MAX_POST_RUNES} characters or fewer.`];
  if (fields.fileIds.length > MAX_FILE_IDS)
    return ['model.post.is_valid.file_ids.app_error', `A post may have at most ${MAX_FILE_IDS} files.`];
  if (runeCount(JSON.stringify(fields.props)) > MAX_PROPS_RUNES)
    return ['model.post.is_valid.props.app_error', 'Invalid props.'];
  return null;
}

const puncStart = /^[^\p{L}\d\s#]+/u;
const puncEnd = /[^\p{L}\d\s]+$/u;
const hashtagStart = /^#{2,}/u;
const validHashtag = /^#\p{L}[\p{L}\d\-_.]*[\p{L}\d]$/u;

/** model.ParseHashtags: the space-separated #tags of a message, trimmed of punctuation. */
export function parseHashtags(text: string): string {
  const tags: string[] = [];
  for (const raw of text.split(/\s+/u)) {
    const word = raw.replace(puncStart, '').replace(puncEnd, '').replace(hashtagStart, '#');
    if (validHashtag.test(word)) tags.push(word);
  }
  let joined = tags.join(' ');
  if (joined.length > MAX_HASHTAGS_CHARS) {
    joined = joined.slice(0, MAX_HASHTAGS_CHARS - 1);
    const lastSpace = joined.lastIndexOf(' ');
    joined = lastSpace > 0 ? joined.slice(0, lastSpace) : '';
  }
  return joined;
}

/** PostEditTimeLimit in seconds, -1 for none: may a post created at `createAt` still change text? */
export function withinEditTimeLimit(limitSeconds: number, createAt: number, now: number): boolean {
  return limitSeconds < 0 || now <= createAt + limitSeconds * 1000;
}

/** An optional array of ids in a body, as strings only; null when it is malformed. */
export function stringArray(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return null;
  return value as string[];
}
