import type { App, Session } from '../../app.ts';
import { badRequest, invalidParam, type AppError } from '../../errors/app-error.ts';
import { requireTeamPermission } from '../../permissions/authorize.ts';
import { presentPostList, type PostListShape } from '../posts/present.ts';
import { findPostsByIds } from '../posts/store.ts';
import type { SearchEngine } from './engine.ts';
import { matchedTerms } from './matches.ts';
import { postgresSearchEngine } from './postgres-engine.ts';
import * as store from './store.ts';
import { dateWindow, MAX_TERMS_LENGTH, parseSearch, type ParsedSearch } from './syntax.ts';

/**
 * Post search (Mattermost's SearchPostsForUser): parse the terms, decide which channels the
 * searcher may look in, resolve in:/from: names, ask the engine, and answer a PostList with
 * the matched words of each post.
 */

const DEFAULT_PER_PAGE = 60;
const MAX_PER_PAGE = 200;
/** Deeper pages than this answer nothing: no search walks an unbounded offset. */
export const MAX_OFFSET = 10_000;
/** A user in more channels than this searches the most active ones. */
const MAX_SCOPE_CHANNELS = 10_000;

export interface SearchRequest {
  terms: string;
  isOrSearch: boolean;
  timeZoneOffset: number;
  includeDeletedChannels: boolean;
  page: number;
  perPage: number;
}

export type PostSearchResults = PostListShape & { matches: Record<string, string[]> };

const invalidPostSearchBody = () =>
  badRequest('api.post.search_posts.invalid_body.app_error', 'Unable to parse the search parameters.');

function optional<T>(
  value: unknown,
  check: (v: unknown) => v is T,
  fallback: T,
  invalidBody: () => AppError,
): T {
  if (value === undefined || value === null) return fallback;
  if (!check(value)) throw invalidBody();
  return value;
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isInt = (v: unknown): v is number => Number.isInteger(v);

/**
 * The JSON body as Go would decode it into model.SearchParameter: wrong types are a 400 (with
 * the error id of the route: post and file search each have their own).
 */
export function searchRequest(body: unknown, invalidBody = invalidPostSearchBody): SearchRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidBody();
  const b = body as Record<string, unknown>;
  const terms = optional(b.terms, (v): v is string => typeof v === 'string', '', invalidBody);
  if (terms.trim() === '' || terms.length > MAX_TERMS_LENGTH) throw invalidParam('terms');
  const perPage = optional(b.per_page, isInt, DEFAULT_PER_PAGE, invalidBody);
  return {
    terms: terms.trim(),
    isOrSearch: optional(b.is_or_search, isBool, false, invalidBody),
    timeZoneOffset: optional(b.time_zone_offset, isInt, 0, invalidBody),
    includeDeletedChannels: optional(b.include_deleted_channels, isBool, false, invalidBody),
    page: Math.max(0, optional(b.page, isInt, 0, invalidBody)),
    perPage: Math.min(MAX_PER_PAGE, Math.max(1, perPage)),
  };
}

const emptyResults = (): PostSearchResults => ({ ...presentPostList([]), matches: {} });

/** in:/from: usernames are written with or without @; usernames are stored lower-case. */
const username = (s: string) => s.replace(/^@/u, '').toLowerCase();

/** The ids the in:/-in: names stand for, among the channels the searcher may search. */
function channelsNamed(
  names: readonly string[],
  me: string,
  scope: readonly store.SearchableChannel[],
  users: Map<string, string>,
  groups: Map<string, string[]>,
): string[] {
  const ids: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/^~/u, '').toLowerCase();
    if (name.startsWith('@') && name.includes(',')) {
      ids.push(...(groups.get(name) ?? []));
    } else if (name.startsWith('@')) {
      const other = users.get(username(name));
      if (!other) continue;
      const dmName = [me, other].sort().join('__');
      ids.push(...scope.filter((c) => c.type === 'D' && c.name === dmName).map((c) => c.id));
    } else {
      ids.push(...scope.filter((c) => c.type !== 'D' && c.type !== 'G' && c.name === name).map((c) => c.id));
    }
  }
  return ids;
}

/** Group messages named by members (`in:@alice,bob`), each resolved with one query. */
async function groupsNamed(
  app: App,
  me: string,
  names: readonly string[],
  scope: readonly store.SearchableChannel[],
  users: Map<string, string>,
): Promise<Map<string, string[]>> {
  const groups = new Map<string, string[]>();
  const gms = scope.filter((c) => c.type === 'G').map((c) => c.id);
  // At most a few: each is one bounded query, and MAX_WORDS bounds the names.
  for (const raw of names.filter((n) => n.replace(/^~/u, '').startsWith('@') && n.includes(','))) {
    const name = raw.replace(/^~/u, '').toLowerCase();
    const members = name
      .slice(1)
      .split(',')
      .map((u) => users.get(username(u)));
    if (members.some((m) => m === undefined)) continue;
    const ids = [...new Set([me, ...(members as string[])])];
    groups.set(name, await store.groupChannelsWithMembers(app.db, gms, ids));
  }
  return groups;
}

