import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, invalidBodyParam, invalidParam, notFound } from '../../errors/app-error.ts';
import { isValidId } from '../../platform/ids.ts';
import {
  hasPermissionToSystem,
  requireChannelPermission,
  requireSystemPermission,
  requireTeamPermission,
} from '../../permissions/authorize.ts';
import { attachSessionCookies, clearSessionCookies } from '../../http/cookies.ts';
import {
  boolQuery,
  ok,
  paging,
  param,
  query,
  sessionOf,
  userIdParam,
  type RequestContext,
  type Route,
} from '../../http/route.ts';
import { revokeSession } from '../sessions/service.ts';
import * as store from './store.ts';
import * as users from './service.ts';
import { login as passwordLogin } from './login.ts';
import { presentUser } from './present.ts';
import { sessionRoutes } from './session-routes.ts';
import { imageRoutes } from './image-routes.ts';
import { audit, auditLoginFailure } from '../audit/audit.ts';
import { createGuestWithToken } from '../guests/invite.ts';
import { filterVisible, requireCanSee, restrictionFor } from '../guests/visibility.ts';

const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;

function presentAll(app: App, session: Session | null, rows: store.UserRow[]) {
  const viewer = users.viewerOf(app, session);
  const config = app.config.get();
  return rows.map((u) => presentUser(u, viewer, config));
}

function stringArrayBody(req: FastifyRequest, name: string, max = 1000): string[] {
  const list = req.body;
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) throw invalidBodyParam(name);
  if (list.length > max)
    throw badRequest('api.context.invalid_body_param.app_error', `At most ${max} ${name} per request.`);
  return [...new Set(list as string[])];
}

/** Checks the caller may see the lists a filter names (team view, channel read). */
async function authorizeUserFilter(
  app: App,
  session: Session,
  f: {
    inTeam?: string;
    notInTeam?: string;
    inChannel?: string;
    notInChannel?: string;
    withoutTeam?: boolean;
  },
) {
  for (const [name, id] of [
    ['in_team', f.inTeam],
    ['not_in_team', f.notInTeam],
    ['in_channel', f.inChannel],
    ['not_in_channel', f.notInChannel],
  ] as const) {
    if (id !== undefined && !isValidId(id)) throw invalidParam(name);
  }
  if (f.inTeam) await requireTeamPermission(app, session, f.inTeam, 'view_team');
  if (f.notInTeam) await requireTeamPermission(app, session, f.notInTeam, 'view_team');
  if (f.inChannel) await requireChannelPermission(app, session, f.inChannel, 'read_channel');
  if (f.notInChannel) await requireChannelPermission(app, session, f.notInChannel, 'read_channel');
  if (f.withoutTeam) requireSystemPermission(app, session, 'list_users_without_team');
}

async function login(req: FastifyRequest, reply: FastifyReply, ctx: RequestContext) {
  const { user, token, session } = await passwordLogin(ctx.app, body(req)).catch(
    auditLoginFailure(ctx, body(req)),
  );
  await audit(ctx.app, ctx, 'login', {}, { userId: user.id, sessionId: session.id });
  reply.header('Token', token);
  attachSessionCookies(req, reply, token, user.id, session.props.csrf, session.expiresAt);
  return users.present(ctx.app, session, user);
}

