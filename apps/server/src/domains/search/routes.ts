import { idParam, sessionOf, type Route } from '../../http/route.ts';
import { searchPosts, searchRequest } from './service.ts';

/** Post search routes (Mattermost's api4/post.go searchPostsInTeam / searchPostsInAllTeams). */

export const searchRoutes: Route[] = [
  {
    method: 'POST',
    url: '/teams/:team_id/posts/search',
    auth: 'session',
    handler: async (req, reply, ctx) => {
      const teamId = idParam(req, 'team_id');
      const results = await searchPosts(ctx.app, sessionOf(ctx), teamId, searchRequest(req.body));
      // Results depend on the searcher's memberships at this moment; never cache them.
      reply.header('Cache-Control', 'no-cache, no-store, must-revalidate');
      return results;
    },
  },
  {
    method: 'POST',
    url: '/posts/search',
    auth: 'session',
    handler: async (req, reply, ctx) => {
      const results = await searchPosts(ctx.app, sessionOf(ctx), null, searchRequest(req.body));
      reply.header('Cache-Control', 'no-cache, no-store, must-revalidate');
      return results;
    },
  },
];
