import type { FastifyRequest } from 'fastify';
import { invalidParam } from '../../errors/app-error.ts';
import { ok, sessionOf, type Route } from '../../http/route.ts';
import { audit } from '../audit/audit.ts';
import * as passwords from './service.ts';

const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;

/** The address links in mails point at: ServiceSettings.SiteURL, else the one the client used. */
function siteUrlOf(req: FastifyRequest): string {
  const configured = req.ctx.app.config.get().ServiceSettings.SiteURL.replace(/\/+$/, '');
  return configured || `${req.protocol}://${req.host}`;
}

export const passwordRoutes: Route[] = [
  {
    method: 'POST',
    url: '/users/password/reset/send',
    auth: 'none',
    handler: async (req, _reply, ctx) => {
      const email = body(req).email;
      if (typeof email !== 'string' || !email.trim()) throw invalidParam('email');
      await passwords.sendPasswordReset(ctx.app, email.trim(), siteUrlOf(req));
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/users/password/reset',
    auth: 'none',
    handler: async (req, _reply, ctx) => {
      const b = body(req);
      if (typeof b.token !== 'string') throw invalidParam('token');
      if (typeof b.new_password !== 'string') throw invalidParam('new_password');
      const userId = await passwords.resetPassword(ctx.app, b.token, b.new_password);
      await audit(ctx.app, ctx, 'password_reset', { method: 'email_link' }, { userId });
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/email/test',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await passwords.sendTestEmail(ctx.app, sessionOf(ctx), req.body);
      return ok;
    },
  },
];
