import type { FastifyReply } from 'fastify';
import { badRequest, forbidden } from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { ok, sessionOf, userIdParam, type Route } from '../../http/route.ts';
import { defaultProfileImage, sniffImageType } from './avatar.ts';
import { initialsOf } from './policy.ts';
import { getUserOr404, publishUserUpdated } from './service.ts';
import * as store from './store.ts';

function sendImage(reply: FastifyReply, contentType: string, data: Buffer, etag: string) {
  return reply
    .header('Content-Type', contentType)
    .header('Cache-Control', 'max-age=86400, private')
    .header('ETag', etag)
    .header('X-Content-Type-Options', 'nosniff')
    .removeHeader('Expires')
    .send(data);
}

export const imageRoutes: Route[] = [
  {
    method: 'GET',
    url: '/users/:user_id/image',
    auth: 'session',
    trustRequester: true,
    handler: async (req, reply, ctx) => {
      const user = await getUserOr404(ctx.app, userIdParam(req, ctx));
      const etag = `"${user.id}.${user.last_picture_update}"`;
      if (req.headers['if-none-match'] === etag) return reply.code(304).removeHeader('Content-Type').send();
      const custom = user.last_picture_update > 0 ? await store.getUserImage(ctx.app.db, user.id) : undefined;
      if (custom) return sendImage(reply, custom.content_type, custom.data, etag);
      return sendImage(reply, 'image/png', defaultProfileImage(user.id, initialsOf(user)), etag);
    },
  },
  {
    method: 'GET',
    url: '/users/:user_id/image/default',
    auth: 'session',
    trustRequester: true,
    handler: async (req, reply, ctx) => {
      const user = await getUserOr404(ctx.app, userIdParam(req, ctx));
      return sendImage(
        reply,
        'image/png',
        defaultProfileImage(user.id, initialsOf(user)),
        `"${user.id}.default"`,
      );
    },
  },
  {
    method: 'POST',
    url: '/users/:user_id/image',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const userId = userIdParam(req, ctx);
      const session = sessionOf(ctx);
      if (session.userId !== userId && !hasPermissionToSystem(ctx.app, session, 'edit_other_users'))
        throw forbidden();
      await getUserOr404(ctx.app, userId);
      if (!req.isMultipart()) {
        throw badRequest(
          'api.user.upload_profile_user.no_file.app_error',
          'No file under "image" in request.',
        );
      }
      const file = await req.file({
        limits: { fileSize: ctx.app.config.get().FileSettings.MaxFileSize, files: 1 },
      });
      if (!file || file.fieldname !== 'image') {
        throw badRequest(
          'api.user.upload_profile_user.no_file.app_error',
          'No file under "image" in request.',
        );
      }
      const data = await file.toBuffer();
      if (file.file.truncated) {
        throw badRequest(
          'api.user.upload_profile_user.too_large.app_error',
          'Unable to upload profile image. File is too large.',
        );
      }
      const type = sniffImageType(data);
      if (!type || !['image/png', 'image/jpeg', 'image/gif'].includes(type)) {
        throw badRequest(
          'api.user.upload_profile_user.decode.app_error',
          'Could not decode profile image: it must be a PNG, JPEG or GIF.',
        );
      }
      const now = Date.now();
      await store.putUserImage(ctx.app.db, userId, type, data);
      const updated = await store.updateUser(ctx.app.db, userId, {
        last_picture_update: now,
        update_at: now,
      });
      if (updated) publishUserUpdated(ctx.app, updated);
      return ok;
    },
  },
  {
    method: 'DELETE',
    url: '/users/:user_id/image',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const userId = userIdParam(req, ctx);
      const session = sessionOf(ctx);
      if (session.userId !== userId && !hasPermissionToSystem(ctx.app, session, 'edit_other_users'))
        throw forbidden();
      await getUserOr404(ctx.app, userId);
      await store.deleteUserImage(ctx.app.db, userId);
      // Mattermost marks a reset picture with a negative timestamp so clients bust their cache.
      await store.updateUser(ctx.app.db, userId, { last_picture_update: -Date.now(), update_at: Date.now() });
      return ok;
    },
  },
];
