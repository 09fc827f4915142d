import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { FILE_NAME_SEARCH_SQL } from '../../db/migrations/0180_file_search.ts';
import type { FileInfoRow } from '../files/store.ts';
import type { SearchTerm } from './syntax.ts';

/** SQL of file search: names matched through the trigram index of migration 0180. */

export interface FileSearchQuery {
  /** The only channels to look in (never empty: the service answers nothing without asking). */
  channelIds: readonly string[];
  terms: readonly SearchTerm[];
  orSearch: boolean;
  fromUserIds: readonly string[];
  excludedUserIds: readonly string[];
  /** Lower-case extensions without the dot. */
  extensions: readonly string[];
  excludedExtensions: readonly string[];
  /** Inclusive create_at bounds. */
  since: number | null;
  until: number | null;
  offset: number;
  limit: number;
}

/** A term in the form names are indexed in (see FILE_NAME_SEARCH_SQL). */
export function nameNeedle(text: string): string {
  return text
    .toLowerCase()
    .replace(/[._\-,]/gu, ' ')
    .trim();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/gu, (c) => `\\${c}`);
const NAME = sql.raw(FILE_NAME_SEARCH_SQL.replace('(name,', '(f.name,'));

function nameMatches(term: SearchTerm): RawBuilder<boolean> {
  return sql<boolean>`${NAME} LIKE ${`%${escapeLike(nameNeedle(term.text))}%`}`;
}

function textCondition(terms: readonly SearchTerm[], orSearch: boolean): RawBuilder<boolean>[] {
  const usable = terms.filter((t) => nameNeedle(t.text) !== '');
  const wanted = usable.filter((t) => !t.excluded).map(nameMatches);
  const out: RawBuilder<boolean>[] = [];
  if (wanted.length > 0) out.push(sql<boolean>`(${sql.join(wanted, sql.raw(orSearch ? ' OR ' : ' AND '))})`);
  for (const t of usable.filter((t) => t.excluded)) out.push(sql<boolean>`NOT ${nameMatches(t)}`);
  return out;
}

/**
 * Live files attached to live posts in the given channels, newest first. The post is joined so
 * a file whose post was deleted (or moved out of the searched channels) is never found, even if
 * its own row missed the deletion.
 */
export async function searchFileInfos(db: Db, q: FileSearchQuery): Promise<FileInfoRow[]> {
  if (q.channelIds.length === 0 || q.limit <= 0) return [];
  const where: RawBuilder<boolean>[] = [
    sql<boolean>`f.channel_id = ANY(${[...q.channelIds]}::varchar[])`,
    sql<boolean>`f.post_id <> ''`,
    sql<boolean>`f.delete_at = 0`,
    sql<boolean>`p.delete_at = 0`,
    sql<boolean>`p.channel_id = f.channel_id`,
  ];
  if (q.fromUserIds.length > 0)
    where.push(sql<boolean>`f.creator_id = ANY(${[...q.fromUserIds]}::varchar[])`);
  if (q.excludedUserIds.length > 0)
    where.push(sql<boolean>`f.creator_id <> ALL(${[...q.excludedUserIds]}::varchar[])`);
  if (q.extensions.length > 0) where.push(sql<boolean>`f.extension = ANY(${[...q.extensions]}::varchar[])`);
  if (q.excludedExtensions.length > 0)
    where.push(sql<boolean>`f.extension <> ALL(${[...q.excludedExtensions]}::varchar[])`);
  if (q.since !== null) where.push(sql<boolean>`f.create_at >= ${q.since}`);
  if (q.until !== null) where.push(sql<boolean>`f.create_at <= ${q.until}`);
  where.push(...textCondition(q.terms, q.orSearch));
  const { rows } = await sql<FileInfoRow>`
    SELECT f.* FROM file_infos f JOIN posts p ON p.id = f.post_id
    WHERE ${sql.join(where, sql.raw(' AND '))}
    ORDER BY f.create_at DESC, f.id DESC
    OFFSET ${q.offset} LIMIT ${q.limit}`.execute(db);
  return rows;
}
