import type { FastifyRequest } from 'fastify';
import { badRequest, invalidBodyParam, invalidParam } from '../../errors/app-error.ts';
import type { Route } from '../../http/route.ts';
import { boolQuery, idParam, ok, paging, query, sessionOf, userIdParam } from '../../http/route.ts';
import { isValidId } from '../../platform/ids.ts';
import { teamViewer } from './access.ts';
import * as members from './members.ts';
import { teamMemberJson, teamMembersJson } from './member-json.ts';
import { presentTeamUnread } from './present.ts';
import { presentFor } from './service.ts';

/** A JSON array of valid user ids (or of objects carrying `user_id`), deduplicated and bounded. */
function userIdsBody(req: FastifyRequest, max: number, fromMembers = false): string[] {
  const list = req.body;
  if (!Array.isArray(list) || list.length === 0) throw invalidBodyParam(fromMembers ? 'members' : 'user_ids');
  const ids = list.map((v) =>
    fromMembers && v && typeof v === 'object' ? (v as Record<string, unknown>).user_id : v,
  );
  if (!ids.every(isValidId)) throw invalidBodyParam(fromMembers ? 'members' : 'user_ids');
  if (ids.length > max) {
    throw badRequest('api.context.invalid_body_param.app_error', `At most ${max} users per request.`);
  }
  return [...new Set(ids as string[])];
}

function objectBody(req: FastifyRequest, name: string): Record<string, unknown> {
  const b = req.body;
  if (b === null || typeof b !== 'object' || Array.isArray(b)) throw invalidBodyParam(name);
  return b as Record<string, unknown>;
}

export const memberRoutes: Route[] = [
  {
    method: 'GET',
    url: '/teams/:team_id/members',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { perPage, offset } = paging(req);
      const rows = await members.listMembers(ctx.app, sessionOf(ctx), idParam(req, 'team_id'), {
        limit: perPage,
        offset,
        excludeDeletedUsers: boolQuery(req, 'exclude_deleted_users'),
        sortByUsername: query(req).sort === 'Username',
      });
      return teamMembersJson(ctx.app.db, rows);
    },
  },
  {
    method: 'POST',
    url: '/teams/:team_id/members',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => {
      const teamId = idParam(req, 'team_id');
      const b = objectBody(req, 'member');
      if (b.team_id !== teamId) throw invalidBodyParam('team_id');
      if (!isValidId(b.user_id)) throw invalidBodyParam('user_id');
      return teamMemberJson(ctx.app.db, await members.addMember(ctx.app, sessionOf(ctx), teamId, b.user_id));
    },
  },
  {
    method: 'POST',
    url: '/teams/:team_id/members/batch',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => {
      const teamId = idParam(req, 'team_id');
      const userIds = userIdsBody(req, members.MAX_BATCH_MEMBERS, true);
      const graceful = boolQuery(req, 'graceful');
      const results = await members.addMembers(ctx.app, sessionOf(ctx), teamId, userIds, graceful);
      const added = await teamMembersJson(
        ctx.app.db,
        results.flatMap((r) => (r.member ? [r.member] : [])),
      );
      if (!graceful) return added;
      const byUser = new Map(added.map((m) => [m.user_id, m]));
      return results.map((r) => ({
        user_id: r.user_id,
        member: r.member ? byUser.get(r.user_id) : undefined,
        error: r.error
          ? { id: r.error.id, message: r.error.message, status_code: r.error.statusCode }
          : undefined,
      }));
    },
  },
  {
    method: 'POST',
    url: '/teams/members/invite',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => {
      const inviteId = query(req).invite_id;
      if (!inviteId) {
        if (query(req).token) throw invalidParam('token');
        throw badRequest(
          'api.team.add_user_to_team.missing_parameter.app_error',
          'Parameter required to add user to team.',
        );
      }
      if (!isValidId(inviteId)) throw invalidParam('invite_id');
      return teamMemberJson(ctx.app.db, await members.joinByInvite(ctx.app, sessionOf(ctx), inviteId));
    },
  },
  {
    method: 'POST',
    url: '/teams/:team_id/members/ids',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const teamId = idParam(req, 'team_id');
      const rows = await members.membersByIds(ctx.app, sessionOf(ctx), teamId, userIdsBody(req, 1000));
      return teamMembersJson(ctx.app.db, rows);
    },
  },
  {
    method: 'GET',
    url: '/teams/:team_id/members/:user_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const teamId = idParam(req, 'team_id');
      const userId = userIdParam(req, ctx);
      return teamMemberJson(ctx.app.db, await members.getMember(ctx.app, sessionOf(ctx), teamId, userId));
    },
  },
  {
    method: 'DELETE',
    url: '/teams/:team_id/members/:user_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await members.removeMember(ctx.app, sessionOf(ctx), idParam(req, 'team_id'), userIdParam(req, ctx));
      return ok;
    },
  },
  {
    method: 'PUT',
    url: '/teams/:team_id/members/:user_id/roles',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const teamId = idParam(req, 'team_id');
      const userId = userIdParam(req, ctx);
      const roles = objectBody(req, 'roles').roles;
      if (typeof roles !== 'string') throw invalidBodyParam('roles');
      await members.updateMemberRoles(ctx.app, sessionOf(ctx), teamId, userId, roles);
      return ok;
    },
  },
  {
    method: 'GET',
    url: '/users/:user_id/teams',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const rows = await members.teamsOfUser(ctx.app, session, userIdParam(req, ctx));
      const viewer = await teamViewer(ctx.app, session);
      return rows.map((t) => presentFor(viewer, t));
    },
  },
  {
    method: 'GET',
    url: '/users/:user_id/teams/members',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      teamMembersJson(
        ctx.app.db,
        await members.membershipsOfUser(ctx.app, sessionOf(ctx), userIdParam(req, ctx)),
      ),
  },
  {
    method: 'GET',
    url: '/users/:user_id/teams/unread',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const exclude = query(req).exclude_team || undefined;
      if (exclude !== undefined && !isValidId(exclude)) throw invalidParam('exclude_team');
      const rows = await members.unreadsOfUser(ctx.app, sessionOf(ctx), userIdParam(req, ctx), exclude);
      return rows.map(presentTeamUnread);
    },
  },
  {
    method: 'GET',
    url: '/users/:user_id/teams/:team_id/unread',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const userId = userIdParam(req, ctx);
      const teamId = idParam(req, 'team_id');
      return presentTeamUnread(await members.unreadOfUserInTeam(ctx.app, sessionOf(ctx), userId, teamId));
    },
  },
];
