import { idParam, sessionOf, type Route } from '../../http/route.ts';
import { invalidFileSearchBody, searchFiles } from './files-service.ts';
import { searchRequest } from './service.ts';

/** File search routes (Mattermost's api4/file.go searchFilesInTeam / searchFilesInAllTeams). */

export const fileSearchRoutes: Route[] = [
  {
    method: 'POST',
    url: '/teams/:team_id/files/search',
    auth: 'session',
    handler: async (req, reply, ctx) => {
      const teamId = idParam(req, 'team_id');
      const results = await searchFiles(
        ctx.app,
        sessionOf(ctx),
        teamId,
        searchRequest(req.body, invalidFileSearchBody),
      );
      // Results depend on the searcher's memberships at this moment; never cache them.
      reply.header('Cache-Control', 'no-cache, no-store, must-revalidate');
      return results;
    },
  },
  {
    method: 'POST',
    url: '/files/search',
    auth: 'session',
    handler: async (req, reply, ctx) => {
      const results = await searchFiles(
        ctx.app,
        sessionOf(ctx),
        null,
        searchRequest(req.body, invalidFileSearchBody),
      );
      reply.header('Cache-Control', 'no-cache, no-store, must-revalidate');
      return results;
    },
  },
];
