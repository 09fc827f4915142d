import type { FastifyReply } from 'fastify';
import { invalidParam, notImplemented } from '../../errors/app-error.ts';
import { ok, query, sessionOf, type Route } from '../../http/route.ts';
import * as configs from './config-service.ts';
import * as system from './service.ts';
import { audit } from '../audit/audit.ts';

/** Config answers carry secrets (masked) and change often: never cache them. */
const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-cache, no-store, must-revalidate');

export const systemRoutes: Route[] = [
  {
    method: 'GET',
    url: '/config',
    auth: 'session',
    handler: async (_req, reply, ctx) => {
      const config = configs.getConfig(ctx.app, sessionOf(ctx));
      noStore(reply);
      return config;
    },
  },
  {
    method: 'PUT',
    url: '/config',
    auth: 'session',
    handler: async (req, reply, ctx) => {
      const config = await configs.updateConfig(ctx.app, sessionOf(ctx), req.body);
      await audit(ctx.app, ctx, 'config_updated', { via: 'updateConfig' });
      noStore(reply);
      return config;
    },
  },
  {
    method: 'PUT',
    url: '/config/patch',
    auth: 'session',
    handler: async (req, reply, ctx) => {
      const config = await configs.patchConfig(ctx.app, sessionOf(ctx), req.body);
      await audit(ctx.app, ctx, 'config_updated', { via: 'patchConfig' });
      noStore(reply);
      return config;
    },
  },
  {
    method: 'GET',
    url: '/config/environment',
    auth: 'session',
    handler: async (_req, reply, ctx) => {
      const tree = configs.environmentConfig(ctx.app, sessionOf(ctx));
      noStore(reply);
      return tree;
    },
  },
  {
    method: 'POST',
    url: '/config/reload',
    auth: 'session',
    handler: async (_req, reply, ctx) => {
      await configs.reloadConfig(ctx.app, sessionOf(ctx));
      noStore(reply);
      return ok;
    },
  },
  {
    method: 'GET',
    url: '/config/client',
    auth: 'optional',
    handler: async (req, _reply, ctx) => configs.clientConfig(ctx.app, ctx.session, query(req).format),
  },
  {
    method: 'GET',
    url: '/license/client',
    auth: 'optional',
    handler: async (req) => {
      const format = query(req).format;
      if (!format) {
        throw notImplemented(
          'api.license.client.old_format.app_error',
          'New format for the client license is not supported yet. Please specify format=old in the query string.',
        );
      }
      if (format !== 'old') throw invalidParam('format');
      // Parley needs no license: every feature is open. Reporting "unlicensed" keeps the clients
      // off Mattermost's commercial code paths (trials, cloud billing, license banners).
      return { IsLicensed: 'false' };
    },
  },
  {
    method: 'GET',
    url: '/system/ping',
    auth: 'optional',
    handler: async (req, reply, ctx) => {
      const q = query(req);
      const withStatus = q.get_server_status === 'true';
      const { healthy, body } = await system.ping(ctx.app, ctx.session, withStatus);
      if (withStatus) {
        // Mattermost repeats the check results as headers for load balancers.
        reply.header('status', String(body.status));
        reply.header('database_status', String(body.database_status));
        reply.header('filestore_status', String(body.filestore_status));
      }
      // Mattermost answers 500 when a check fails, unless the client asks for REST semantics.
      if (!healthy && q.use_rest_semantics !== 'true') reply.code(500);
      else reply.code(200);
      return reply.send(body);
    },
  },
  {
    method: 'GET',
    url: '/system/timezones',
    auth: 'session',
    handler: async () => system.supportedTimezones(),
  },
  {
    method: 'GET',
    url: '/plugins/webapp',
    auth: 'none',
    // Parley runs no plugins; the web and mobile apps ask for web-app plugin manifests at start-up
    // and take an empty list as "none installed".
    handler: async () => [],
  },
];
