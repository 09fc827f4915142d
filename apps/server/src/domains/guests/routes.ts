import type { FastifyRequest } from 'fastify';
import { idParam, ok, query, sessionOf, userIdParam, type Route } from '../../http/route.ts';
import { audit } from '../audit/audit.ts';
import { demoteToGuest, promoteGuest } from './conversion.ts';
import { inviteGuests } from './invite.ts';

/** The address links in mails point at: ServiceSettings.SiteURL, else the one the client used. */
function siteUrlOf(req: FastifyRequest): string {
  const configured = req.ctx.app.config.get().ServiceSettings.SiteURL.replace(/\/+$/, '');
  return configured || `${req.protocol}://${req.host}`;
}

export const guestRoutes: Route[] = [
  {
    method: 'POST',
    url: '/teams/:team_id/invite-guests/email',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const teamId = idParam(req, 'team_id');
      const graceful = Boolean(query(req).graceful);
      const results = await inviteGuests(ctx.app, sessionOf(ctx), teamId, req.body, siteUrlOf(req), graceful);
      await audit(ctx.app, ctx, 'guests_invited', { team_id: teamId });
      return graceful ? results : ok;
    },
  },
  {
    method: 'POST',
    url: '/users/:user_id/promote',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const userId = userIdParam(req, ctx);
      await promoteGuest(ctx.app, sessionOf(ctx), userId);
      await audit(ctx.app, ctx, 'guest_promoted', { user_id: userId });
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/users/:user_id/demote',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const userId = userIdParam(req, ctx);
      await demoteToGuest(ctx.app, sessionOf(ctx), userId);
      await audit(ctx.app, ctx, 'user_demoted_to_guest', { user_id: userId });
      return ok;
    },
  },
];
