import type { FastifyRequest } from 'fastify';
import type { App, Session } from '../../app.ts';
import { ok, sessionOf, type Route } from '../../http/route.ts';
import { audit } from '../audit/audit.ts';
import * as service from './service.ts';

/** Custom brand image routes (Mattermost's api4/brand.go). */

const isTooLarge = (err: unknown) => (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';

/** The multipart form's `image` file, read within the brand image limit; other parts are drained. */
async function readImagePart(app: App, session: Session, req: FastifyRequest): Promise<Buffer> {
  service.requireEditBrand(app, session);
  const limit = service.brandImageLimit(app);
  if (Number(req.headers['content-length'] ?? 0) > limit + 16 * 1024) throw service.brandTooLarge();
  if (!req.isMultipart()) throw service.unreadableForm();
  let image: Buffer | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: limit, fieldSize: 1024, files: 4 } })) {
      if (part.type === 'file' && part.fieldname === 'image' && !image) image = await part.toBuffer();
      else if (part.type === 'file') await part.toBuffer();
    }
  } catch (err) {
    if (isTooLarge(err)) throw service.brandTooLarge();
    throw err;
  }
  if (!image || image.length === 0) throw service.noBrandFile();
  return image;
}

export const brandRoutes: Route[] = [
  {
    method: 'GET',
    url: '/brand/image',
    auth: 'none',
    trustRequester: true,
    handler: async (_req, reply, ctx) => {
      const data = await service.readBrandImage(ctx.app);
      // Re-checked on each load: an admin's new image shows at once on every login page.
      return reply
        .removeHeader('Expires')
        .header('Content-Type', 'image/png')
        .header('Cache-Control', 'no-cache')
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "sandbox; frame-ancestors 'none'")
        .send(data);
    },
  },
  {
    method: 'POST',
    url: '/brand/image',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const image = await readImagePart(ctx.app, session, req);
      await service.saveBrandImage(ctx.app, session, image);
      await audit(ctx.app, ctx, 'brand_image_uploaded', { bytes: image.length });
      return ok;
    },
  },
  {
    method: 'DELETE',
    url: '/brand/image',
    auth: 'session',
    handler: async (_req, _reply, ctx) => {
      await service.deleteBrandImage(ctx.app, sessionOf(ctx));
      await audit(ctx.app, ctx, 'brand_image_deleted');
      return ok;
    },
  },
];
