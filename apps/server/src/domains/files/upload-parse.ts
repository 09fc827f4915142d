import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { App, Session } from '../../app.ts';
import { badRequest } from '../../errors/app-error.ts';
import { query } from '../../http/route.ts';
import type { ChannelRow } from '../channels/store.ts';
import { tooLarge, uploadChannel } from './service.ts';
import type { Upload } from './upload.ts';

/** Reading POST /files bodies: multipart (`channel_id`, `client_ids`, `files`…) or one raw file. */

export interface ParsedUpload {
  channel: ChannelRow;
  uploads: Upload[];
  clientIds: string[];
}

const noFiles = () =>
  badRequest('api.file.upload_file.no_files.app_error', 'Unable to upload file(s). No files sent.');

const isTooLarge = (err: unknown) => (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';

async function readLimited(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > limit) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The whole request is bounded by FileSettings.MaxFileSize, as upstream wraps the body in a
 * max-bytes reader. The channel is authorized as soon as its id is known, before files are read
 * when the client sends `channel_id` first (all clients do).
 */
export async function parseUpload(app: App, session: Session, req: FastifyRequest): Promise<ParsedUpload> {
  const max = app.config.get().FileSettings.MaxFileSize;
  if (Number(req.headers['content-length'] ?? 0) > max + 64 * 1024) throw tooLarge(app);
  if (!req.isMultipart()) return parseRaw(app, session, req, max);
  let channelId = query(req).channel_id ?? '';
  let channel: ChannelRow | null = null;
  const clientIds: string[] = [];
  const uploads: Upload[] = [];
  let total = 0;
  try {
    for await (const part of req.parts({ limits: { fileSize: max, fieldSize: 1024 * 64 } })) {
      if (part.type === 'field') {
        const value = String(part.value ?? '');
        if (part.fieldname === 'channel_id') channelId = value;
        else if (part.fieldname === 'client_ids') clientIds.push(value);
        continue;
      }
      if (part.fieldname !== 'files') {
        await part.toBuffer();
        continue;
      }
      if (!channel && channelId) channel = await uploadChannel(app, session, channelId);
      const data = await part.toBuffer();
      total += data.length;
      if (total > max) throw tooLarge(app, part.filename);
      uploads.push({ name: part.filename ?? 'file', data });
    }
  } catch (err) {
    if (isTooLarge(err)) throw tooLarge(app);
    throw err;
  }
  channel ??= await uploadChannel(app, session, channelId);
  if (uploads.length === 0) throw noFiles();
  if (clientIds.length > 0 && clientIds.length !== uploads.length)
    throw badRequest(
      'api.file.upload_file.incorrect_number_of_client_ids.app_error',
      `Unable to upload files. Have ${clientIds.length} client_ids for ${uploads.length} files.`,
    );
  return { channel, uploads, clientIds };
}

/** POST /files?channel_id=&filename=[&client_id=] with the file as the body. */
async function parseRaw(app: App, session: Session, req: FastifyRequest, max: number): Promise<ParsedUpload> {
  const q = query(req);
  const channel = await uploadChannel(app, session, q.channel_id ?? '');
  if (!q.filename)
    throw badRequest(
      'api.file.upload_file.invalid_filename.app_error',
      'Invalid or missing filename parameter.',
    );
  const body = req.body as Readable | undefined;
  if (!body || typeof body.on !== 'function') throw noFiles();
  const data = await readLimited(body, max);
  if (!data) throw tooLarge(app, q.filename);
  if (data.length === 0) throw noFiles();
  return { channel, uploads: [{ name: q.filename, data }], clientIds: q.client_id ? [q.client_id] : [] };
}
