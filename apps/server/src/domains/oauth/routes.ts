import {
  idParam,
  ok,
  paging,
  sessionOf,
  userIdParam,
  type Route,
  objectBody as body,
} from '../../http/route.ts';
import { audit } from '../audit/audit.ts';
import * as apps from './apps.ts';
import { authorizedApps } from './flow.ts';
import { flowRoutes } from './flow-routes.ts';
import { presentApp } from './present.ts';

/** OAuth 2.0 client apps under /api/v4, plus the provider's own endpoints under /oauth. */
export const oauthRoutes: Route[] = [
  {
    method: 'POST',
    url: '/oauth/apps',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => {
      const { row, secret } = await apps.createApp(ctx.app, sessionOf(ctx), body(req));
      await audit(ctx.app, ctx, 'oauth_app_created', { client_id: row.id });
      return presentApp(row, secret);
    },
  },
  {
    method: 'GET',
    url: '/oauth/apps',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { perPage, offset } = paging(req);
      return (await apps.listApps(ctx.app, sessionOf(ctx), perPage, offset)).map((r) => presentApp(r));
    },
  },
  {
    method: 'GET',
    url: '/oauth/apps/:app_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentApp(await apps.managedApp(ctx.app, sessionOf(ctx), idParam(req, 'app_id'))),
  },
  {
    method: 'PUT',
    url: '/oauth/apps/:app_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentApp(await apps.updateApp(ctx.app, sessionOf(ctx), idParam(req, 'app_id'), body(req))),
  },
  {
    method: 'DELETE',
    url: '/oauth/apps/:app_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const appId = idParam(req, 'app_id');
      await apps.deleteApp(ctx.app, sessionOf(ctx), appId);
      await audit(ctx.app, ctx, 'oauth_app_deleted', { client_id: appId });
      return ok;
    },
  },
  {
    method: 'GET',
    url: '/oauth/apps/:app_id/info',
    auth: 'session',
    handler: async (req, _reply, ctx) => presentApp(await apps.appInfo(ctx.app, idParam(req, 'app_id'))),
  },
  {
    method: 'POST',
    url: '/oauth/apps/:app_id/regen_secret',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { row, secret } = await apps.regenerateSecret(ctx.app, sessionOf(ctx), idParam(req, 'app_id'));
      await audit(ctx.app, ctx, 'oauth_app_secret_regenerated', { client_id: row.id });
      return presentApp(row, secret);
    },
  },
  {
    method: 'GET',
    url: '/users/:user_id/oauth/apps/authorized',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { perPage, offset } = paging(req);
      const list = await authorizedApps(ctx.app, sessionOf(ctx), userIdParam(req, ctx), perPage, offset);
      return list.map((r) => presentApp(r));
    },
  },
  ...flowRoutes,
];
