import type { SearchTerm } from './syntax.ts';

/**
 * What a search engine answers. The service has already decided WHERE the searcher may look
 * (channelIds) and resolved names to ids, so an engine only matches text and filters; a
 * dedicated engine (Elasticsearch, Tantivy…) can implement this and be swapped in.
 */
export interface PostSearchQuery {
  /** The only channels to look in: never empty (the service answers nothing without asking). */
  channelIds: readonly string[];
  /** Posts in each of channelIds (same order): a size hint for engines that plan by cost. */
  channelPosts: readonly number[];
  /** Non-excluded terms must all match (or at least one, with orSearch); excluded ones never. */
  terms: readonly SearchTerm[];
  orSearch: boolean;
  /** Only posts by these users, when not empty. */
  fromUserIds: readonly string[];
  excludedUserIds: readonly string[];
  /** Inclusive create_at bounds. */
  since: number | null;
  until: number | null;
  offset: number;
  limit: number;
}

export interface SearchEngine {
  /**
   * Ids of live, non-system posts matching the query, newest first. A query with no terms
   * lists everything the filters let through (a search for `from:alice` alone).
   */
  searchPosts(query: PostSearchQuery): Promise<string[]>;
}
