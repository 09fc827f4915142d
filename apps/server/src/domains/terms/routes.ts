import { objectBody, ok, requireObjectBody, sessionOf, userIdParam, type Route } from '../../http/route.ts';
import { audit } from '../audit/audit.ts';
import * as terms from './service.ts';

/** Custom terms of service: the versions, and each user's acceptance. */
export const termsRoutes: Route[] = [
  {
    method: 'GET',
    url: '/terms_of_service',
    auth: 'session',
    handler: async (_req, _reply, ctx) => terms.latestTerms(ctx.app),
  },
  {
    method: 'POST',
    url: '/terms_of_service',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const text = requireObjectBody(req, 'text').text;
      const { terms: row, created } = await terms.createTerms(ctx.app, sessionOf(ctx), text);
      if (created) await audit(ctx.app, ctx, 'terms_of_service_created', { terms_id: row.id });
      return row;
    },
  },
  {
    method: 'GET',
    url: '/users/:user_id/terms_of_service',
    auth: 'session',
    handler: async (req, _reply, ctx) => terms.userAcceptance(ctx.app, sessionOf(ctx), userIdParam(req, ctx)),
  },
  {
    method: 'POST',
    url: '/users/:user_id/terms_of_service',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const action = await terms.recordTermsAction(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        objectBody(req),
      );
      await audit(ctx.app, ctx, action.accepted ? 'terms_of_service_accepted' : 'terms_of_service_declined', {
        terms_id: action.termsOfServiceId,
      });
      return ok;
    },
  },
];
