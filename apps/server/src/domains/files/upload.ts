import type { Insertable } from 'kysely';
import type { Config } from '../../config/defaults.ts';
import type { FileInfosTable } from '../../db/schema.ts';
import { badRequest } from '../../errors/app-error.ts';
import { readImageHeader, renditions } from '../../platform/files/images.ts';
import { newId } from '../../platform/ids.ts';
import type { ChannelRow } from '../channels/store.ts';
import { cleanFileName, extensionOf, mimeTypeOf } from './policy.ts';

/** Turning one uploaded file into its stored objects and its file_infos row. */

export interface Upload {
  name: string;
  data: Buffer;
}

export interface PreparedUpload {
  row: Insertable<FileInfosTable> & { id: string; name: string; size: number; channel_id: string };
  blobs: { path: string; data: Buffer; type: string }[];
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10).replace(/-/g, '');

/** Mattermost's layout: {yyyymmdd}/teams/{team|noteam}/channels/{channel}/users/{user}/{file id}/{name}. */
function directoryOf(channel: ChannelRow, userId: string, fileId: string, at: number): string {
  return `${day(at)}/teams/${channel.team_id || 'noteam'}/channels/${channel.id}/users/${userId}/${fileId}`;
}

const largeImage = (name: string, width: number, height: number) =>
  badRequest(
    'app.upload.upload_data.large_image.app_error',
    `${name} dimensions (${width} by ${height} pixels) exceed the limits.`,
  );

export async function prepareUpload(
  settings: Config['FileSettings'],
  userId: string,
  channel: ChannelRow,
  upload: Upload,
  now: number,
): Promise<PreparedUpload> {
  const id = newId();
  const name = cleanFileName(upload.name);
  const extension = extensionOf(name);
  const dir = directoryOf(channel, userId, id, now);
  const path = `${dir}/${name.replace(/[^\w.\-() ]/g, '_')}`;
  let mimeType = mimeTypeOf(extension);
  const row: PreparedUpload['row'] = {
    id,
    creator_id: userId,
    channel_id: channel.id,
    create_at: now,
    update_at: now,
    path,
    name,
    extension,
    size: upload.data.length,
    mime_type: mimeType,
    post_id: '',
    delete_at: 0,
    thumbnail_path: '',
    preview_path: '',
    width: 0,
    height: 0,
    has_preview_image: false,
    mini_preview: null,
    archived: false,
  };
  const blobs: PreparedUpload['blobs'] = [];
  // What the bytes are decides image handling, never the name a client chose.
  const header = mimeType === 'image/svg+xml' ? null : await readImageHeader(upload.data);
  if (header) {
    if (header.width * header.height > settings.MaxImageResolution)
      throw largeImage(name, header.width, header.height);
    mimeType = mimeTypeOf(header.format === 'jpeg' ? 'jpg' : header.format);
    row.mime_type = mimeType;
    row.width = header.width;
    row.height = header.height;
    try {
      const r = await renditions(upload.data, header, settings.MaxImageResolution);
      const suffix = r.type === 'image/png' ? 'png' : 'jpg';
      row.thumbnail_path = `${dir}/${id}_thumb.${suffix}`;
      row.preview_path = `${dir}/${id}_preview.${suffix}`;
      row.has_preview_image = true;
      row.mini_preview = r.miniPreview;
      blobs.push({ path: row.thumbnail_path, data: r.thumbnail, type: r.type });
      blobs.push({ path: row.preview_path, data: r.preview, type: r.type });
    } catch {
      // A header that parses over a body that does not decode: kept as a plain file, as upstream.
    }
  }
  blobs.unshift({ path, data: upload.data, type: mimeType });
  return { row, blobs };
}
