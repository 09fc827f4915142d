import { idParam, sessionOf, userIdParam, type Route } from '../../http/route.ts';
import { markPostUnread } from './unread.ts';

/** Marking a channel unread from a post (the client's "Mark as Unread"). */
export const unreadRoutes: Route[] = [
  {
    method: 'POST',
    url: '/users/:user_id/posts/:post_id/set_unread',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      markPostUnread(ctx.app, sessionOf(ctx), userIdParam(req, ctx), idParam(req, 'post_id')),
  },
];
