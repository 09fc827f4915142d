import type { FastifyRequest } from 'fastify';
import { idParam, ok, param, sessionOf, type Route, objectBody } from '../../http/route.ts';
import { invalidUrlParam } from '../../errors/app-error.ts';
import { doPostAction, lookupDialog, openDialog, submitDialog } from './service.ts';

type Body = Record<string, unknown>;
const body = (req: FastifyRequest) => objectBody(req) as Body;

/** Action ids are integration-chosen strings, not server ids: only their size is bounded. */
function actionIdParam(req: FastifyRequest): string {
  const value = param(req, 'action_id');
  if (value === '' || value.length > 128) throw invalidUrlParam('action_id');
  return value;
}

export const actionRoutes: Route[] = [
  {
    method: 'POST',
    url: '/posts/:post_id/actions/:action_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      doPostAction(ctx.app, sessionOf(ctx), idParam(req, 'post_id'), actionIdParam(req), body(req)),
  },
  {
    method: 'POST',
    url: '/actions/dialogs/open',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await openDialog(ctx.app, body(req));
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/actions/dialogs/submit',
    auth: 'session',
    handler: async (req, _reply, ctx) => submitDialog(ctx.app, sessionOf(ctx), body(req)),
  },
  {
    method: 'POST',
    url: '/actions/dialogs/lookup',
    auth: 'session',
    handler: async (req, _reply, ctx) => lookupDialog(ctx.app, sessionOf(ctx), body(req)),
  },
];
