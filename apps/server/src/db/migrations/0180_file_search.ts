import { sql, type Kysely } from 'kysely';

/**
 * The searchable form of a file name: lower-case, with the separators people put between words
 * (`quarterly-report_v2.pdf`) as spaces, so "quarterly report" finds it. Queries repeat this
 * expression verbatim so PostgreSQL can use the index on it.
 */
export const FILE_NAME_SEARCH_SQL = `lower(translate(name, '._-,', '    '))`;

/**
 * File search matches names as substrings (search/files-store.ts), which a trigram index serves. Only files attached to a live post are ever found, so only those are indexed.
 * Without pg_trgm (see 0120) the search still works, through the channel index instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX file_infos_name_trgm ON file_infos USING gin ((${sql.raw(FILE_NAME_SEARCH_SQL)}) gin_trgm_ops)
        WHERE post_id <> '' AND delete_at = 0;
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'pg_trgm is not available (%); file search will scan instead of using an index', SQLERRM;
    END
    $$;
  `.execute(db);
}