export const userRoutes: Route[] = [
  {
    method: 'POST',
    url: '/users',
    auth: 'optional',
    status: 201,
    handler: async (req, _reply, ctx) => {
      const q = query(req);
      const user = q.t
        ? await createGuestWithToken(ctx.app, ctx.session, body(req), q.t)
        : await users.createUser(ctx.app, ctx.session, body(req), { inviteId: q.iid });
      return users.present(ctx.app, ctx.session, user);
    },
  },
  { method: 'POST', url: '/users/login', auth: 'none', handler: login },
  {
    method: 'POST',
    url: '/users/logout',
    auth: 'optional',
    handler: async (req, reply, ctx) => {
      if (ctx.session) await revokeSession(ctx.app, ctx.session.id);
      if (ctx.session) await audit(ctx.app, ctx, 'logout');
      clearSessionCookies(req, reply);
      return ok;
    },
  },
  {
    method: 'GET',
    url: '/users',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const q = query(req);
      const { perPage, offset } = paging(req);
      const filter: store.UserListFilter = {
        inTeam: q.in_team || undefined,
        notInTeam: q.not_in_team || undefined,
        inChannel: q.in_channel || undefined,
        notInChannel: q.not_in_channel || undefined,
        withoutTeam: boolQuery(req, 'without_team'),
        active: boolQuery(req, 'active'),
        inactive: boolQuery(req, 'inactive'),
        role: q.role || undefined,
        sort: q.sort === 'last_activity_at' || q.sort === 'create_at' ? q.sort : undefined,
        limit: perPage,
        offset,
      };
      if (filter.notInChannel && !filter.inTeam && !q.team_id) {
        // Mattermost requires the team alongside not_in_channel.
        throw invalidParam('team_id');
      }
      if (filter.notInChannel && !filter.inTeam) filter.inTeam = q.team_id;
      await authorizeUserFilter(ctx.app, session, filter);
      filter.visibleTo = (await restrictionFor(ctx.app, session)) ?? undefined;
      return presentAll(ctx.app, session, await store.listUsers(ctx.app.db, filter));
    },
  },
  {
    method: 'POST',
    url: '/users/ids',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const ids = stringArrayBody(req, 'user_ids');
      if (ids.some((id) => !isValidId(id))) throw invalidBodyParam('user_ids');
      const since = Number(query(req).since ?? 0) || 0;
      const rows = await store.findUsersByIds(ctx.app.db, ids, since);
      return presentAll(ctx.app, ctx.session, await filterVisible(ctx.app, sessionOf(ctx), rows));
    },
  },
  {
    method: 'POST',
    url: '/users/usernames',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const rows = await store.findUsersByUsernames(ctx.app.db, stringArrayBody(req, 'usernames'));
      return presentAll(ctx.app, ctx.session, await filterVisible(ctx.app, sessionOf(ctx), rows));
    },
  },
  {
    method: 'POST',
    url: '/users/search',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const b = body(req);
      const term = typeof b.term === 'string' ? b.term.trim() : '';
      if (!term && !b.team_id && !b.in_channel_id) throw invalidBodyParam('term');
      const limit = Math.min(Math.max(Number(b.limit) || 100, 1), 1000);
      const filter: store.UserListFilter = {
        term: term || undefined,
        inTeam: typeof b.team_id === 'string' && b.team_id ? b.team_id : undefined,
        notInTeam: typeof b.not_in_team_id === 'string' && b.not_in_team_id ? b.not_in_team_id : undefined,
        inChannel: typeof b.in_channel_id === 'string' && b.in_channel_id ? b.in_channel_id : undefined,
        notInChannel:
          typeof b.not_in_channel_id === 'string' && b.not_in_channel_id ? b.not_in_channel_id : undefined,
        withoutTeam: b.without_team === true,
        active: b.allow_inactive !== true,
        role: typeof b.role === 'string' && b.role ? b.role : undefined,
        limit,
        offset: 0,
      };
      await authorizeUserFilter(ctx.app, session, filter);
      filter.visibleTo = (await restrictionFor(ctx.app, session)) ?? undefined;
      return presentAll(ctx.app, session, await store.listUsers(ctx.app.db, filter));
    },
  },
  {
    method: 'GET',
    url: '/users/autocomplete',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const q = query(req);
      const limit = Math.min(Math.max(Number(q.limit) || 100, 1), 200);
      const term = q.name ?? '';
      const visibleTo = (await restrictionFor(ctx.app, session)) ?? undefined;
      const base = {
        term: term || undefined,
        active: true,
        limit,
        offset: 0,
        sort: 'username' as const,
        visibleTo,
      };
      if (q.in_channel) {
        if (!q.in_team) throw invalidParam('in_team');
        await authorizeUserFilter(ctx.app, session, { inChannel: q.in_channel, inTeam: q.in_team });
        const [inChannel, outOfChannel] = await Promise.all([
          store.listUsers(ctx.app.db, { ...base, inChannel: q.in_channel }),
          store.listUsers(ctx.app.db, { ...base, inTeam: q.in_team, notInChannel: q.in_channel }),
        ]);
        return {
          users: presentAll(ctx.app, session, inChannel),
          out_of_channel: presentAll(ctx.app, session, outOfChannel),
        };
      }
      const filter = { ...base, inTeam: q.in_team || undefined };
      await authorizeUserFilter(ctx.app, session, filter);
      return { users: presentAll(ctx.app, session, await store.listUsers(ctx.app.db, filter)) };
    },
  },
  {
    method: 'POST',
    url: '/users/group_channels',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const channelIds = stringArrayBody(req, 'channel_ids', 200);
      if (channelIds.some((id) => !isValidId(id))) throw invalidBodyParam('channel_ids');
      // Only channels the caller is in: otherwise this would reveal who talks to whom.
      const mine = await store.channelsUserIsIn(ctx.app.db, session.userId, channelIds);
      if (mine.size !== channelIds.length && !hasPermissionToSystem(ctx.app, session, 'manage_system'))
        throw forbidden();
      const viewer = users.viewerOf(ctx.app, session);
      const config = ctx.app.config.get();
      const byChannel: Record<string, ReturnType<typeof presentUser>[]> = Object.fromEntries(
        channelIds.map((id) => [id, []]),
      );
      for (const row of await store.findUsersInChannels(ctx.app.db, channelIds)) {
        byChannel[row.channel_id].push(presentUser(row, viewer, config));
      }
      return byChannel;
    },
  },
  {
    method: 'GET',
    url: '/users/known',
    auth: 'session',
    handler: async (_req, _reply, ctx) => store.findKnownUserIds(ctx.app.db, sessionOf(ctx).userId, 10000),
  },
  {
    method: 'GET',
    url: '/users/username/:username',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const user = await store.findUserByUsername(ctx.app.db, param(req, 'username'));
      if (!user)
        throw notFound(
          'app.user.get_by_username.app_error',
          'Unable to find an existing account matching your username for this team.',
        );
      await requireCanSee(ctx.app, sessionOf(ctx), [user.id]);
      return users.present(ctx.app, ctx.session, user);
    },
  },
  {
    method: 'GET',
    url: '/users/email/:email',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      if (
        !ctx.app.config.get().PrivacySettings.ShowEmailAddress &&
        !hasPermissionToSystem(ctx.app, session, 'manage_system')
      ) {
        throw forbidden();
      }
      const user = await store.findUserByEmail(ctx.app.db, param(req, 'email'));
      if (!user) throw notFound('app.user.missing_account.const', 'Unable to find the user.');
      await requireCanSee(ctx.app, session, [user.id]);
      return users.present(ctx.app, session, user);
    },
  },
  {
    method: 'GET',
    url: '/users/:user_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const userId = userIdParam(req, ctx);
      // A restricted viewer (a guest) may not learn about users outside their channels: 403 as Mattermost.
      await requireCanSee(ctx.app, sessionOf(ctx), [userId]);
      return users.present(ctx.app, ctx.session, await users.getUserOr404(ctx.app, userId));
    },
  },
  {
    method: 'PUT',
    url: '/users/:user_id/patch',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const user = await users.patchUser(ctx.app, sessionOf(ctx), userIdParam(req, ctx), body(req));
      return users.present(ctx.app, ctx.session, user);
    },
  },
  {
    method: 'PUT',
    url: '/users/:user_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const userId = userIdParam(req, ctx);
      const b = body(req);
      if (typeof b.id === 'string' && b.id !== userId) throw invalidBodyParam('id');
      const user = await users.patchUser(ctx.app, sessionOf(ctx), userId, b);
      return users.present(ctx.app, ctx.session, user);
    },
  },
  {
    method: 'PUT',
    url: '/users/:user_id/password',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const b = body(req);
      if (typeof b.new_password !== 'string') throw invalidBodyParam('new_password');
      const current = typeof b.current_password === 'string' ? b.current_password : '';
      await users.updatePassword(ctx.app, sessionOf(ctx), userIdParam(req, ctx), current, b.new_password);
      await audit(ctx.app, ctx, 'password_updated', { user_id: userIdParam(req, ctx) });
      return ok;
    },
  },
  {
    method: 'PUT',
    url: '/users/:user_id/roles',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const b = body(req);
      if (typeof b.roles !== 'string') throw invalidBodyParam('roles');
      await users.updateRoles(ctx.app, sessionOf(ctx), userIdParam(req, ctx), b.roles);
      await audit(ctx.app, ctx, 'roles_updated', { user_id: userIdParam(req, ctx), roles: b.roles });
      return ok;
    },
  },
  {
    method: 'PUT',
    url: '/users/:user_id/active',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const b = body(req);
      if (typeof b.active !== 'boolean') throw invalidBodyParam('active');
      await users.updateActive(ctx.app, sessionOf(ctx), userIdParam(req, ctx), b.active);
      await audit(ctx.app, ctx, b.active ? 'user_activated' : 'user_deactivated', {
        user_id: userIdParam(req, ctx),
      });
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/users/:user_id/reset_failed_attempts',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await users.resetFailedAttempts(ctx.app, sessionOf(ctx), userIdParam(req, ctx));
      await audit(ctx.app, ctx, 'failed_attempts_reset', { user_id: userIdParam(req, ctx) });
      return ok;
    },
  },
  ...sessionRoutes,
  ...imageRoutes,
];
