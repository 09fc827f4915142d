import type { Route } from '../../http/route.ts';
import { sessionOf } from '../../http/route.ts';
import { presentTeam } from './present.ts';
import { createTeam } from './service.ts';

export const teamRoutes: Route[] = [
  {
    method: 'POST',
    url: '/teams',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => {
      const team = await createTeam(ctx.app, sessionOf(ctx), (req.body ?? {}) as Record<string, unknown>);
      return presentTeam(team, { showInviteId: true });
    },
  },
];
