import type { FastifyRequest } from 'fastify';
import { invalidUrlParam } from '../../errors/app-error.ts';
import {
  boolQuery,
  idParam,
  ok,
  param,
  query,
  sessionOf,
  userIdParam,
  type Route,
} from '../../http/route.ts';
import * as threads from './service.ts';

/** /users/{user_id}/teams/{team_id}/threads…: a user's collapsed reply threads. */

const base = '/users/:user_id/teams/:team_id/threads';

function numberQuery(req: FastifyRequest, name: string): number {
  const raw = query(req)[name];
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw invalidUrlParam(name);
  return n;
}

function optionalId(req: FastifyRequest, name: string): string {
  const raw = query(req)[name] ?? '';
  if (raw !== '' && !/^[a-z0-9]{26}$/.test(raw)) throw invalidUrlParam(name);
  return raw;
}

const DEFAULT_PER_PAGE = 25;
const MAX_PER_PAGE = 200;

export const threadRoutes: Route[] = [
  {
    method: 'GET',
    url: base,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const perPage = numberQuery(req, 'per_page') || DEFAULT_PER_PAGE;
      return threads.listThreads(ctx.app, sessionOf(ctx), userIdParam(req, ctx), idParam(req, 'team_id'), {
        since: numberQuery(req, 'since'),
        deleted: boolQuery(req, 'deleted'),
        extended: boolQuery(req, 'extended'),
        perPage: Math.min(perPage, MAX_PER_PAGE),
        totalsOnly: boolQuery(req, 'totalsOnly'),
        threadsOnly: boolQuery(req, 'threadsOnly'),
        unread: boolQuery(req, 'unread'),
        before: optionalId(req, 'before'),
        after: optionalId(req, 'after'),
      });
    },
  },
  {
    method: 'PUT',
    url: `${base}/read`,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await threads.readAllThreads(ctx.app, sessionOf(ctx), userIdParam(req, ctx), idParam(req, 'team_id'));
      return ok;
    },
  },
  {
    method: 'GET',
    url: `${base}/:thread_id`,
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      threads.getThread(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        idParam(req, 'team_id'),
        idParam(req, 'thread_id'),
        boolQuery(req, 'extended'),
      ),
  },
  ...(['PUT', 'DELETE'] as const).map((method): Route => ({
    method,
    url: `${base}/:thread_id/following`,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await threads.setFollow(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        idParam(req, 'team_id'),
        idParam(req, 'thread_id'),
        method === 'PUT',
      );
      return ok;
    },
  })),
  {
    method: 'PUT',
    url: `${base}/:thread_id/read/:timestamp`,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const timestamp = Number(param(req, 'timestamp'));
      if (!Number.isInteger(timestamp) || timestamp < 0) throw invalidUrlParam('timestamp');
      return threads.readThread(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        idParam(req, 'team_id'),
        idParam(req, 'thread_id'),
        timestamp,
      );
    },
  },
  {
    method: 'POST',
    url: `${base}/:thread_id/set_unread/:post_id`,
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      threads.setThreadUnread(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        idParam(req, 'team_id'),
        idParam(req, 'thread_id'),
        idParam(req, 'post_id'),
      ),
  },
];
