import type { FastifyRequest } from 'fastify';
import { invalidUrlParam } from '../../errors/app-error.ts';
import { ok, param, sessionOf, userIdParam, type Route } from '../../http/route.ts';
import { PATH_SEGMENT, parsePreferenceList } from './policy.ts';
import * as preferences from './service.ts';

const BASE = '/users/:user_id/preferences';

function segment(req: FastifyRequest, name: string): string {
  const value = param(req, name);
  if (!PATH_SEGMENT.test(value)) throw invalidUrlParam(name);
  return value;
}

export const preferenceRoutes: Route[] = [
  {
    method: 'GET',
    url: BASE,
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      preferences.listPreferences(ctx.app, sessionOf(ctx), userIdParam(req, ctx)),
  },
  {
    method: 'PUT',
    url: BASE,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await preferences.savePreferences(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        parsePreferenceList(req.body),
      );
      return ok;
    },
  },
  {
    method: 'POST',
    url: `${BASE}/delete`,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await preferences.deletePreferences(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        parsePreferenceList(req.body),
      );
      return ok;
    },
  },
  {
    method: 'GET',
    url: `${BASE}/:category`,
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      preferences.listCategory(ctx.app, sessionOf(ctx), userIdParam(req, ctx), segment(req, 'category')),
  },
  {
    method: 'GET',
    url: `${BASE}/:category/name/:preference_name`,
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      preferences.getPreference(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        segment(req, 'category'),
        segment(req, 'preference_name'),
      ),
  },
];
