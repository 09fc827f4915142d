import { sql, type Kysely } from 'kysely';

/**
 * Code point ranges of scripts written without spaces between words (Thai, Lao, Myanmar, Khmer,
 * Hangul, CJK and kana). Search matches terms in them as substrings; only posts containing them
 * are kept in the trigram index, so the common Latin-script post costs no trigram upkeep.
 * The partial index's predicate is built from these ranges, and queries repeat it verbatim
 * (PostgreSQL only uses a partial index when the query states its predicate), so they are part
 * of this migration and never change.
 */
export const SPACELESS_RANGES: readonly (readonly [number, number])[] = [
  [0x0e00, 0x0eff],
  [0x1000, 0x109f],
  [0x1100, 0x11ff],
  [0x1780, 0x17ff],
  [0x2e80, 0x2fdf],
  [0x3040, 0x9fff],
  [0xa960, 0xa97f],
  [0xac00, 0xd7af],
  [0xf900, 0xfaff],
  [0xff66, 0xff9f],
  [0x20000, 0x323af],
];

const hex = (n: number) =>
  n > 0xffff ? `\\U${n.toString(16).padStart(8, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;

/** The predicate of posts_message_trgm, as a PostgreSQL regular expression. */
export const SPACELESS_SQL_PATTERN = `[${SPACELESS_RANGES.map(([a, b]) => `${hex(a)}-${hex(b)}`).join('')}]`;

/**
 * Message search: a full-text index with the `simple` configuration (lower-cased words, no
 * stemming and no stop words, so exact words, prefixes and phrases all stay findable), a
 * trigram index for substrings in spaceless scripts, and an index of hashtags.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX posts_message_fts ON posts USING gin (to_tsvector('simple'::regconfig, message));
    CREATE INDEX posts_hashtags ON posts USING gin (string_to_array(lower(hashtags), ' '))
      WHERE hashtags <> '';
  `.execute(db);
  // pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, but a server built
  // without contrib, or a role without CREATE on the database, cannot have it. Search then still
  // finds such text, by scanning the searcher's channels instead of using the index.
  await sql`
    DO $$
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX posts_message_trgm ON posts USING gin (message gin_trgm_ops)
        WHERE message ~ ${sql.raw(`'${SPACELESS_SQL_PATTERN}'`)};
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'pg_trgm is not available (%); substring search will scan instead of using an index', SQLERRM;
    END
    $$;
  `.execute(db);
}
