import { idParam, ok, paging, query, requireObjectBody, sessionOf, type Route } from '../../http/route.ts';
import * as moderation from './moderation.ts';
import * as schemes from './service.ts';

/** Permission schemes (/schemes), their assignment to teams and channels, and channel moderation. */
export const schemeRoutes: Route[] = [
  {
    method: 'GET',
    url: '/schemes',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { offset, perPage } = paging(req);
      return schemes.listSchemes(ctx.app, sessionOf(ctx), query(req).scope ?? '', offset, perPage);
    },
  },
  {
    method: 'POST',
    url: '/schemes',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) =>
      schemes.createScheme(ctx.app, sessionOf(ctx), requireObjectBody(req, 'scheme')),
  },
  {
    method: 'GET',
    url: '/schemes/:scheme_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      schemes.getScheme(ctx.app, sessionOf(ctx), idParam(req, 'scheme_id')),
  },
  {
    method: 'DELETE',
    url: '/schemes/:scheme_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await schemes.deleteScheme(ctx.app, sessionOf(ctx), idParam(req, 'scheme_id'));
      return ok;
    },
  },
  {
    method: 'PUT',
    url: '/schemes/:scheme_id/patch',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      schemes.patchScheme(
        ctx.app,
        sessionOf(ctx),
        idParam(req, 'scheme_id'),
        requireObjectBody(req, 'scheme'),
      ),
  },
  {
    method: 'GET',
    url: '/schemes/:scheme_id/teams',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { offset, perPage } = paging(req);
      return schemes.teamsOfScheme(ctx.app, sessionOf(ctx), idParam(req, 'scheme_id'), offset, perPage);
    },
  },
  {
    method: 'GET',
    url: '/schemes/:scheme_id/channels',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { offset, perPage } = paging(req);
      return schemes.channelsOfScheme(ctx.app, sessionOf(ctx), idParam(req, 'scheme_id'), offset, perPage);
    },
  },
  {
    method: 'PUT',
    url: '/teams/:team_id/scheme',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await schemes.updateTeamScheme(
        ctx.app,
        sessionOf(ctx),
        idParam(req, 'team_id'),
        requireObjectBody(req, 'scheme_id'),
      );
      return ok;
    },
  },
  {
    method: 'PUT',
    url: '/channels/:channel_id/scheme',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await schemes.updateChannelScheme(
        ctx.app,
        sessionOf(ctx),
        idParam(req, 'channel_id'),
        requireObjectBody(req, 'scheme_id'),
      );
      return ok;
    },
  },
  {
    method: 'GET',
    url: '/channels/:channel_id/moderations',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      moderation.getModerations(ctx.app, sessionOf(ctx), idParam(req, 'channel_id')),
  },
  {
    method: 'PUT',
    url: '/channels/:channel_id/moderations/patch',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      moderation.patchModerations(ctx.app, sessionOf(ctx), idParam(req, 'channel_id'), req.body),
  },
];
