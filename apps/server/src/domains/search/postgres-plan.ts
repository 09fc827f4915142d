import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { isSpaceless, type SearchTerm } from './syntax.ts';

/**
 * Which of two query shapes answers a search faster. PostgreSQL's planner cannot make this choice
 * itself: "newest 60 matches across these channels" has no plan that walks several channels'
 * (channel, time) indexes in merged order, so for a word in most posts it builds a bitmap of
 * hundreds of thousands of index hits and sorts, where reading each channel newest-first and
 * stopping after 60 matches touches a few hundred rows.
 *
 * - `bitmap`: one query over the full-text index intersected with the channels (rare and
 *   typical words, phrases, hashtags, CJK);
 * - `walk`: each channel newest-first through posts_channel_create, filtering text as it goes
 *   (words found in a large share of posts, and searches confined to a few channels).
 *
 * Word frequencies come from PostgreSQL's own statistics of the full-text index (the
 * most-common-elements list ANALYZE keeps), read at most every few minutes.
 */

export type Strategy = 'bitmap' | 'walk';

export interface WordStats {
  /** Share of posts containing each frequent word. */
  freq: ReadonlyMap<string, number>;
  /** An upper bound for any word not in `freq`. */
  rare: number;
  /** Posts in the table. */
  posts: number;
}

// Costs in microseconds per row, measured on the benchmark machine (bench/search.ts): computing a
// post's tsvector while walking; one full-text index hit in a bitmap; one channel-index hit;
// fetching and rechecking a bitmap row.
const WALK_ROW_US = 6;
const FTS_HIT_US = 0.06;
const CHANNEL_HIT_US = 0.2;
const HEAP_ROW_US = 1.5;
const STATS_TTL_MS = 5 * 60_000;

const cache = new WeakMap<Db, { at: number; stats: Promise<WordStats | null> }>();

async function loadStats(db: Db): Promise<WordStats | null> {
  const { rows } = await sql<{ elem: string; freq: number }>`
    SELECT u.elem, u.freq FROM pg_stats s,
      unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(elem, freq)
    WHERE s.schemaname = current_schema() AND s.tablename = 'posts_message_fts' AND u.elem IS NOT NULL`.execute(
    db,
  );
  if (rows.length === 0) return null;
  const size = await sql<{ n: number }>`
    SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'posts'::regclass`.execute(db);
  const freq = new Map(rows.map((r) => [r.elem, Number(r.freq)]));
  const rare = Math.min(...freq.values()) / 2;
  return { freq, rare, posts: Math.max(0, Number(size.rows[0]?.n ?? 0)) };
}

/** The statistics, refreshed every few minutes; null while the index has none (small tables). */
export function wordStats(db: Db, now = Date.now()): Promise<WordStats | null> {
  const hit = cache.get(db);
  if (hit && now - hit.at < STATS_TTL_MS) return hit.stats;
  const stats = loadStats(db).catch(() => null);
  cache.set(db, { at: now, stats });
  return stats;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Estimated share of posts a full-text term matches. */
export function termFrequency(term: SearchTerm, stats: WordStats): number {
  const ws = words(term.text);
  if (ws.length === 0) return 0;
  const of = (w: string) => stats.freq.get(w) ?? stats.rare;
  if (term.kind === 'prefix') {
    const last = ws[ws.length - 1];
    let sum = 0;
    for (const [w, f] of stats.freq) if (w.startsWith(last)) sum += f;
    const lastFreq = Math.min(1, Math.max(sum, stats.rare));
    return ws.slice(0, -1).reduce((acc, w) => acc * of(w), lastFreq);
  }
  // Words of a phrase (or of a word the parser splits, foo-bar) must all be present.
  return ws.reduce((acc, w) => acc * of(w), 1);
}

/** Estimated share of posts the whole text condition keeps (independent terms). */
export function matchFrequency(terms: readonly SearchTerm[], orSearch: boolean, stats: WordStats): number {
  const wanted = terms.filter((t) => !t.excluded).map((t) => termFrequency(t, stats));
  let f =
    wanted.length === 0
      ? 1
      : orSearch
        ? Math.min(
            1,
            wanted.reduce((a, b) => a + b, 0),
          )
        : wanted.reduce((a, b) => a * b, 1);
  for (const t of terms.filter((t) => t.excluded)) f *= 1 - termFrequency(t, stats);
  return f;
}

export interface PlanInput {
  terms: readonly SearchTerm[];
  orSearch: boolean;
  /** Posts in each searched channel. */
  channelPosts: readonly number[];
  /** Rows wanted per channel when walking (offset + limit). */
  wanted: number;
  hasAuthorFilter: boolean;
}

export function chooseStrategy(input: PlanInput, stats: WordStats | null): Strategy {
  const positive = input.terms.filter((t) => !t.excluded);
  // Only full-text terms can be filtered cheaply while walking; the others have their own
  // indexes, and an author filter has posts_user.
  if (!stats || positive.length === 0 || input.hasAuthorFilter) return 'bitmap';
  if (positive.some((t) => t.kind === 'hashtag' || isSpaceless(t.text))) return 'bitmap';
  const f = Math.max(matchFrequency(input.terms, input.orSearch, stats), 1e-9);
  let walk = 0;
  let scope = 0;
  for (const n of input.channelPosts) {
    walk += Math.min(n, input.wanted / f) * WALK_ROW_US;
    scope += n;
  }
  // The index reads every wanted term's hits before intersecting them.
  const hits = positive.reduce((acc, t) => acc + termFrequency(t, stats), 0) * stats.posts;
  const bitmap = hits * FTS_HIT_US + scope * CHANNEL_HIT_US + scope * f * HEAP_ROW_US;
  return walk < bitmap ? 'walk' : 'bitmap';
}
