import { boolQuery, idParam, paging, sessionOf, type Route, objectBody as body } from '../../http/route.ts';
import { present as presentUser } from '../users/service.ts';
import * as bots from './service.ts';
import { convertBotToUser, convertUserToBot } from './convert.ts';
import { presentBot } from './present.ts';

export const botRoutes: Route[] = [
  {
    method: 'POST',
    url: '/bots',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => presentBot(await bots.createBot(ctx.app, sessionOf(ctx), body(req))),
  },
  {
    method: 'GET',
    url: '/bots',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { perPage, offset } = paging(req);
      const list = await bots.listBots(ctx.app, sessionOf(ctx), {
        includeDeleted: boolQuery(req, 'include_deleted'),
        onlyOrphaned: boolQuery(req, 'only_orphaned'),
        limit: perPage,
        offset,
      });
      return list.map(presentBot);
    },
  },
  {
    method: 'GET',
    url: '/bots/:bot_user_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentBot(
        await bots.getBot(
          ctx.app,
          sessionOf(ctx),
          idParam(req, 'bot_user_id'),
          boolQuery(req, 'include_deleted'),
        ),
      ),
  },
  {
    method: 'PUT',
    url: '/bots/:bot_user_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentBot(await bots.patchBot(ctx.app, sessionOf(ctx), idParam(req, 'bot_user_id'), body(req))),
  },
  {
    method: 'POST',
    url: '/bots/:bot_user_id/disable',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentBot(await bots.setBotActive(ctx.app, sessionOf(ctx), idParam(req, 'bot_user_id'), false)),
  },
  {
    method: 'POST',
    url: '/bots/:bot_user_id/enable',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentBot(await bots.setBotActive(ctx.app, sessionOf(ctx), idParam(req, 'bot_user_id'), true)),
  },
  {
    method: 'POST',
    url: '/bots/:bot_user_id/assign/:user_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentBot(
        await bots.assignBot(ctx.app, sessionOf(ctx), idParam(req, 'bot_user_id'), idParam(req, 'user_id')),
      ),
  },
  {
    method: 'POST',
    url: '/users/:user_id/convert_to_bot',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentBot(await convertUserToBot(ctx.app, sessionOf(ctx), idParam(req, 'user_id'))),
  },
  {
    method: 'POST',
    url: '/bots/:bot_user_id/convert_to_user',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const setAdmin = boolQuery(req, 'set_system_admin');
      const user = await convertBotToUser(ctx.app, session, idParam(req, 'bot_user_id'), body(req), setAdmin);
      return presentUser(ctx.app, session, user);
    },
  },
];
