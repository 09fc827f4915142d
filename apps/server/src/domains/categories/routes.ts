import type { FastifyRequest } from 'fastify';
import { badRequest, invalidBodyParam, invalidUrlParam } from '../../errors/app-error.ts';
import type { RequestContext, Route } from '../../http/route.ts';
import { idParam, ok, param, sessionOf, userIdParam } from '../../http/route.ts';
import { isValidId } from '../../platform/ids.ts';
import * as categories from './service.ts';

const BASE = '/users/:user_id/teams/:team_id/channels/categories';
/** A user has a handful of categories; this bounds one request. */
const MAX_CATEGORIES = 200;

function target(req: FastifyRequest, ctx: RequestContext) {
  return { session: sessionOf(ctx), userId: userIdParam(req, ctx), teamId: idParam(req, 'team_id') };
}

function categoryIdParam(req: FastifyRequest): string {
  const id = param(req, 'category_id');
  if (!/^[a-z0-9_]{1,128}$/.test(id)) throw invalidUrlParam('category_id');
  return id;
}

function optional<T>(value: unknown, check: (v: unknown) => v is T, name: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (!check(value)) throw invalidBodyParam(name);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 20000 && v.every(isValidId);

/** One category from a request body; the user and team, when sent, must be the ones in the URL. */
function parseCategory(raw: unknown, userId: string, teamId: string, requireId: boolean) {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidBodyParam('category');
  const c = raw as Record<string, unknown>;
  if (c.user_id !== undefined && c.user_id !== '' && c.user_id !== userId) throw invalidBodyParam('user_id');
  if (c.team_id !== undefined && c.team_id !== '' && c.team_id !== teamId) throw invalidBodyParam('team_id');
  const id = optional(c.id, isString, 'id');
  if (requireId && !id) throw invalidBodyParam('id');
  return {
    id: id ?? '',
    display_name: optional(c.display_name, isString, 'display_name'),
    sorting: optional(c.sorting, isString, 'sorting'),
    muted: optional(c.muted, isBool, 'muted'),
    collapsed: optional(c.collapsed, isBool, 'collapsed'),
    channel_ids: optional(c.channel_ids, isIdList, 'channel_ids'),
  };
}

function arrayBody(req: FastifyRequest, name: string): unknown[] {
  const list = req.body;
  if (!Array.isArray(list)) throw invalidBodyParam(name);
  if (list.length > MAX_CATEGORIES) {
    throw badRequest('api.context.invalid_body_param.app_error', `At most ${MAX_CATEGORIES} ${name}.`);
  }
  return list;
}

export const categoryRoutes: Route[] = [
  {
    method: 'GET',
    url: BASE,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const t = target(req, ctx);
      return categories.getCategories(ctx.app, t.session, t.userId, t.teamId);
    },
  },
  {
    method: 'POST',
    url: BASE,
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => {
      const t = target(req, ctx);
      const c = parseCategory(req.body, t.userId, t.teamId, false);
      return categories.createCategory(ctx.app, t.session, t.userId, t.teamId, {
        ...c,
        display_name: c.display_name ?? '',
      });
    },
  },
  {
    method: 'PUT',
    url: BASE,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const t = target(req, ctx);
      const updates = arrayBody(req, 'categories').map((c) => parseCategory(c, t.userId, t.teamId, true));
      return categories.updateCategories(ctx.app, t.session, t.userId, t.teamId, updates);
    },
  },
  {
    method: 'GET',
    url: `${BASE}/order`,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const t = target(req, ctx);
      return categories.getOrder(ctx.app, t.session, t.userId, t.teamId);
    },
  },
  {
    method: 'PUT',
    url: `${BASE}/order`,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const t = target(req, ctx);
      const order = arrayBody(req, 'order');
      if (!order.every(isString)) throw invalidBodyParam('order');
      return categories.updateOrder(ctx.app, t.session, t.userId, t.teamId, order);
    },
  },
  {
    method: 'GET',
    url: `${BASE}/:category_id`,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const t = target(req, ctx);
      return categories.getCategory(ctx.app, t.session, t.userId, t.teamId, categoryIdParam(req));
    },
  },
  {
    method: 'PUT',
    url: `${BASE}/:category_id`,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const t = target(req, ctx);
      const categoryId = categoryIdParam(req);
      const c = parseCategory(req.body, t.userId, t.teamId, false);
      if (c.id && c.id !== categoryId) throw invalidBodyParam('id');
      const [updated] = await categories.updateCategories(ctx.app, t.session, t.userId, t.teamId, [
        { ...c, id: categoryId },
      ]);
      return updated;
    },
  },
  {
    method: 'DELETE',
    url: `${BASE}/:category_id`,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const t = target(req, ctx);
      await categories.deleteCategory(ctx.app, t.session, t.userId, t.teamId, categoryIdParam(req));
      return ok;
    },
  },
];
