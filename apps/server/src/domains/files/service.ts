import { randomBytes } from 'node:crypto';
import type { App, Session } from '../../app.ts';
import { AppError, badRequest, forbidden, notFound, notImplemented } from '../../errors/app-error.ts';
import { hasPermissionToChannel, hasPermissionToSystem } from '../../permissions/authorize.ts';
import { fileBackend, FileMissingError, type ByteRange } from '../../platform/files/backend.ts';
import { isValidId } from '../../platform/ids.ts';
import { canReadChannel } from '../channels/service.ts';
import { findChannel, type ChannelRow } from '../channels/store.ts';
import { readablePost } from '../posts/access.ts';
import { publicLinkHash, publicLinkHashMatches } from './policy.ts';
import * as store from './store.ts';
import { prepareUpload, type Upload } from './upload.ts';

/** Files: who may upload, read and share them (Mattermost's api4/file.go and app/file.go). */

export const fileNotFound = () => notFound('app.file_info.get.app_error', 'Unable to get the file info.');

const attachmentsDisabled = () =>
  notImplemented(
    'api.file.attachments.disabled.app_error',
    'File attachments have been disabled on this server.',
  );

const publicLinksDisabled = () =>
  notImplemented('api.file.get_public_link.disabled.app_error', 'Public links have been disabled.');

export function requireAttachmentsEnabled(app: App): void {
  if (!app.config.get().FileSettings.EnableFileAttachments) throw attachmentsDisabled();
}

export function tooLarge(app: App, name = ''): AppError {
  const max = app.config.get().FileSettings.MaxFileSize;
  return new AppError(
    'api.file.upload_file.too_large_detailed.app_error',
    `Unable to upload file ${name}. ${max} bytes is the maximum file size allowed.`,
    413,
  );
}

/** The channel files may be uploaded into, or a refusal; runs before any byte is stored. */
export async function uploadChannel(app: App, session: Session, channelId: string): Promise<ChannelRow> {
  requireAttachmentsEnabled(app);
  if (!isValidId(channelId))
    throw badRequest('api.file.upload_file.invalid_channel_id.app_error', 'Invalid or missing channel_id.');
  const channel = await findChannel(app.db, channelId);
  // An unknown channel and a foreign one look the same.
  if (!channel || !(await hasPermissionToChannel(app, session, channel.id, 'upload_file'))) throw forbidden();
  if (channel.delete_at > 0)
    throw badRequest(
      'api.file.upload_file.read_only_channel.app_error',
      'Cannot upload files to an archived channel.',
    );
  return channel;
}

/** Stores uploaded files with their thumbnails and previews, then records them (unattached). */
export async function uploadFiles(
  app: App,
  session: Session,
  channel: ChannelRow,
  uploads: readonly Upload[],
): Promise<store.FileInfoRow[]> {
  const settings = app.config.get().FileSettings;
  const backend = fileBackend(settings);
  const now = Date.now();
  const prepared = [];
  // Checked and processed one by one, so several large images never sit decoded at once.
  for (const upload of uploads)
    prepared.push(await prepareUpload(settings, session.userId, channel, upload, now));
  for (const p of prepared) for (const blob of p.blobs) await backend.put(blob.path, blob.data, blob.type);
  await store.insertFileInfos(
    app.db,
    prepared.map((p) => p.row),
  );
  return prepared.map((p) => p.row as store.FileInfoRow);
}

/**
 * A live file the caller may read: their own upload, or a file posted in a channel they can read.
 * Files of deleted posts are deleted with them and are gone for everyone.
 */
export async function readableFile(app: App, session: Session, fileId: string): Promise<store.FileInfoRow> {
  const info = await store.findFileInfo(app.db, fileId);
  if (!info) throw fileNotFound();
  if (info.creator_id !== session.userId) {
    if (info.post_id === '') throw forbidden();
    const channel = await findChannel(app.db, info.channel_id);
    if (!channel || !(await canReadChannel(app, session, channel))) throw forbidden();
  }
  if (info.delete_at > 0) throw fileNotFound();
  return info;
}

/** GET /posts/{id}/files/info: deleted files only for administrators asking for them. */
export async function filesOfPost(app: App, session: Session, postId: string, includeDeleted: boolean) {
  const allowDeleted = includeDeleted && hasPermissionToSystem(app, session, 'manage_system');
  const { post } = await readablePost(app, session, postId, allowDeleted);
  return store.listFilesOfPost(app.db, post.id, allowDeleted);
}

/** Opens a stored object of a file; a file whose bytes are missing is a 404, not a 500. */
export async function openStored(app: App, path: string, range?: ByteRange) {
  try {
    return await fileBackend(app.config.get().FileSettings).open(path, range);
  } catch (err) {
    if (err instanceof FileMissingError) throw fileNotFound();
    throw err;
  }
}

export async function storedSize(app: App, path: string): Promise<number> {
  const size = await fileBackend(app.config.get().FileSettings).size(path);
  if (size === null) throw fileNotFound();
  return size;
}

const SALT_KEY = 'PublicLinkSalt';

/** FileSettings.PublicLinkSalt, or one generated once for this installation and kept in the database. */
async function linkSalt(app: App): Promise<string> {
  const configured = app.config.get().FileSettings.PublicLinkSalt;
  if (configured) return configured;
  const stored = await store.findSystemValue(app.db, SALT_KEY);
  if (stored) return stored;
  return store.insertSystemValueIfAbsent(app.db, SALT_KEY, randomBytes(32).toString('base64url'));
}

/** GET /files/{id}/link: a link anyone holding it may open (EnablePublicLink). */
export async function publicLink(
  app: App,
  session: Session,
  fileId: string,
  siteUrl: string,
): Promise<string> {
  if (!app.config.get().FileSettings.EnablePublicLink) throw publicLinksDisabled();
  const info = await readableFile(app, session, fileId);
  if (info.post_id === '')
    throw badRequest(
      'api.file.get_file_link.no_post.app_error',
      'Unable to get public link for file. File must be attached to a post that can be read by the current user.',
    );
  return `${siteUrl}/files/${info.id}/public?h=${publicLinkHash(info.id, await linkSalt(app))}`;
}

/** GET /files/{id}/public?h=: the file, for anyone with a valid hash, while public links are on. */
export async function publicFile(app: App, fileId: string, hash: string): Promise<store.FileInfoRow> {
  if (!app.config.get().FileSettings.EnablePublicLink) throw publicLinksDisabled();
  if (!isValidId(fileId) || !hash || !publicLinkHashMatches(fileId, await linkSalt(app), hash))
    throw badRequest(
      'api.file.get_file.public_invalid.app_error',
      'The public link does not appear to be valid.',
    );
  const info = await store.findFileInfo(app.db, fileId);
  if (!info || info.delete_at > 0 || info.post_id === '') throw fileNotFound();
  return info;
}
