import type { App, Session } from '../../app.ts';
import { forbidden, invalidBodyParam, notFound } from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { ok, sessionOf, userIdParam, type Route } from '../../http/route.ts';
import { isValidId } from '../../platform/ids.ts';
import { audit } from '../audit/audit.ts';
import {
  attachDevice,
  revokeAllSessionsOfUser,
  revokeEverySession,
  revokeSession,
} from '../sessions/service.ts';
import * as sessionStore from '../sessions/store.ts';
import * as userStore from './store.ts';
import { presentSession } from '../sessions/present.ts';

/** Own sessions, or anyone's with edit_other_users (Mattermost's rule for session management). */
function requireSessionAccess(app: App, session: Session, userId: string): void {
  if (session.userId !== userId && !hasPermissionToSystem(app, session, 'edit_other_users'))
    throw forbidden();
}

export const sessionRoutes: Route[] = [
  {
    method: 'PUT',
    url: '/users/sessions/device',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const deviceId = (req.body as { device_id?: unknown } | undefined)?.device_id;
      if (typeof deviceId !== 'string' || !deviceId || deviceId.length > 512)
        throw invalidBodyParam('device_id');
      await attachDevice(ctx.app, session, deviceId);
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/users/login/type',
    auth: 'none',
    handler: async (req, _reply, ctx) => {
      const loginId = (req.body as { login_id?: unknown } | undefined)?.login_id;
      if (typeof loginId !== 'string' || !loginId) throw invalidBodyParam('login_id');
      // Password accounts and unknown ids answer alike, and unlike Mattermost `is_deactivated` is
      // always false, so this route does not reveal who has an account or whether it was closed;
      // a deactivated user still learns it from the login error, after giving the right password.
      const user = loginId.includes('@')
        ? await userStore.findUserByEmail(ctx.app.db, loginId)
        : await userStore.findUserByUsername(ctx.app.db, loginId);
      return { auth_service: user?.auth_service ?? '', is_deactivated: false };
    },
  },
  {
    method: 'GET',
    url: '/users/:user_id/sessions',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const userId = userIdParam(req, ctx);
      requireSessionAccess(ctx.app, sessionOf(ctx), userId);
      return (await sessionStore.listSessionsOfUser(ctx.app.db, userId)).map(presentSession);
    },
  },
  {
    method: 'POST',
    url: '/users/:user_id/sessions/revoke',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const userId = userIdParam(req, ctx);
      requireSessionAccess(ctx.app, sessionOf(ctx), userId);
      const sessionId = (req.body as { session_id?: unknown } | undefined)?.session_id;
      if (!isValidId(sessionId)) throw invalidBodyParam('session_id');
      const target = await sessionStore.findSession(ctx.app.db, sessionId);
      if (!target || target.user_id !== userId) {
        throw notFound('app.session.get.app_error', 'Unable to find the session.');
      }
      await revokeSession(ctx.app, sessionId);
      await audit(ctx.app, ctx, 'session_revoked', { user_id: userId, revoked_session_id: sessionId });
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/users/:user_id/sessions/revoke/all',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const userId = userIdParam(req, ctx);
      requireSessionAccess(ctx.app, sessionOf(ctx), userId);
      await revokeAllSessionsOfUser(ctx.app, userId);
      await audit(ctx.app, ctx, 'sessions_revoked_all', { user_id: userId });
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/users/sessions/revoke/all',
    auth: 'session',
    handler: async (_req, _reply, ctx) => {
      if (!hasPermissionToSystem(ctx.app, sessionOf(ctx), 'manage_system')) throw forbidden();
      await revokeEverySession(ctx.app);
      await audit(ctx.app, ctx, 'sessions_revoked_everyone');
      return ok;
    },
  },
];
