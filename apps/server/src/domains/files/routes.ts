import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../errors/app-error.ts';
import { boolQuery, idParam, param, query, sessionOf, type Route } from '../../http/route.ts';
import { presentFileInfo } from './present.ts';
import { sendStoredFile } from './serve.ts';
import * as service from './service.ts';
import { parseUpload } from './upload-parse.ts';

/** File routes (Mattermost's api4/file.go) and the public link route outside /api/v4. */

const noThumbnail = () =>
  badRequest('api.file.get_file_thumbnail.no_thumbnail.app_error', "File doesn't have a thumbnail image.");
const noPreview = () =>
  badRequest('api.file.get_file_preview.no_preview.app_error', "File doesn't have a preview image.");

/** The server's public address: ServiceSettings.SiteURL, else the one this request came to. */
function siteUrl(req: FastifyRequest): string {
  const configured = req.ctx.app.config.get().ServiceSettings.SiteURL;
  if (configured) return configured.replace(/\/+$/, '');
  return `${req.protocol}://${req.host}`;
}

export const fileRoutes: Route[] = [
  {
    method: 'POST',
    url: '/files',
    auth: 'session',
    status: 201,
    streamBody: true,
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const parsed = await parseUpload(ctx.app, session, req);
      const infos = await service.uploadFiles(ctx.app, session, parsed.channel, parsed.uploads);
      return { file_infos: infos.map(presentFileInfo), client_ids: parsed.clientIds };
    },
  },
  {
    method: 'GET',
    url: '/files/:file_id',
    auth: 'session',
    trustRequester: true,
    handler: async (req, reply, ctx) => {
      const info = await service.readableFile(ctx.app, sessionOf(ctx), idParam(req, 'file_id'));
      return sendStoredFile(ctx.app, req, reply, {
        path: info.path,
        name: info.name,
        mimeType: info.mime_type,
        forceDownload: boolQuery(req, 'download'),
      });
    },
  },
  {
    method: 'GET',
    url: '/files/:file_id/thumbnail',
    auth: 'session',
    trustRequester: true,
    handler: async (req, reply, ctx) => {
      const info = await service.readableFile(ctx.app, sessionOf(ctx), idParam(req, 'file_id'));
      if (!info.thumbnail_path) throw noThumbnail();
      return sendStoredFile(ctx.app, req, reply, {
        path: info.thumbnail_path,
        name: info.name,
        mimeType: info.thumbnail_path.endsWith('.png') ? 'image/png' : 'image/jpeg',
        forceDownload: boolQuery(req, 'download'),
      });
    },
  },
  {
    method: 'GET',
    url: '/files/:file_id/preview',
    auth: 'session',
    trustRequester: true,
    handler: async (req, reply, ctx) => {
      const info = await service.readableFile(ctx.app, sessionOf(ctx), idParam(req, 'file_id'));
      if (!info.preview_path) throw noPreview();
      return sendStoredFile(ctx.app, req, reply, {
        path: info.preview_path,
        name: info.name,
        mimeType: info.preview_path.endsWith('.png') ? 'image/png' : 'image/jpeg',
        forceDownload: boolQuery(req, 'download'),
      });
    },
  },
  {
    method: 'GET',
    url: '/files/:file_id/info',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentFileInfo(await service.readableFile(ctx.app, sessionOf(ctx), idParam(req, 'file_id'))),
  },
  {
    method: 'GET',
    url: '/files/:file_id/link',
    auth: 'session',
    handler: async (req, _reply, ctx) => ({
      link: await service.publicLink(ctx.app, sessionOf(ctx), idParam(req, 'file_id'), siteUrl(req)),
    }),
  },
  {
    method: 'GET',
    url: '/posts/:post_id/files/info',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      (
        await service.filesOfPost(
          ctx.app,
          sessionOf(ctx),
          idParam(req, 'post_id'),
          boolQuery(req, 'include_deleted'),
        )
      ).map(presentFileInfo),
  },
  {
    method: 'GET',
    url: '/files/:file_id/public',
    absolute: true,
    auth: 'none',
    trustRequester: true,
    handler: async (req, reply, ctx) => {
      const info = await service.publicFile(ctx.app, param(req, 'file_id'), query(req).h ?? '');
      return sendStoredFile(ctx.app, req, reply, {
        path: info.path,
        name: info.name,
        mimeType: info.mime_type,
        forceDownload: boolQuery(req, 'download'),
      });
    },
  },
];
