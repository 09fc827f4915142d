import {
  boolQuery,
  idParam,
  ok,
  paging,
  param,
  query,
  sessionOf,
  type Route,
  objectBody as body,
} from '../../http/route.ts';
import { presentChannel, presentChannelWithTeam } from './present.ts';
import * as channels from './service.ts';
import * as direct from './service-direct.ts';
import * as lists from './service-lists.ts';
import { memberRoutes } from './routes-members.ts';
import { audit } from '../audit/audit.ts';

const presentAll = (rows: Parameters<typeof presentChannel>[0][]) => rows.map(presentChannel);

/** Channel routes: creation, reading, editing, archiving, lists and search (members in routes-members). */
const channelCoreRoutes: Route[] = [
  {
    method: 'POST',
    url: '/channels',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) =>
      presentChannel(await channels.createChannel(ctx.app, sessionOf(ctx), body(req))),
  },
  {
    method: 'POST',
    url: '/channels/direct',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) =>
      presentChannel(await direct.createDirectChannel(ctx.app, sessionOf(ctx), req.body)),
  },
  {
    method: 'POST',
    url: '/channels/group',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) =>
      presentChannel(await direct.createGroupChannel(ctx.app, sessionOf(ctx), req.body)),
  },
  {
    method: 'POST',
    url: '/channels/search',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const input = body(req);
      const found = await lists.searchAllChannels(
        ctx.app,
        sessionOf(ctx),
        input,
        boolQuery(req, 'include_deleted'),
      );
      const rows = found.rows.map(presentChannelWithTeam);
      // Upstream wraps the answer only when the caller paged.
      return input.page !== undefined && input.per_page !== undefined
        ? { channels: rows, total_count: found.total }
        : rows;
    },
  },
  {
    method: 'GET',
    url: '/channels/:channel_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentChannel(await channels.getChannel(ctx.app, sessionOf(ctx), idParam(req, 'channel_id'))),
  },
  {
    method: 'PUT',
    url: '/channels/:channel_id/patch',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentChannel(
        await channels.patchChannel(ctx.app, sessionOf(ctx), idParam(req, 'channel_id'), body(req)),
      ),
  },
  {
    method: 'PUT',
    url: '/channels/:channel_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentChannel(
        await channels.patchChannel(ctx.app, sessionOf(ctx), idParam(req, 'channel_id'), body(req), true),
      ),
  },
  {
    method: 'DELETE',
    url: '/channels/:channel_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await channels.archiveChannel(
        ctx.app,
        sessionOf(ctx),
        idParam(req, 'channel_id'),
        boolQuery(req, 'permanent'),
      );
      await audit(ctx.app, ctx, 'channel_deleted', {
        channel_id: idParam(req, 'channel_id'),
        permanent: boolQuery(req, 'permanent'),
      });
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/channels/:channel_id/restore',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentChannel(await channels.restoreChannel(ctx.app, sessionOf(ctx), idParam(req, 'channel_id'))),
  },
  {
    method: 'PUT',
    url: '/channels/:channel_id/privacy',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentChannel(
        await channels.updatePrivacy(ctx.app, sessionOf(ctx), idParam(req, 'channel_id'), body(req)),
      ),
  },
  {
    method: 'GET',
    url: '/teams/:team_id/channels/name/:channel_name',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentChannel(
        await channels.getChannelByName(
          ctx.app,
          sessionOf(ctx),
          idParam(req, 'team_id'),
          param(req, 'channel_name'),
          boolQuery(req, 'include_deleted'),
        ),
      ),
  },
  {
    method: 'GET',
    url: '/teams/name/:team_name/channels/name/:channel_name',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentChannel(
        await channels.getChannelByTeamName(
          ctx.app,
          sessionOf(ctx),
          param(req, 'team_name'),
          param(req, 'channel_name'),
          boolQuery(req, 'include_deleted'),
        ),
      ),
  },
  {
    method: 'GET',
    url: '/teams/:team_id/channels',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentAll(
        await lists.listPublicChannels(ctx.app, sessionOf(ctx), idParam(req, 'team_id'), paging(req)),
      ),
  },
  {
    method: 'GET',
    url: '/teams/:team_id/channels/deleted',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentAll(
        await lists.listArchivedChannels(ctx.app, sessionOf(ctx), idParam(req, 'team_id'), paging(req)),
      ),
  },
  {
    method: 'GET',
    url: '/teams/:team_id/channels/private',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentAll(
        await lists.listPrivateChannels(ctx.app, sessionOf(ctx), idParam(req, 'team_id'), paging(req)),
      ),
  },
  {
    method: 'POST',
    url: '/teams/:team_id/channels/search',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentAll(await lists.searchTeamChannels(ctx.app, sessionOf(ctx), idParam(req, 'team_id'), body(req))),
  },
  {
    method: 'GET',
    url: '/teams/:team_id/channels/autocomplete',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentAll(
        await lists.autocompleteChannels(
          ctx.app,
          sessionOf(ctx),
          idParam(req, 'team_id'),
          query(req).name ?? '',
          'visible',
        ),
      ),
  },
  {
    method: 'GET',
    url: '/teams/:team_id/channels/search_autocomplete',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentAll(
        await lists.autocompleteChannels(
          ctx.app,
          sessionOf(ctx),
          idParam(req, 'team_id'),
          query(req).name ?? '',
          'member',
        ),
      ),
  },
];

export const channelRoutes: Route[] = [...channelCoreRoutes, ...memberRoutes];
