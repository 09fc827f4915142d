import type { FileInfoRow } from './store.ts';

/** FileInfo JSON as Mattermost returns it (model.FileInfo: paths and content never leave the server). */
export function presentFileInfo(f: FileInfoRow) {
  const out: Record<string, unknown> = {
    id: f.id,
    user_id: f.creator_id,
    post_id: f.post_id,
    channel_id: f.channel_id,
    create_at: Number(f.create_at),
    update_at: Number(f.update_at),
    delete_at: Number(f.delete_at),
    name: f.name,
    extension: f.extension,
    size: Number(f.size),
    mime_type: f.mime_type,
    width: f.width,
    height: f.height,
    has_preview_image: f.has_preview_image,
    archived: f.archived,
  };
  if (f.mini_preview) out.mini_preview = f.mini_preview.toString('base64');
  return out;
}

export type FileInfoJson = ReturnType<typeof presentFileInfo>;

/** Files grouped by post id, for posts' metadata.files. */
export type FilesByPost = ReadonlyMap<string, readonly FileInfoJson[]>;

export function groupByPost(rows: readonly FileInfoRow[]): FilesByPost {
  const out = new Map<string, FileInfoJson[]>();
  for (const row of rows) {
    const list = out.get(row.post_id) ?? [];
    list.push(presentFileInfo(row));
    out.set(row.post_id, list);
  }
  return out;
}