function usernamesIn(parsed: ParsedSearch): string[] {
  const fromChannels = [...parsed.inChannels, ...parsed.excludedChannels]
    .map((n) => n.replace(/^~/u, ''))
    .filter((n) => n.startsWith('@'))
    .flatMap((n) => n.slice(1).split(','));
  return [...new Set([...parsed.fromUsers, ...parsed.excludedUsers, ...fromChannels].map(username))];
}

export interface SearchScope {
  /** The channels to look in, after in:/-in:; empty means the search finds nothing. */
  channels: store.SearchableChannel[];
  fromUserIds: string[];
  excludedUserIds: string[];
}

/**
 * Where a search may look (Mattermost's rules, shared by post and file search): channels the
 * searcher is a member of (one team's plus DMs/GMs on a team route), narrowed by in:/-in:, and
 * from:/-from: resolved to ids. Null when nothing can match (an in: or from: naming nothing).
 * Callers check view_team on a team route first, before deciding whether to look at all.
 */
export async function searchScope(
  app: App,
  session: Session,
  teamId: string | null,
  request: SearchRequest,
  parsed: ParsedSearch,
): Promise<SearchScope | null> {
  const me = session.userId;

  let scope = await store.searchableChannels(
    app.db,
    me,
    teamId,
    request.includeDeletedChannels,
    MAX_SCOPE_CHANNELS,
  );
  const users = await store.userIdsByUsernames(app.db, usernamesIn(parsed));
  const named = [...parsed.inChannels, ...parsed.excludedChannels];
  const groups = await groupsNamed(app, me, named, scope, users);
  if (parsed.inChannels.length > 0) {
    // An in: naming nothing the searcher can search narrows to nothing, as in Mattermost.
    const wanted = new Set(channelsNamed(parsed.inChannels, me, scope, users, groups));
    scope = scope.filter((c) => wanted.has(c.id));
  }
  const unwanted = new Set(channelsNamed(parsed.excludedChannels, me, scope, users, groups));
  scope = scope.filter((c) => !unwanted.has(c.id));

  const fromUserIds = parsed.fromUsers.map((u) => users.get(username(u))).filter((id) => id !== undefined);
  // from: naming only unknown users matches nothing (Mattermost keeps the unknown name as an id).
  if (scope.length === 0 || (parsed.fromUsers.length > 0 && fromUserIds.length === 0)) return null;
  const excludedUserIds = parsed.excludedUsers
    .map((u) => users.get(username(u)))
    .filter((id) => id !== undefined);
  return { channels: scope, fromUserIds, excludedUserIds };
}

export async function searchPosts(
  app: App,
  session: Session,
  teamId: string | null,
  request: SearchRequest,
  engine: SearchEngine = postgresSearchEngine(app.db),
): Promise<PostSearchResults> {
  if (teamId !== null) await requireTeamPermission(app, session, teamId, 'view_team');
  const offset = request.page * request.perPage;
  if (offset >= MAX_OFFSET) return emptyResults();
  const parsed = parseSearch(request.terms);
  const found = await searchScope(app, session, teamId, request, parsed);
  if (!found) return emptyResults();
  const { channels: scope, fromUserIds, excludedUserIds } = found;

  const { since, until } = dateWindow(parsed, request.timeZoneOffset);
  const ids = await engine.searchPosts({
    channelIds: scope.map((c) => c.id),
    channelPosts: scope.map((c) => Number(c.total_msg_count)),
    terms: parsed.terms,
    orSearch: request.isOrSearch,
    fromUserIds,
    excludedUserIds,
    since,
    until,
    offset,
    limit: request.perPage,
  });
  if (ids.length === 0) return emptyResults();

  const rank = new Map(ids.map((id, i) => [id, i]));
  const allowed = new Set(scope.map((c) => c.id));
  // The engine's answer is checked again: a post that moved or was deleted since is left out.
  const posts = (await findPostsByIds(app.db, ids))
    .filter((p) => p.delete_at === 0 && allowed.has(p.channel_id))
    .sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  const matches: Record<string, string[]> = {};
  for (const p of posts) matches[p.id] = matchedTerms(p, parsed.terms);
  return { ...presentPostList(posts), matches };
}
