import type { FastifyRequest } from 'fastify';
import { hasRole } from '../../permissions/roles.ts';
import type { App, Session } from '../../app.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Route } from '../../http/route.ts';
import { findUser } from '../users/store.ts';
import { ACCESS_TOKEN_SESSION_TYPE } from '../tokens/session.ts';

// What a user without MFA may still do while it is enforced: set it up, sign out, read themself.
const ALLOWED = new Set([
  'POST /api/v4/users/:user_id/mfa/generate',
  'PUT /api/v4/users/:user_id/mfa',
  'POST /api/v4/users/logout',
]);

/**
 * EnforceMultifactorAuthentication (Mattermost's Context.MfaRequired): a session of a password
 * account without MFA gets 403 on every session route except the ones above and GET /users/me.
 * OAuth sessions, bots, SSO accounts and guests (unless GuestAccountsSettings says so) are exempt.
 */
export async function requireMfaIfEnforced(
  app: App,
  session: Session,
  route: Route,
  req: FastifyRequest,
): Promise<void> {
  const config = app.config.get();
  const s = config.ServiceSettings;
  if (!s.EnableMultifactorAuthentication || !s.EnforceMultifactorAuthentication || session.isOAuth) return;
  if (route.auth !== 'session' || ALLOWED.has(`${req.method} ${req.routeOptions.url}`)) return;
  if (req.method === 'GET' && req.url.split('?')[0] === '/api/v4/users/me') return;
  // Personal access tokens stand for integrations, which Mattermost does not hold to MFA either.
  if (session.props.type === ACCESS_TOKEN_SESSION_TYPE) return;
  const user = await findUser(app.db, session.userId);
  if (!user || user.mfa_active || user.is_bot) return;
  if (user.auth_service && user.auth_service !== 'email' && user.auth_service !== 'ldap') return;
  const guestEnforced =
    (config.GuestAccountsSettings as { EnforceMultifactorAuthentication?: boolean })
      .EnforceMultifactorAuthentication === true;
  if (hasRole(user.roles, 'system_guest') && !guestEnforced) return;
  throw new AppError(
    'api.context.mfa_required.app_error',
    'Multi-factor authentication is required on this server.',
    403,
  );
}
