import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Route, RequestContext } from './route.ts';
import { AppError, sessionExpired } from '../errors/app-error.ts';
import { sessionForToken } from '../domains/sessions/service.ts';
import { clearSessionCookies } from './cookies.ts';
import { presenceOf } from '../domains/status/presence.ts';
import { rememberClient } from '../domains/audit/client-info.ts';
import { requireMfaIfEnforced } from '../domains/mfa/enforce.ts';

/** Mattermost's token lookup order: cookie, `Authorization: Bearer|Token`, then `?access_token=`. */
export function readToken(
  req: FastifyRequest,
): { token: string; source: 'cookie' | 'header' | 'query' } | null {
  const cookie = req.cookies?.MMAUTHTOKEN;
  if (cookie) return { token: cookie, source: 'cookie' };
  const header = req.headers.authorization;
  if (header) {
    const match = /^(bearer|token)\s+(\S+)$/i.exec(header.trim());
    if (match) return { token: match[2], source: 'header' };
  }
  const q = (req.query as Record<string, unknown>)?.access_token;
  if (typeof q === 'string' && q) return { token: q, source: 'query' };
  return null;
}

/** Resolves the session of a request and enforces the route's auth mode and the CSRF rule. */
export async function authenticate(
  req: FastifyRequest,
  reply: FastifyReply,
  route: Route,
  ctx: RequestContext,
) {
  rememberClient(req, ctx);
  if (route.auth === 'none') return;
  const found = readToken(req);
  if (!found) {
    if (route.auth === 'session') throw sessionExpired();
    return;
  }
  const session = await sessionForToken(ctx.app, found.token);
  if (!session) {
    if (found.source === 'cookie') clearSessionCookies(req, reply);
    if (route.auth === 'session') throw sessionExpired();
    return;
  }
  if (found.source === 'query' && !session.isOAuth) {
    throw new AppError(
      'api.context.token_provided.app_error',
      'Session is not OAuth but token was provided in the query string.',
      401,
    );
  }
  if (
    found.source === 'cookie' &&
    req.method !== 'GET' &&
    !route.trustRequester &&
    !csrfPasses(req, ctx, session.props.csrf)
  ) {
    throw sessionExpired();
  }
  await requireMfaIfEnforced(ctx.app, session, route, req);
  ctx.session = session;
  ctx.token = found.token;
  ctx.tokenSource = found.source;
  // Any authenticated request marks its user online (throttled), unless the client says not to.
  if ((req.query as Record<string, unknown>)?.set_online !== 'false')
    presenceOf(ctx.app).noteActivity(session.userId);
}

function csrfPasses(req: FastifyRequest, ctx: RequestContext, expected: string | undefined): boolean {
  const sent = req.headers['x-csrf-token'];
  if (expected && sent === expected) return true;
  if (ctx.app.config.get().ServiceSettings.ExperimentalStrictCSRFEnforcement) return false;
  // Mattermost's legacy fallback: a cross-site form cannot set this header without a CORS preflight.
  if (req.headers['x-requested-with'] === 'XMLHttpRequest') {
    ctx.app.log.warn(
      { requestId: ctx.requestId, path: req.url },
      'CSRF token missing; accepted X-Requested-With',
    );
    return true;
  }
  return false;
}
