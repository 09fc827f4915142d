import type { FastifyRequest } from 'fastify';
import { invalidBodyParam } from '../../errors/app-error.ts';
import {
  boolQuery,
  idParam,
  ok,
  paging,
  query,
  sessionOf,
  userIdParam,
  type Route,
  requireObjectBody,
} from '../../http/route.ts';
import { isValidId } from '../../platform/ids.ts';
import { memberJson, membersJson } from './member-json.ts';
import { presentChannel } from './present.ts';
import * as lists from './service-lists.ts';
import * as members from './service-members.ts';

const body = (req: FastifyRequest) => requireObjectBody(req, 'body');

function idArrayBody(req: FastifyRequest): string[] {
  const list = req.body;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    list.length > members.MAX_USERS_PER_REQUEST ||
    !list.every(isValidId)
  )
    throw invalidBodyParam('user_ids');
  return [...new Set(list as string[])];
}

/** Channel membership routes, and the per-user channel lists the clients load at start-up. */
export const memberRoutes: Route[] = [
  {
    method: 'GET',
    url: '/channels/:channel_id/members',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      membersJson(
        ctx.app.db,
        await members.listMembers(ctx.app, sessionOf(ctx), idParam(req, 'channel_id'), paging(req)),
      ),
  },
  {
    method: 'POST',
    url: '/channels/:channel_id/members',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => {
      const channelId = idParam(req, 'channel_id');
      const { userIds, many } = members.parseAddBody(body(req));
      const rows = await members.addMembers(ctx.app, sessionOf(ctx), channelId, userIds);
      return many ? membersJson(ctx.app.db, rows) : memberJson(ctx.app.db, rows[0]);
    },
  },
  {
    method: 'POST',
    url: '/channels/:channel_id/members/ids',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      membersJson(
        ctx.app.db,
        await members.getMembersByIds(ctx.app, sessionOf(ctx), idParam(req, 'channel_id'), idArrayBody(req)),
      ),
  },
  {
    method: 'GET',
    url: '/channels/:channel_id/members/:user_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      memberJson(
        ctx.app.db,
        await members.getMember(ctx.app, sessionOf(ctx), idParam(req, 'channel_id'), userIdParam(req, ctx)),
      ),
  },
  {
    method: 'DELETE',
    url: '/channels/:channel_id/members/:user_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await members.removeMember(ctx.app, sessionOf(ctx), idParam(req, 'channel_id'), userIdParam(req, ctx));
      return ok;
    },
  },
  {
    method: 'PUT',
    url: '/channels/:channel_id/members/:user_id/roles',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await members.updateMemberRoles(
        ctx.app,
        sessionOf(ctx),
        idParam(req, 'channel_id'),
        userIdParam(req, ctx),
        body(req),
      );
      return ok;
    },
  },
  {
    method: 'PUT',
    url: '/channels/:channel_id/members/:user_id/notify_props',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await members.updateNotifyProps(
        ctx.app,
        sessionOf(ctx),
        idParam(req, 'channel_id'),
        userIdParam(req, ctx),
        body(req),
      );
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/channels/members/:user_id/view',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const times = await members.viewChannel(ctx.app, sessionOf(ctx), userIdParam(req, ctx), body(req));
      return { status: 'OK', last_viewed_at_times: times };
    },
  },
  {
    method: 'GET',
    url: '/channels/:channel_id/stats',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      members.channelStats(ctx.app, sessionOf(ctx), idParam(req, 'channel_id')),
  },
  {
    method: 'GET',
    url: '/channels/:channel_id/timezones',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      members.channelTimezones(ctx.app, sessionOf(ctx), idParam(req, 'channel_id')),
  },
  {
    method: 'GET',
    url: '/users/:user_id/teams/:team_id/channels',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const lastDeleteAt = Number.parseInt(query(req).last_delete_at ?? '0', 10);
      const rows = await lists.listUserChannels(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        idParam(req, 'team_id'),
        {
          includeDeleted: boolQuery(req, 'include_deleted'),
          lastDeleteAt: Number.isNaN(lastDeleteAt) ? 0 : lastDeleteAt,
        },
      );
      return rows.map(presentChannel);
    },
  },
  {
    method: 'GET',
    url: '/users/:user_id/teams/:team_id/channels/members',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      membersJson(
        ctx.app.db,
        await lists.listUserMembersInTeam(
          ctx.app,
          sessionOf(ctx),
          userIdParam(req, ctx),
          idParam(req, 'team_id'),
        ),
      ),
  },
  {
    method: 'GET',
    url: '/users/:user_id/channel_members',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      membersJson(
        ctx.app.db,
        await lists.listUserMembers(ctx.app, sessionOf(ctx), userIdParam(req, ctx), paging(req)),
      ),
  },
];
