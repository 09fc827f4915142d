import type { FastifyRequest } from 'fastify';
import { invalidBodyParam, invalidParam } from '../../errors/app-error.ts';
import { ok, sessionOf, userIdParam, type Route } from '../../http/route.ts';
import { audit } from '../audit/audit.ts';
import * as mfa from './service.ts';

const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;

export const mfaRoutes: Route[] = [
  {
    method: 'POST',
    url: '/users/:user_id/mfa/generate',
    auth: 'session',
    handler: async (req, reply, ctx) => {
      const secret = await mfa.generateSecret(ctx.app, sessionOf(ctx), userIdParam(req, ctx));
      reply.header('Cache-Control', 'no-cache, no-store, must-revalidate');
      return secret;
    },
  },
  {
    method: 'PUT',
    url: '/users/:user_id/mfa',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const userId = userIdParam(req, ctx);
      const b = body(req);
      if (typeof b.activate !== 'boolean') throw invalidBodyParam('activate');
      if (b.code !== undefined && typeof b.code !== 'string') throw invalidBodyParam('code');
      await mfa.updateMfa(ctx.app, sessionOf(ctx), userId, b.activate, (b.code as string | undefined) ?? '');
      await audit(ctx.app, ctx, b.activate ? 'mfa_activated' : 'mfa_deactivated', { user_id: userId });
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/users/mfa',
    auth: 'none',
    handler: async (req, _reply, ctx) => {
      const loginId = body(req).login_id;
      if (typeof loginId !== 'string' || !loginId.trim()) throw invalidParam('login_id');
      return { mfa_required: await mfa.mfaRequiredFor(ctx.app, loginId.trim()) };
    },
  },
];
