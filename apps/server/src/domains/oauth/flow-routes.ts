import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, invalidParam, sessionExpired } from '../../errors/app-error.ts';
import { ok, query, sessionOf, type RequestContext, type Route } from '../../http/route.ts';
import { audit } from '../audit/audit.ts';
import * as users from '../users/store.ts';
import { appInfo, requireProviderEnabled } from './apps.ts';
import * as flow from './flow.ts';
import { consentPage, errorPage, PAGE_CSP } from './page.ts';
import { authorizeRequest, clientIdOf, tokenRequest } from './policy.ts';

function mediaType(req: FastifyRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function rawText(req: FastifyRequest): string {
  return typeof req.body === 'string' ? req.body : '';
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function html(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .code(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header('Content-Security-Policy', PAGE_CSP)
    .send(page);
}

/**
 * The JSON form of POST /oauth/authorize (Client4.authorizeOAuthApp) is CSRF-checked as every
 * cookie request is (X-CSRF-Token, or X-Requested-With unless strict); the route skips the general
 * check only because its HTML form carries the token in a field instead.
 */
function headerCsrfPasses(req: FastifyRequest, ctx: RequestContext): boolean {
  if (ctx.tokenSource !== 'cookie') return true;
  const sent = req.headers['x-csrf-token'];
  const expected = sessionOf(ctx).props.csrf ?? '';
  if (typeof sent === 'string' && expected && sameText(sent, expected)) return true;
  if (ctx.app.config.get().ServiceSettings.ExperimentalStrictCSRFEnforcement) return false;
  return req.headers['x-requested-with'] === 'XMLHttpRequest';
}

/** HTTP Basic client credentials (client_secret_basic). */
function basicCredentials(req: FastifyRequest): { id: string; secret: string } | null {
  const match = /^basic\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return null;
  }
}

/** The provider's endpoints, outside /api/v4 as in Mattermost. */
export const flowRoutes: Route[] = [
  {
    // The browser arrives here from the app. Signed out → the login page, then back here; a
    // trusted or already allowed app gets its code at once; otherwise the consent page.
    method: 'GET',
    url: '/oauth/authorize',
    absolute: true,
    auth: 'optional',
    handler: async (req, reply, ctx) => {
      try {
        requireProviderEnabled(ctx.app, 'api.oauth.authorize_oauth.disabled.app_error');
        const request = authorizeRequest(query(req));
        await appInfo(ctx.app, request.client_id);
        if (!ctx.session) return reply.redirect(`/login?redirect_to=${encodeURIComponent(req.url)}`, 302);
        const row = await flow.checkAuthorization(ctx.app, ctx.session, request);
        if (await flow.consentKnown(ctx.app, ctx.session, row))
          return reply.redirect(await flow.allow(ctx.app, ctx.session, request), 302);
        const user = await users.findUser(ctx.app.db, ctx.session.userId);
        if (!user) throw sessionExpired();
        return html(reply, 200, consentPage(row, request, user, ctx.session.props.csrf ?? ''));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return html(reply, err.statusCode, errorPage(err.message));
      }
    },
  },
  {
    // The consent form (form-encoded, CSRF token in a field → 302 back to the app), or
    // Client4.authorizeOAuthApp (JSON → {redirect}).
    method: 'POST',
    url: '/oauth/authorize',
    absolute: true,
    auth: 'session',
    trustRequester: true,
    rawBody: true,
    handler: async (req, reply, ctx) => {
      const session = sessionOf(ctx);
      if (mediaType(req) === 'application/x-www-form-urlencoded') {
        const form = new URLSearchParams(rawText(req));
        if (!sameText(form.get('csrf') ?? '', session.props.csrf ?? '')) throw sessionExpired();
        const request = authorizeRequest(Object.fromEntries(form));
        const allowed = form.get('authorize') === 'allow';
        const to = allowed
          ? await flow.allow(ctx.app, session, request)
          : await flow.deny(ctx.app, session, request);
        if (allowed) await audit(ctx.app, ctx, 'oauth_app_authorized', { client_id: request.client_id });
        return reply.redirect(to, 302);
      }
      if (!headerCsrfPasses(req, ctx)) throw sessionExpired();
      let input: unknown;
      try {
        input = JSON.parse(rawText(req));
      } catch {
        throw invalidParam('authorize_request');
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw invalidParam('authorize_request');
      const request = authorizeRequest(input as Record<string, unknown>);
      const redirect = await flow.allow(ctx.app, session, request);
      await audit(ctx.app, ctx, 'oauth_app_authorized', { client_id: request.client_id });
      return { redirect };
    },
  },
  {
    method: 'POST',
    url: '/oauth/access_token',
    absolute: true,
    auth: 'none',
    rawBody: true,
    handler: async (req, reply, ctx) => {
      if (mediaType(req) !== 'application/x-www-form-urlencoded')
        throw new AppError('api.oauth.get_access_token.bad_request.app_error', 'Bad request.', 400);
      const request = tokenRequest(new URLSearchParams(rawText(req)), basicCredentials(req));
      const answer = await flow.exchange(ctx.app, request);
      reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
      return answer;
    },
  },
  {
    method: 'POST',
    url: '/oauth/deauthorize',
    absolute: true,
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const b = req.body;
      const input = (typeof b === 'object' && b !== null && !Array.isArray(b) ? b : {}) as Record<
        string,
        unknown
      >;
      const clientId = clientIdOf(input);
      await flow.deauthorize(ctx.app, session, clientId);
      await audit(ctx.app, ctx, 'oauth_app_deauthorized', { client_id: clientId });
      return ok;
    },
  },
];
