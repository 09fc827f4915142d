import { idParam, param, sessionOf, type Route } from '../../http/route.ts';
import { invalidUrlParam } from '../../errors/app-error.ts';
import { isValidRoleName } from './policy.ts';
import { presentRole } from './present.ts';
import * as roles from './service.ts';

export const roleRoutes: Route[] = [
  {
    method: 'GET',
    url: '/roles',
    auth: 'session',
    handler: async (_req, _reply, ctx) => (await roles.listRoles(ctx.app, sessionOf(ctx))).map(presentRole),
  },
  {
    method: 'GET',
    url: '/roles/:role_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => presentRole(await roles.getRole(ctx.app, idParam(req, 'role_id'))),
  },
  {
    method: 'GET',
    url: '/roles/name/:role_name',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const name = param(req, 'role_name');
      if (!isValidRoleName(name)) throw invalidUrlParam('role_name');
      return presentRole(await roles.getRoleByName(ctx.app, name));
    },
  },
  {
    method: 'POST',
    url: '/roles/names',
    auth: 'session',
    // As in Mattermost: a read, though sent as POST to carry the list of names.
    trustRequester: true,
    handler: async (req, _reply, ctx) => (await roles.getRolesByNames(ctx.app, req.body)).map(presentRole),
  },
  {
    method: 'PUT',
    url: '/roles/:role_id/patch',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentRole(await roles.patchRole(ctx.app, sessionOf(ctx), idParam(req, 'role_id'), req.body)),
  },
];
