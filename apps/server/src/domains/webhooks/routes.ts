import type { FastifyRequest } from 'fastify';
import { boolQuery, idParam, ok, paging, query, sessionOf, type Route } from '../../http/route.ts';
import { presentIncoming, presentOutgoing } from './present.ts';
import * as incoming from './service-incoming.ts';
import * as outgoing from './service-outgoing.ts';
import { incomingWebhookRoute } from './hook-routes.ts';

/** Webhook management routes (Mattermost's api4/webhook.go) and the incoming hook endpoint itself. */

const body = (req: FastifyRequest) => {
  const b = req.body;
  return (b && typeof b === 'object' && !Array.isArray(b) ? b : {}) as Record<string, unknown>;
};

export const webhookRoutes: Route[] = [
  {
    method: 'POST',
    url: '/hooks/incoming',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) =>
      presentIncoming(await incoming.createIncoming(ctx.app, sessionOf(ctx), body(req))),
  },
  {
    method: 'GET',
    url: '/hooks/incoming',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { perPage, offset } = paging(req);
      const withCount = boolQuery(req, 'include_total_count');
      const { hooks, total } = await incoming.listIncoming(ctx.app, sessionOf(ctx), {
        teamId: query(req).team_id ?? '',
        limit: perPage,
        offset,
        withCount,
      });
      const list = hooks.map(presentIncoming);
      return withCount ? { incoming_webhooks: list, total_count: total ?? 0 } : list;
    },
  },
  {
    method: 'GET',
    url: '/hooks/incoming/:hook_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentIncoming(await incoming.getIncoming(ctx.app, sessionOf(ctx), idParam(req, 'hook_id'))),
  },
  {
    method: 'PUT',
    url: '/hooks/incoming/:hook_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentIncoming(
        await incoming.updateIncoming(ctx.app, sessionOf(ctx), idParam(req, 'hook_id'), body(req)),
      ),
  },
  {
    method: 'DELETE',
    url: '/hooks/incoming/:hook_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await incoming.deleteIncoming(ctx.app, sessionOf(ctx), idParam(req, 'hook_id'));
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/hooks/outgoing',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) =>
      presentOutgoing(await outgoing.createOutgoing(ctx.app, sessionOf(ctx), body(req))),
  },
  {
    method: 'GET',
    url: '/hooks/outgoing',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { perPage, offset } = paging(req);
      const q = query(req);
      const hooks = await outgoing.listOutgoing(ctx.app, sessionOf(ctx), {
        channelId: q.channel_id ?? '',
        teamId: q.team_id ?? '',
        limit: perPage,
        offset,
      });
      return hooks.map(presentOutgoing);
    },
  },
  {
    method: 'GET',
    url: '/hooks/outgoing/:hook_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentOutgoing(await outgoing.getOutgoing(ctx.app, sessionOf(ctx), idParam(req, 'hook_id'))),
  },
  {
    method: 'PUT',
    url: '/hooks/outgoing/:hook_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentOutgoing(
        await outgoing.updateOutgoing(ctx.app, sessionOf(ctx), idParam(req, 'hook_id'), body(req)),
      ),
  },
  {
    method: 'POST',
    url: '/hooks/outgoing/:hook_id/regen_token',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentOutgoing(await outgoing.regenerateToken(ctx.app, sessionOf(ctx), idParam(req, 'hook_id'))),
  },
  {
    method: 'DELETE',
    url: '/hooks/outgoing/:hook_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await outgoing.deleteOutgoing(ctx.app, sessionOf(ctx), idParam(req, 'hook_id'));
      return ok;
    },
  },
  incomingWebhookRoute,
];
