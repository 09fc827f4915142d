import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { LinkMetadata } from '../../db/schema.ts';

/** SQL for link previews: they are kept with the post. */

/**
 * Stores the preview unless the post was edited or deleted since it was read (the link may be gone).
 * update_at moves so clients and `since` queries take the post with its preview. True when stored.
 */
export async function saveLinkMetadata(
  db: Db,
  postId: string,
  editAt: number,
  metadata: LinkMetadata,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('posts')
    .set({
      link_metadata: sql`${JSON.stringify(metadata)}::jsonb`,
      update_at: sql`greatest(update_at + 1, ${at}::bigint)`,
    })
    .where('id', '=', postId)
    .where('delete_at', '=', 0)
    .where('edit_at', '=', editAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
