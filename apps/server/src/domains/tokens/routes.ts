import type { FastifyRequest } from 'fastify';
import { invalidParam } from '../../errors/app-error.ts';
import { idParam, ok, paging, sessionOf, userIdParam, type Route } from '../../http/route.ts';
import { isValidId } from '../../platform/ids.ts';
import * as tokens from './service.ts';
import { presentToken } from './present.ts';

const body = (req: FastifyRequest) => {
  const b = req.body;
  return (typeof b === 'object' && b !== null && !Array.isArray(b) ? b : {}) as Record<string, unknown>;
};

/** The `token_id` of a revoke/disable/enable body. */
function tokenIdOf(req: FastifyRequest): string {
  const id = body(req).token_id;
  if (!isValidId(id)) throw invalidParam('token_id');
  return id;
}

export const tokenRoutes: Route[] = [
  {
    method: 'POST',
    url: '/users/:user_id/tokens',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const { token, secret } = await tokens.createToken(ctx.app, session, userIdParam(req, ctx), body(req));
      return presentToken(token, secret);
    },
  },
  {
    method: 'GET',
    url: '/users/:user_id/tokens',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { perPage, offset } = paging(req);
      const list = await tokens.listTokensOfUser(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        perPage,
        offset,
      );
      return list.map((t) => presentToken(t));
    },
  },
  {
    method: 'GET',
    url: '/users/tokens',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { perPage, offset } = paging(req);
      return (await tokens.listAllTokens(ctx.app, sessionOf(ctx), perPage, offset)).map((t) =>
        presentToken(t),
      );
    },
  },
  {
    method: 'GET',
    url: '/users/tokens/:token_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentToken(await tokens.getToken(ctx.app, sessionOf(ctx), idParam(req, 'token_id'))),
  },
  {
    method: 'POST',
    url: '/users/tokens/revoke',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await tokens.revokeToken(ctx.app, sessionOf(ctx), tokenIdOf(req));
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/users/tokens/disable',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await tokens.setTokenActive(ctx.app, sessionOf(ctx), tokenIdOf(req), false);
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/users/tokens/enable',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await tokens.setTokenActive(ctx.app, sessionOf(ctx), tokenIdOf(req), true);
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/users/tokens/search',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      (await tokens.searchTokens(ctx.app, sessionOf(ctx), body(req).term)).map((t) => presentToken(t)),
  },
];
