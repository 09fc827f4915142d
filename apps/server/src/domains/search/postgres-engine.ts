import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { SPACELESS_SQL_PATTERN } from '../../db/migrations/0120_search.ts';
import type { PostSearchQuery, SearchEngine } from './engine.ts';
import { chooseStrategy, wordStats, type Strategy } from './postgres-plan.ts';
import { isSpaceless, type SearchTerm } from './syntax.ts';

/**
 * Search on PostgreSQL (migration 0120): words, phrases and prefixes through the `simple`
 * full-text index, spaceless-script text as substrings through the partial trigram index,
 * hashtags through their own index. One query per search, in one of two shapes (postgres-plan.ts);
 * the channel list and LIMIT bound it.
 */

/** The indexed expression of posts_message_fts, written exactly as the index has it. */
const TSV = sql`to_tsvector('simple'::regconfig, p.message)`;
/** The predicate of posts_message_trgm, repeated so the planner may use that partial index. */
const SPACELESS = sql`p.message ~ ${sql.raw(`'${SPACELESS_SQL_PATTERN}'`)}`;

const escapeLike = (s: string) => s.replace(/[\\%_]/gu, (c) => `\\${c}`);

/**
 * A prefix term as a tsquery: its words in sequence, the last one as a prefix. Each lexeme is
 * quoted (letters and digits only, so nothing can break out of the quotes).
 */
export function prefixQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words.map((w, i) => (i === words.length - 1 ? `'${w}':*` : `'${w}'`)).join(' <-> ');
}

/** A term as a tsquery built by PostgreSQL's own parser, so it splits text as to_tsvector does. */
function tsquery(term: SearchTerm): RawBuilder<unknown> | null {
  if (term.kind === 'prefix') {
    const q = prefixQuery(term.text);
    return q === null ? null : sql`to_tsquery('simple'::regconfig, ${q})`;
  }
  return sql`phraseto_tsquery('simple'::regconfig, ${term.text})`;
}

/** A condition for one term that the full-text index cannot serve (hashtag or spaceless text). */
function otherCondition(term: SearchTerm): RawBuilder<boolean> {
  if (term.kind === 'hashtag') {
    return sql<boolean>`(p.hashtags <> '' AND string_to_array(lower(p.hashtags), ' ') @> ARRAY[${term.text.toLowerCase()}]::text[])`;
  }
  return sql<boolean>`(${SPACELESS} AND p.message ILIKE ${`%${escapeLike(term.text)}%`})`;
}

const usesFts = (t: SearchTerm) => t.kind !== 'hashtag' && !isSpaceless(t.text);

/**
 * The text condition: full-text terms folded into ONE tsquery (so the index intersects or
 * unites them itself), the rest as their own conditions; excluded terms negated.
 */
export function textCondition(terms: readonly SearchTerm[], orSearch: boolean): RawBuilder<boolean> | null {
  const wanted = terms.filter((t) => !t.excluded);
  const unwanted = terms.filter((t) => t.excluded);
  const ftsWanted = wanted
    .filter(usesFts)
    .map(tsquery)
    .filter((q) => q !== null);
  const ftsUnwanted = unwanted
    .filter(usesFts)
    .map(tsquery)
    .filter((q) => q !== null);
  const parts: RawBuilder<boolean>[] = [];

  const positive: RawBuilder<boolean>[] = [];
  if (ftsWanted.length > 0) {
    const joined = sql.join(ftsWanted, sql.raw(orSearch ? ' || ' : ' && '));
    positive.push(sql<boolean>`${TSV} @@ (${joined})`);
  }
  positive.push(...wanted.filter((t) => !usesFts(t)).map(otherCondition));
  if (positive.length > 0)
    parts.push(sql<boolean>`(${sql.join(positive, sql.raw(orSearch ? ' OR ' : ' AND '))})`);

  if (ftsUnwanted.length > 0) {
    parts.push(sql<boolean>`NOT (${TSV} @@ (${sql.join(ftsUnwanted, sql.raw(' || '))}))`);
  }
  for (const t of unwanted.filter((t) => !usesFts(t))) {
    // Negated as a whole: a post without hashtags never "has" the excluded one.
    parts.push(sql<boolean>`NOT coalesce(${otherCondition(t)}, false)`);
  }
  return parts.length > 0 ? sql<boolean>`${sql.join(parts, sql.raw(' AND '))}` : null;
}

