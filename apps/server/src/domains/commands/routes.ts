import type { FastifyRequest } from 'fastify';
import type { App } from '../../app.ts';
import { badRequest } from '../../errors/app-error.ts';
import { boolQuery, idParam, ok, query, sessionOf, type Route } from '../../http/route.ts';
import { listAutocomplete, listCommands, suggestions } from './autocomplete.ts';
import { executeCommand } from './execute.ts';
import { presentCommand, presentCommandResponse } from './present.ts';
import { handleResponseUrl } from './response-url.ts';
import { readCommandResponse } from './respond.ts';
import * as service from './service.ts';

type Body = Record<string, unknown>;
const body = (req: FastifyRequest): Body =>
  typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Body) : {};

/** The public base URL: ServiceSettings.SiteURL, or what the request was addressed to (as upstream's GetSiteURLHeader). */
export function siteUrlOf(app: App, req: FastifyRequest): string {
  const configured = app.config.get().ServiceSettings.SiteURL.replace(/\/+$/u, '');
  return configured || `${req.protocol}://${req.host}`;
}

export const commandRoutes: Route[] = [
  {
    method: 'POST',
    url: '/commands',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) =>
      presentCommand(await service.createCommand(ctx.app, sessionOf(ctx), body(req))),
  },
  {
    method: 'GET',
    url: '/commands',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      listCommands(ctx.app, sessionOf(ctx), query(req).team_id, boolQuery(req, 'custom_only')),
  },
  {
    method: 'POST',
    url: '/commands/execute',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentCommandResponse(
        await executeCommand(ctx.app, sessionOf(ctx), body(req), siteUrlOf(ctx.app, req)),
      ),
  },
  {
    method: 'GET',
    url: '/commands/:command_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentCommand(await service.getCommand(ctx.app, sessionOf(ctx), idParam(req, 'command_id'))),
  },
  {
    method: 'PUT',
    url: '/commands/:command_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentCommand(
        await service.updateCommand(ctx.app, sessionOf(ctx), idParam(req, 'command_id'), body(req)),
      ),
  },
  {
    method: 'DELETE',
    url: '/commands/:command_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await service.deleteCommand(ctx.app, sessionOf(ctx), idParam(req, 'command_id'));
      return ok;
    },
  },
  {
    method: 'PUT',
    url: '/commands/:command_id/regen_token',
    auth: 'session',
    handler: async (req, _reply, ctx) => ({
      token: await service.regenerateToken(ctx.app, sessionOf(ctx), idParam(req, 'command_id')),
    }),
  },
  {
    method: 'PUT',
    url: '/commands/:command_id/move',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await service.moveCommand(ctx.app, sessionOf(ctx), idParam(req, 'command_id'), body(req));
      return ok;
    },
  },
  {
    method: 'GET',
    url: '/teams/:team_id/commands/autocomplete',
    auth: 'session',
    handler: async (req, _reply, ctx) => listAutocomplete(ctx.app, sessionOf(ctx), idParam(req, 'team_id')),
  },
  {
    method: 'GET',
    url: '/teams/:team_id/commands/autocomplete_suggestions',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      suggestions(ctx.app, sessionOf(ctx), idParam(req, 'team_id'), query(req).user_input),
  },
  {
    // A command's delayed answers, outside /api/v4 and without a session: the id is the secret.
    method: 'POST',
    url: '/hooks/commands/:hook_id',
    absolute: true,
    rawBody: true,
    auth: 'none',
    handler: async (req, reply, ctx) => {
      const hookId = idParam(req, 'hook_id');
      const raw = typeof req.body === 'string' ? req.body : '';
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      let response;
      if (type === 'application/json') {
        try {
          response = readCommandResponse(JSON.parse(raw));
        } catch {
          throw badRequest('web.command_webhook.parse.app_error', 'Unable to parse incoming data.');
        }
      } else {
        response = { text: raw };
      }
      await handleResponseUrl(ctx.app, hookId, response);
      reply.code(200).header('Content-Type', 'text/plain').send('ok');
      return reply;
    },
  },
];
