import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import type { App, Session } from '../app.ts';
import { invalidBodyParam, invalidUrlParam, sessionExpired } from '../errors/app-error.ts';
import { isValidId } from '../platform/ids.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * - `session`: a valid session is required (401 otherwise);
 * - `optional`: a session is used when present (e.g. GET /config/client);
 * - `none`: the route never looks at credentials.
 */
export type AuthMode = 'session' | 'optional' | 'none';

export interface RequestContext {
  app: App;
  session: Session | null;
  /** Where the token came from; only cookie sessions are CSRF-checked. */
  tokenSource: 'cookie' | 'header' | 'query' | null;
  /** The raw token of this request's session (to revoke it on logout). */
  token: string | null;
  requestId: string;
}

export interface Route {
  method: HttpMethod;
  url: string;
  auth: AuthMode;
  /** Status of a successful answer (201 for creations). */
  status?: number;
  body?: TSchema;
  /** Skip the CSRF check: only for routes browsers load directly (images, websocket upgrade). */
  trustRequester?: boolean;
  /** The url is mounted as written instead of under /api/v4 (e.g. `/hooks/:hook_id`). */
  absolute?: boolean;
  /**
   * The handler receives the body as the raw string, whatever its content type (multipart still
   * goes to @fastify/multipart): for routes that take form-encoded bodies, not only JSON.
   */
  rawBody?: boolean;
  /**
   * A non-multipart body is left unread for the handler as a stream in `req.body` (raw file
   * uploads, whose size limit is the handler's, not MaximumPayloadSizeBytes).
   */
  streamBody?: boolean;
  handler: (req: FastifyRequest, reply: FastifyReply, ctx: RequestContext) => Promise<unknown>;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

/** The caller's session on a route declared with auth 'session'. */
export function sessionOf(ctx: RequestContext): Session {
  if (!ctx.session) throw sessionExpired();
  return ctx.session;
}

export function param(req: FastifyRequest, name: string): string {
  return String((req.params as Record<string, string>)[name] ?? '');
}

/** A path id parameter that must be a valid 26-char id (400 otherwise). */
export function idParam(req: FastifyRequest, name: string): string {
  const value = param(req, name);
  if (!isValidId(value)) throw invalidUrlParam(name);
  return value;
}

/** A `{user_id}` path parameter, which also accepts `me`. */
export function userIdParam(req: FastifyRequest, ctx: RequestContext, name = 'user_id'): string {
  const value = param(req, name);
  if (value === 'me') return sessionOf(ctx).userId;
  if (!isValidId(value)) throw invalidUrlParam(name);
  return value;
}

export function query(req: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) {
    out[key] = Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
  }
  return out;
}

/** Mattermost's paging: `page` from 0, `per_page` defaulting to 60 and clamped to 200. */
export function paging(
  req: FastifyRequest,
  defaultPerPage = 60,
): { page: number; perPage: number; offset: number } {
  const q = query(req);
  const page = Math.max(0, Number.parseInt(q.page ?? '0', 10) || 0);
  const raw = Number.parseInt(q.per_page ?? String(defaultPerPage), 10);
  const perPage = Math.min(200, Math.max(1, Number.isNaN(raw) ? defaultPerPage : raw));
  return { page, perPage, offset: page * perPage };
}

/** A boolean query flag read as Go's strconv.ParseBool does (Client4 sends `1` for some flags). */
export function boolQuery(req: FastifyRequest, name: string): boolean {
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(query(req)[name] ?? '');
}

export const ok = { status: 'OK' } as const;

/** The JSON body when it is an object, else an empty one (fields then fail their own checks). */
export function objectBody(req: FastifyRequest): Record<string, unknown> {
  const b = req.body;
  return (b && typeof b === 'object' && !Array.isArray(b) ? b : {}) as Record<string, unknown>;
}

/** The JSON body, which must be an object (400 naming `what` otherwise). */
export function requireObjectBody(req: FastifyRequest, what: string): Record<string, unknown> {
  const b = req.body;
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw invalidBodyParam(what);
  return b as Record<string, unknown>;
}
