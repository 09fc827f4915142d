import type { App } from '../../app.ts';
import type { Db } from '../../db/connection.ts';
import { groupByPost, type FileInfoJson, type FilesByPost } from './present.ts';
import * as store from './store.ts';

/** What the posts area needs from files: attaching on create/edit, metadata.files, delete with the post. */

const NONE: FilesByPost = new Map();

/** The live files of the posts that list any, in one query (none when no post has files). */
export async function filesForPosts(
  app: App,
  posts: readonly { id: string; file_ids: readonly string[] | null }[],
): Promise<FilesByPost> {
  const withFiles = posts.filter((p) => p.file_ids && p.file_ids.length > 0);
  if (withFiles.length === 0) return NONE;
  const grouped = groupByPost(await store.listFilesOfPosts(app.db, [...new Set(withFiles.map((p) => p.id))]));
  // In the order the post lists them (uploads of one request share a create_at).
  const out = new Map<string, FileInfoJson[]>();
  for (const p of withFiles) {
    const order = p.file_ids ?? [];
    const files = [...(grouped.get(p.id) ?? [])];
    files.sort((a, b) => order.indexOf(a.id as string) - order.indexOf(b.id as string));
    out.set(p.id, files);
  }
  return out;
}

/**
 * Attaches a new post's files inside its transaction; ids that are not the author's unattached
 * uploads in the post's channel are dropped, as upstream drops them. Returns the ids attached, in
 * the order given.
 */
export async function attachToPost(
  trx: Db,
  fileIds: readonly string[],
  post: { id: string; userId: string; channelId: string; at: number },
): Promise<string[]> {
  const unique = [...new Set(fileIds)];
  const attached = new Set(
    await store.attachFiles(trx, unique, {
      postId: post.id,
      userId: post.userId,
      channelId: post.channelId,
      at: post.at,
    }),
  );
  return unique.filter((id) => attached.has(id));
}

/**
 * An edit's new file list: files kept stay, new ones are attached as on create, removed ones are
 * deleted. Returns the post's resulting file ids.
 */
export async function replacePostFiles(
  trx: Db,
  before: readonly string[],
  wanted: readonly string[],
  post: { id: string; userId: string; channelId: string; at: number },
): Promise<string[]> {
  const kept = wanted.filter((id) => before.includes(id));
  const added = await attachToPost(
    trx,
    wanted.filter((id) => !before.includes(id)),
    post,
  );
  await store.deleteFilesOfPost(
    trx,
    post.id,
    before.filter((id) => !wanted.includes(id)),
    post.at,
  );
  const result = new Set([...kept, ...added]);
  return [...new Set(wanted)].filter((id) => result.has(id));
}

/** Deletes the files of a post and of its replies, inside the post's delete transaction. */
export async function deleteWithPost(trx: Db, postId: string, at: number): Promise<void> {
  await store.deleteFilesOfThread(trx, postId, at);
}
