import type { Route } from '../../http/route.ts';
import { ok, sessionOf, userIdParam } from '../../http/route.ts';
import { clearCustomStatus, setCustomStatus } from './custom.ts';
import { getStatus, getStatusesByIds, updateStatus } from './service.ts';

export const statusRoutes: Route[] = [
  {
    method: 'POST',
    url: '/users/status/ids',
    auth: 'session',
    handler: async (req, _reply, ctx) => getStatusesByIds(ctx.app, req.body),
  },
  {
    method: 'GET',
    url: '/users/:user_id/status',
    auth: 'session',
    handler: async (req, _reply, ctx) => getStatus(ctx.app, userIdParam(req, ctx)),
  },
  {
    method: 'PUT',
    url: '/users/:user_id/status',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      updateStatus(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        (req.body ?? {}) as Record<string, unknown>,
      ),
  },
  {
    method: 'PUT',
    url: '/users/:user_id/status/custom',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await setCustomStatus(ctx.app, sessionOf(ctx), userIdParam(req, ctx), req.body);
      return ok;
    },
  },
  {
    method: 'DELETE',
    url: '/users/:user_id/status/custom',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await clearCustomStatus(ctx.app, sessionOf(ctx), userIdParam(req, ctx));
      return ok;
    },
  },
];
