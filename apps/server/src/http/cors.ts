import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app.ts';
import type { Config } from '../config/defaults.ts';

/** The methods Mattermost's CORS wrapper allows (server.go corsAllowedMethods). */
const ALLOWED_METHODS = ['POST', 'GET', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];

/**
 * Always exposed to allowed origins besides ServiceSettings.CorsExposedHeaders: Client4 reads
 * `Token` after login (bearer-token clients) and the version and request id from every response.
 */
const ALWAYS_EXPOSED = ['Token', 'X-Request-ID', 'X-Version-Id'];

/** One day, as Mattermost: browsers cache a preflight answer this long. */
const PREFLIGHT_MAX_AGE = '86400';

/** The origins of ServiceSettings.AllowCorsFrom, lower-cased; `*` stays `*`. Empty = CORS off. */
export function corsOrigins(settings: Config['ServiceSettings']): string[] {
  return settings.AllowCorsFrom.trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((o) => o.toLowerCase());
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? null : parsed.origin.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Mattermost's websocket OriginChecker. With AllowCorsFrom set, the Origin must be listed (or be
 * SiteURL's origin; `*` allows any); without it, the Origin must match SiteURL (scheme and host),
 * or when SiteURL is empty the Host the request was sent to. No Origin header (not a browser)
 * passes; the opaque origin "null" never does. This stops other sites from opening a socket
 * with the user's cookie.
 */
export function websocketOriginAllowed(
  settings: Config['ServiceSettings'],
  origin: string | undefined,
  host: string | undefined,
): boolean {
  if (origin === undefined) return true;
  const requested = originOf(origin);
  if (!requested) return false;
  const list = corsOrigins(settings);
  if (list.length) {
    if (list.includes('*')) return true;
    const site = settings.SiteURL ? originOf(settings.SiteURL) : null;
    return list.includes(requested) || requested === site;
  }
  if (settings.SiteURL) return requested === originOf(settings.SiteURL);
  return new URL(requested).host === (host ?? '').toLowerCase();
}

function appendVary(reply: FastifyReply, values: string): void {
  const current = reply.getHeader('Vary');
  reply.header('Vary', current ? `${String(current)}, ${values}` : values);
}

function requestedHeaders(req: FastifyRequest): string[] {
  const raw = req.headers['access-control-request-headers'];
  const text = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  return text
    .split(',')
    .map((h) => h.trim())
    .filter((h) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h));
}

/**
 * ServiceSettings.AllowCorsFrom ("" = off, "*" or space-separated origins), CorsAllowCredentials,
 * CorsExposedHeaders and CorsDebug, with the behaviour of the rs/cors wrapper Mattermost uses:
 * preflights are answered here (204) for every path, granted only to listed origins, with the
 * requested method (if allowed) and the requested headers echoed; a refused origin gets no CORS
 * headers, so the browser keeps the response from the page. With credentials allowed, the origin
 * is echoed even for "*" (a literal "*" cannot carry credentials) — see docs/security.md.
 */
export function registerCors(fastify: FastifyInstance, app: App): void {
  fastify.addHook('onRequest', async (req, reply) => {
    const settings = app.config.get().ServiceSettings;
    const list = corsOrigins(settings);
    if (!list.length) return;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    const origin = req.headers.origin;
    const refuse = (why: string) => {
      if (settings.CorsDebug) app.log.info({ requestId: req.id, origin, url: req.url, why }, 'CORS refused');
    };
    if (preflight) {
      appendVary(reply, 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
      const method = String(req.headers['access-control-request-method']).toUpperCase();
      if (!origin) refuse('no Origin');
      else if (!isAllowed(list, origin)) refuse('origin not allowed');
      else if (!ALLOWED_METHODS.includes(method)) refuse(`method ${method} not allowed`);
      else {
        const headers = requestedHeaders(req);
        reply.header('Access-Control-Allow-Origin', allowOriginValue(list, origin, settings));
        reply.header('Access-Control-Allow-Methods', method);
        if (headers.length) reply.header('Access-Control-Allow-Headers', headers.join(', '));
        if (settings.CorsAllowCredentials) reply.header('Access-Control-Allow-Credentials', 'true');
        reply.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
      }
      return reply.code(204).send();
    }
    appendVary(reply, 'Origin');
    if (!origin) return;
    if (!isAllowed(list, origin)) return refuse('origin not allowed');
    if (!ALLOWED_METHODS.includes(req.method)) return refuse(`method ${req.method} not allowed`);
    reply.header('Access-Control-Allow-Origin', allowOriginValue(list, origin, settings));
    const exposed = [...ALWAYS_EXPOSED, ...settings.CorsExposedHeaders.trim().split(/\s+/).filter(Boolean)];
    reply.header('Access-Control-Expose-Headers', exposed.join(', '));
    if (settings.CorsAllowCredentials) reply.header('Access-Control-Allow-Credentials', 'true');
  });
}

function isAllowed(list: string[], origin: string): boolean {
  return list.includes('*') || list.includes(origin.toLowerCase());
}

function allowOriginValue(list: string[], origin: string, settings: Config['ServiceSettings']): string {
  return list.includes('*') && !settings.CorsAllowCredentials ? '*' : origin;
}
