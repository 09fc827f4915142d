import { idParam, ok, query, sessionOf, type Route } from '../../http/route.ts';
import * as notices from './notices-service.ts';

/** In-product notice routes (Mattermost's api4/system.go getProductNotices, updateViewedProductNotices). */
export const noticeRoutes: Route[] = [
  {
    method: 'GET',
    url: '/system/notices/:team_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      notices.productNotices(ctx.app, sessionOf(ctx), idParam(req, 'team_id'), query(req).client ?? ''),
  },
  {
    method: 'PUT',
    url: '/system/notices/view',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      sessionOf(ctx);
      notices.markNoticesViewed(req.body);
      return ok;
    },
  },
];
