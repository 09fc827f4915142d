import type { FastifyRequest } from 'fastify';
import { forbidden } from '../../errors/app-error.ts';
import { hasPermissionToSystem, requireSystemPermission } from '../../permissions/authorize.ts';
import { paging, query, sessionOf, userIdParam, type Route } from '../../http/route.ts';
import { presentAudit } from './present.ts';
import { listAudits } from './store.ts';
import { logRingOf } from './log-ring.ts';
import { clientLog } from './client-log.ts';

// Mattermost's default page for GET /logs is 10000 lines; the ring never holds more than its size.
const LOGS_PER_PAGE = 10000;

function logsPaging(req: FastifyRequest): { page: number; perPage: number } {
  const q = query(req);
  const page = Math.max(0, Number.parseInt(q.page ?? '0', 10) || 0);
  const perPage = Math.min(
    LOGS_PER_PAGE,
    Math.max(1, Number.parseInt(q.logs_per_page ?? '', 10) || LOGS_PER_PAGE),
  );
  return { page, perPage };
}

export const auditRoutes: Route[] = [
  {
    method: 'GET',
    url: '/users/:user_id/audits',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const userId = userIdParam(req, ctx);
      if (userId !== session.userId && !hasPermissionToSystem(ctx.app, session, 'edit_other_users'))
        throw forbidden();
      const { offset, perPage } = paging(req);
      return (await listAudits(ctx.app.db, userId, offset, perPage)).map(presentAudit);
    },
  },
  {
    method: 'GET',
    url: '/audits',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      requireSystemPermission(ctx.app, sessionOf(ctx), 'manage_system');
      const { offset, perPage } = paging(req);
      return (await listAudits(ctx.app.db, null, offset, perPage)).map(presentAudit);
    },
  },
  {
    method: 'GET',
    url: '/logs',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      requireSystemPermission(ctx.app, sessionOf(ctx), 'manage_system');
      const { page, perPage } = logsPaging(req);
      return logRingOf(ctx.app.log)?.page(page, perPage) ?? [];
    },
  },
  {
    method: 'POST',
    url: '/logs',
    auth: 'optional',
    handler: async (req, _reply, ctx) => clientLog(ctx, req.body),
  },
];
