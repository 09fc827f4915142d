import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.ts';
import { downloadHeaders, parseRange } from './policy.ts';
import { openStored, storedSize } from './service.ts';

/**
 * Writes a stored file as the answer: inline only for the image/video types browsers merely
 * display, attachment for everything else, never sniffed, sandboxed if opened anyway; one byte
 * range on request.
 */
export async function sendStoredFile(
  app: App,
  req: FastifyRequest,
  reply: FastifyReply,
  file: { path: string; name: string; mimeType: string; forceDownload: boolean },
) {
  const { contentType, disposition } = downloadHeaders(file.mimeType, file.name, file.forceDownload);
  reply
    .removeHeader('Expires')
    .header('Content-Type', contentType)
    .header('Content-Disposition', disposition)
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Content-Security-Policy', "sandbox; frame-ancestors 'none'")
    .header('Cache-Control', 'max-age=2592000, private')
    .header('Accept-Ranges', 'bytes');
  const rangeHeader = req.headers.range;
  if (!rangeHeader) {
    const { stream, size } = await openStored(app, file.path);
    return reply.header('Content-Length', String(size)).send(stream);
  }
  const size = await storedSize(app, file.path);
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    return reply.code(416).header('Content-Range', `bytes */${size}`).header('Content-Length', '0').send('');
  }
  const { stream } = await openStored(app, file.path, range ?? undefined);
  if (!range) return reply.header('Content-Length', String(size)).send(stream);
  return reply
    .code(206)
    .header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
    .header('Content-Length', String(range.end - range.start + 1))
    .send(stream);
}
