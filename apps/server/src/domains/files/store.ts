import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { FileInfosTable } from '../../db/schema.ts';

/** SQL for file infos. */

export type FileInfoRow = Selectable<FileInfosTable>;

/** The most files one post can carry (Mattermost's limit on file_ids). */
export const MAX_FILES_PER_POST = 10;
/** Posts listed at once (a page of posts and their roots). */
const MAX_POSTS = 1000;

export async function insertFileInfos(db: Db, rows: Insertable<FileInfosTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('file_infos').values(rows).execute();
}

export async function findFileInfo(db: Db, id: string): Promise<FileInfoRow | undefined> {
  return db.selectFrom('file_infos').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The live files of the given posts, oldest first, as the posts list them. */
export async function listFilesOfPosts(db: Db, postIds: readonly string[]): Promise<FileInfoRow[]> {
  if (postIds.length === 0) return [];
  return db
    .selectFrom('file_infos')
    .selectAll()
    .where('post_id', 'in', postIds.slice(0, MAX_POSTS))
    .where('delete_at', '=', 0)
    .orderBy('create_at')
    .orderBy('id')
    .limit(MAX_POSTS * MAX_FILES_PER_POST)
    .execute();
}

/** Files of one post, deleted ones too when asked (administrators). */
export async function listFilesOfPost(
  db: Db,
  postId: string,
  includeDeleted: boolean,
): Promise<FileInfoRow[]> {
  let q = db.selectFrom('file_infos').selectAll().where('post_id', '=', postId);
  if (!includeDeleted) q = q.where('delete_at', '=', 0);
  return q
    .orderBy('create_at')
    .orderBy('id')
    .limit(MAX_FILES_PER_POST * 10)
    .execute();
}

/**
 * Attaches the given files to a post, but only those uploaded by `userId` into `channelId`, live
 * and not attached yet (Mattermost's FileInfoStore.AttachToPost); returns the ids attached.
 */
export async function attachFiles(
  db: Db,
  ids: readonly string[],
  to: { postId: string; userId: string; channelId: string; at: number },
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('file_infos')
    .set({ post_id: to.postId, update_at: to.at })
    .where('id', 'in', ids)
    .where('creator_id', '=', to.userId)
    .where('channel_id', '=', to.channelId)
    .where('post_id', '=', '')
    .where('delete_at', '=', 0)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Marks files of a post deleted (files removed from an edited post). */
export async function deleteFilesOfPost(db: Db, postId: string, ids: readonly string[], at: number) {
  if (ids.length === 0) return;
  await db
    .updateTable('file_infos')
    .set({ delete_at: at, update_at: at })
    .where('post_id', '=', postId)
    .where('id', 'in', ids)
    .where('delete_at', '=', 0)
    .execute();
}

/** Marks the files of a post and of its replies deleted, with the post. */
export async function deleteFilesOfThread(db: Db, postId: string, at: number): Promise<void> {
  await db
    .updateTable('file_infos')
    .set({ delete_at: at, update_at: at })
    .where('delete_at', '=', 0)
    .where('post_id', 'in', (eb) =>
      eb
        .selectFrom('posts')
        .select('id')
        .where((w) => w.or([w('id', '=', postId), w('root_id', '=', postId)])),
    )
    .execute();
}

export async function findSystemValue(db: Db, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('systems').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

/** Stores `value` unless the name already has one; answers the stored value either way. */
export async function insertSystemValueIfAbsent(db: Db, name: string, value: string): Promise<string> {
  await db
    .insertInto('systems')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await findSystemValue(db, name)) ?? value;
}
