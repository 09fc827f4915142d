/**
 * Who a post mentions (Mattermost's getExplicitMentions and MentionKeywords.AddUser). Pure: the
 * caller supplies the channel's members with their notify props and statuses.
 */

/** Keyword (lower case) → the users it mentions. */
export type MentionKeywords = Map<string, Set<string>>;

export interface MentionCandidate {
  userId: string;
  username: string;
  firstName: string;
  /** The user's notify_props (first_name, mention_keys, channel). */
  userProps: Record<string, string>;
  /** The channel member's notify_props (ignore_channel_mentions). */
  memberProps: Record<string, string>;
  online: boolean;
}

export const CHANNEL_KEYS = ['@channel', '@all'] as const;
export const HERE_KEY = '@here';

function add(keywords: MentionKeywords, keyword: string, userId: string): void {
  const key = keyword.toLowerCase();
  if (key === '') return;
  let set = keywords.get(key);
  if (!set) {
    set = new Set();
    keywords.set(key, set);
  }
  set.add(userId);
}

/**
 * A member ignores @channel/@all/@here when the channel says so ("on"), or, left at "default",
 * when their account turned channel-wide mentions off (notify_props.channel = "false").
 */
export function ignoresChannelMentions(c: MentionCandidate): boolean {
  const prop = c.memberProps.ignore_channel_mentions ?? 'default';
  if (prop === 'on') return true;
  if (prop === 'off') return false;
  return c.userProps.channel === 'false';
}

export function buildKeywords(candidates: readonly MentionCandidate[], allowChannelMentions: boolean) {
  const keywords: MentionKeywords = new Map();
  for (const c of candidates) {
    add(keywords, `@${c.username}`, c.userId);
    if (c.userProps.first_name === 'true' && c.firstName !== '') add(keywords, c.firstName, c.userId);
    for (const key of (c.userProps.mention_keys ?? '').split(',')) add(keywords, key.trim(), c.userId);
    if (allowChannelMentions && !ignoresChannelMentions(c)) {
      for (const key of CHANNEL_KEYS) add(keywords, key, c.userId);
      if (c.online) add(keywords, HERE_KEY, c.userId);
    }
  }
  return keywords;
}

/** Markdown code (fenced blocks, indented blocks, inline spans) never mentions anyone. */
export function stripCode(text: string): string {
  return text
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))/gm, ' ')
    .replace(/^(?: {4}|\t)[^\n]*$/gm, ' ')
    .replace(/(`+)[\s\S]*?\1/g, ' ');
}

export interface MentionResult {
  /** Mentioned user ids, each once. */
  userIds: Set<string>;
  hereMentioned: boolean;
  channelMentioned: boolean;
  allMentioned: boolean;
}

const SPLIT = /[^\p{L}\p{N}:._@-]+/u;
const TRAILING = /[.:_-]+$/;

/** The users a message's text mentions through the given keywords, case-insensitively. */
export function parseMentions(message: string, keywords: MentionKeywords): MentionResult {
  const result: MentionResult = {
    userIds: new Set(),
    hereMentioned: false,
    channelMentioned: false,
    allMentioned: false,
  };
  const check = (word: string): boolean => {
    const key = word.toLowerCase();
    if (key === HERE_KEY) result.hereMentioned = true;
    if (key === '@channel') result.channelMentioned = true;
    if (key === '@all') result.allMentioned = true;
    const users = keywords.get(key);
    if (!users) return false;
    for (const id of users) result.userIds.add(id);
    return true;
  };
  for (const word of stripCode(message).split(SPLIT)) {
    if (word === '' || check(word)) continue;
    // "@bob." or "@bob:" — punctuation that ends a sentence is not part of the name.
    const trimmed = word.replace(TRAILING, '');
    if (trimmed !== word && check(trimmed)) continue;
    // "hi@bob" mentions bob as well.
    const at = trimmed.indexOf('@');
    if (at > 0) check(trimmed.slice(at));
  }
  return result;
}

export interface MentionInput {
  channelType: string;
  authorId: string;
  message: string;
  /** System messages (joins, header changes…) mention nobody. */
  isSystem: boolean;
  allowChannelMentions: boolean;
  candidates: readonly MentionCandidate[];
}

/**
 * The members a new post mentions: in a DM the other member, in a GM every other member, elsewhere
 * whoever the text names. Authors never mention themselves.
 */
export function mentionedUsers(input: MentionInput): string[] {
  const ids = new Set<string>();
  if (input.isSystem) return [];
  if (input.channelType === 'D' || input.channelType === 'G') {
    for (const c of input.candidates) ids.add(c.userId);
  } else {
    const keywords = buildKeywords(input.candidates, input.allowChannelMentions);
    for (const id of parseMentions(input.message, keywords).userIds) ids.add(id);
  }
  ids.delete(input.authorId);
  return [...ids].sort();
}

export interface CountablePost {
  user_id: string;
  message: string;
  type: string;
}

/**
 * How many of `posts` mention one user (recounting after a mark-unread). Channel-wide mentions
 * count as the poster's permission allowed them when posting is not known any more.
 */
export function countMentions(
  user: MentionCandidate,
  channelType: string,
  posts: readonly CountablePost[],
): number {
  const keywords = buildKeywords([user], true);
  let n = 0;
  for (const p of posts) {
    if (p.user_id === user.userId || p.type.startsWith('system_')) continue;
    if (channelType === 'D' || channelType === 'G') n += 1;
    else if (parseMentions(p.message, keywords).userIds.has(user.userId)) n += 1;
  }
  return n;
}
