import type { FastifyRequest } from 'fastify';
import { invalidBodyParam, invalidUrlParam } from '../../errors/app-error.ts';
import type { Route } from '../../http/route.ts';
import { boolQuery, idParam, ok, paging, param, sessionOf, requireObjectBody } from '../../http/route.ts';
import { teamViewer } from './access.ts';
import { memberRoutes } from './member-routes.ts';
import { presentTeam } from './present.ts';
import * as teams from './service.ts';
import { audit } from '../audit/audit.ts';

const body = (req: FastifyRequest) => requireObjectBody(req, 'team');

/** A `{name}` path parameter holding a team name (Mattermost's team-name pattern). */
function nameParam(req: FastifyRequest): string {
  const name = param(req, 'team_name');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw invalidUrlParam('team_name');
  return name;
}

export const teamRoutes: Route[] = [
  {
    method: 'POST',
    url: '/teams',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => {
      const team = await teams.createTeam(ctx.app, sessionOf(ctx), body(req));
      return presentTeam(team, { showInviteId: true });
    },
  },
  {
    method: 'GET',
    url: '/teams',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { perPage, offset } = paging(req);
      const withCount = boolQuery(req, 'include_total_count');
      const result = await teams.listTeams(ctx.app, sessionOf(ctx), { limit: perPage, offset, withCount });
      const list = result.teams.map((t) => teams.presentFor(result.viewer, t));
      return withCount ? { teams: list, total_count: result.totalCount } : list;
    },
  },
  {
    method: 'POST',
    url: '/teams/search',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const b = body(req);
      if (typeof b.term !== 'string') throw invalidBodyParam('term');
      const paged = typeof b.page === 'number' && typeof b.per_page === 'number';
      const perPage = paged ? Math.min(200, Math.max(1, Math.floor(b.per_page as number))) : 100;
      const page = paged ? Math.max(0, Math.floor(b.page as number)) : 0;
      const result = await teams.searchTeams(ctx.app, sessionOf(ctx), {
        term: b.term.trim(),
        allowOpenInvite: typeof b.allow_open_invite === 'boolean' ? b.allow_open_invite : undefined,
        groupConstrained: typeof b.group_constrained === 'boolean' ? b.group_constrained : undefined,
        limit: perPage,
        offset: page * perPage,
      });
      const list = result.teams.map((t) => teams.presentFor(result.viewer, t));
      return paged ? { teams: list, total_count: result.totalCount } : list;
    },
  },
  {
    method: 'GET',
    url: '/teams/:team_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { team, viewer } = await teams.getTeam(ctx.app, sessionOf(ctx), idParam(req, 'team_id'));
      return teams.presentFor(viewer, team);
    },
  },
  {
    method: 'GET',
    url: '/teams/name/:team_name',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { team, viewer } = await teams.getTeamByName(ctx.app, sessionOf(ctx), nameParam(req));
      return teams.presentFor(viewer, team);
    },
  },
  {
    method: 'GET',
    url: '/teams/name/:team_name/exists',
    auth: 'session',
    handler: async (req, _reply, ctx) => ({
      exists: await teams.teamExists(ctx.app, sessionOf(ctx), nameParam(req)),
    }),
  },
  {
    method: 'PUT',
    url: '/teams/:team_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const teamId = idParam(req, 'team_id');
      const b = body(req);
      if (b.id !== teamId) throw invalidBodyParam('team');
      return present(ctx, await teams.patchTeam(ctx.app, sessionOf(ctx), teamId, teams.parseTeamPatch(b)));
    },
  },
  {
    method: 'PUT',
    url: '/teams/:team_id/patch',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const teamId = idParam(req, 'team_id');
      const patch = teams.parseTeamPatch(body(req));
      return present(ctx, await teams.patchTeam(ctx.app, sessionOf(ctx), teamId, patch));
    },
  },
  {
    method: 'PUT',
    url: '/teams/:team_id/privacy',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const teamId = idParam(req, 'team_id');
      const team = await teams.updateTeamPrivacy(ctx.app, sessionOf(ctx), teamId, body(req).privacy);
      return present(ctx, team);
    },
  },
  {
    method: 'POST',
    url: '/teams/:team_id/regenerate_invite_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      present(ctx, await teams.regenerateInviteId(ctx.app, sessionOf(ctx), idParam(req, 'team_id'))),
  },
  {
    method: 'DELETE',
    url: '/teams/:team_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await teams.deleteTeam(ctx.app, sessionOf(ctx), idParam(req, 'team_id'), boolQuery(req, 'permanent'));
      await audit(ctx.app, ctx, 'team_deleted', {
        team_id: idParam(req, 'team_id'),
        permanent: boolQuery(req, 'permanent'),
      });
      return ok;
    },
  },
  {
    method: 'GET',
    url: '/teams/:team_id/stats',
    auth: 'session',
    handler: async (req, _reply, ctx) => teams.teamStats(ctx.app, sessionOf(ctx), idParam(req, 'team_id')),
  },
  {
    method: 'GET',
    url: '/teams/invite/:invite_id',
    auth: 'none',
    handler: async (req, _reply, ctx) => teams.inviteInfo(ctx.app, idParam(req, 'invite_id')),
  },
  ...memberRoutes,
];

/** A team as the caller may see it after a change they made. */
async function present(ctx: Parameters<Route['handler']>[2], team: Parameters<typeof presentTeam>[0]) {
  const viewer = await teamViewer(ctx.app, sessionOf(ctx));
  return teams.presentFor(viewer, team);
}