/** Everything but the channel: author, time, live non-system posts, text. */
function filters(q: PostSearchQuery): RawBuilder<boolean>[] {
  const where: RawBuilder<boolean>[] = [
    sql<boolean>`p.delete_at = 0`,
    // System messages (joins, header changes…) are not searchable in Mattermost either.
    sql<boolean>`p.type NOT LIKE 'system\\_%'`,
  ];
  if (q.fromUserIds.length > 0) where.push(sql<boolean>`p.user_id = ANY(${[...q.fromUserIds]}::varchar[])`);
  if (q.excludedUserIds.length > 0)
    where.push(sql<boolean>`p.user_id <> ALL(${[...q.excludedUserIds]}::varchar[])`);
  if (q.since !== null) where.push(sql<boolean>`p.create_at >= ${q.since}`);
  if (q.until !== null) where.push(sql<boolean>`p.create_at <= ${q.until}`);
  const text = textCondition(q.terms, q.orSearch);
  if (text) where.push(text);
  return where;
}

/** One query: the indexes' hits intersected, then sorted. */
async function searchBitmap(db: Db, q: PostSearchQuery): Promise<string[]> {
  const where = [sql<boolean>`p.channel_id = ANY(${[...q.channelIds]}::varchar[])`, ...filters(q)];
  const { rows } = await sql<{ id: string }>`
    SELECT p.id FROM posts p
    WHERE ${sql.join(where, sql.raw(' AND '))}
    ORDER BY p.create_at DESC, p.id DESC
    OFFSET ${q.offset} LIMIT ${q.limit}`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Each channel newest-first through posts_channel_create, at most offset + limit matches from
 * each, then merged. Bitmap scans are switched off for this one statement: the planner, costing
 * each channel alone, would otherwise read a whole channel to sort it, which is the very work
 * the walk exists to avoid (chooseStrategy only picks the walk when stopping early pays).
 */
async function searchWalk(db: Db, q: PostSearchQuery): Promise<string[]> {
  const where = filters(q);
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
    const { rows } = await sql<{ id: string }>`
      SELECT x.id FROM unnest(${[...q.channelIds]}::varchar[]) AS ch(id)
      CROSS JOIN LATERAL (
        SELECT p.id, p.create_at FROM posts p
        WHERE p.channel_id = ch.id AND ${sql.join(where, sql.raw(' AND '))}
        ORDER BY p.create_at DESC, p.id DESC
        LIMIT ${q.offset + q.limit}) AS x
      ORDER BY x.create_at DESC, x.id DESC
      OFFSET ${q.offset} LIMIT ${q.limit}`.execute(trx);
    return rows.map((r) => r.id);
  });
}

export interface PostgresEngineOptions {
  /** Forces one query shape (tests compare both); by default each search is planned by cost. */
  strategy?: Strategy;
}

export function postgresSearchEngine(db: Db, options: PostgresEngineOptions = {}): SearchEngine {
  return {
    async searchPosts(q: PostSearchQuery): Promise<string[]> {
      if (q.channelIds.length === 0 || q.limit <= 0) return [];
      const strategy =
        options.strategy ??
        chooseStrategy(
          {
            terms: q.terms,
            orSearch: q.orSearch,
            channelPosts: q.channelPosts,
            wanted: q.offset + q.limit,
            hasAuthorFilter: q.fromUserIds.length > 0,
          },
          await wordStats(db),
        );
      return strategy === 'walk' ? searchWalk(db, q) : searchBitmap(db, q);
    },
  };
}
