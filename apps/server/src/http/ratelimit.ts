import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app.ts';
import type { Config } from '../config/defaults.ts';
import { readToken } from './auth.ts';

/** What one check of a limiter says; times in milliseconds. */
export interface RateResult {
  limited: boolean;
  limit: number;
  remaining: number;
  resetAfterMs: number;
  /** How long until one more request would pass; -1 when not limited. */
  retryAfterMs: number;
}

/**
 * The generic cell rate algorithm as in throttled (the library behind Mattermost's limiter): each
 * key keeps one number, its theoretical arrival time (TAT). A request is allowed while the TAT is
 * at most `maxBurst` emission intervals ahead of now, so `maxBurst + 1` requests pass at once and
 * then one per interval. Keys live in a map kept in least-recently-used order and bounded to
 * `size` entries, so memory stays fixed whatever the number of clients.
 */
export class Gcra {
  readonly limit: number;
  private readonly interval: number;
  private readonly tolerance: number;
  private readonly size: number;
  private readonly tats = new Map<string, number>();

  constructor(perSecond: number, maxBurst: number, size: number) {
    this.interval = 1000 / perSecond;
    this.tolerance = this.interval * (maxBurst + 1);
    this.limit = maxBurst + 1;
    this.size = Math.max(1, size);
  }

  take(key: string, now = Date.now()): RateResult {
    const stored = this.tats.get(key);
    const tat = stored === undefined || stored < now ? now : stored;
    const newTat = tat + this.interval;
    const allowAt = newTat - this.tolerance;
    let ttl: number;
    let retryAfterMs = -1;
    const limited = now < allowAt;
    if (limited) {
      retryAfterMs = allowAt - now;
      ttl = tat - now;
    } else {
      ttl = newTat - now;
      this.tats.delete(key);
      this.tats.set(key, newTat);
      if (this.tats.size > this.size) this.tats.delete(this.tats.keys().next().value as string);
    }
    const next = this.tolerance - ttl;
    // The epsilon absorbs float error (100 intervals minus one interval is not always exactly 99).
    const remaining = Math.max(0, Math.trunc(next / this.interval + 1e-9));
    return { limited, limit: this.limit, remaining, resetAfterMs: ttl, retryAfterMs };
  }

  /** Gives back one request (used when a login succeeded: only failures should use up the budget). */
  refund(key: string): void {
    const tat = this.tats.get(key);
    if (tat !== undefined) this.tats.set(key, tat - this.interval);
  }

  get keyCount(): number {
    return this.tats.size;
  }
}

function firstHeader(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/**
 * The client's address, as Mattermost's GetIPAddress decides it: the first address in the first
 * non-empty header named by ServiceSettings.TrustedProxyIPHeader, else the socket's address. The
 * headers are believed unconditionally, so they must only be configured behind a proxy that
 * overwrites them; by default (no headers named) a client cannot choose its own address.
 */
export function clientAddress(req: FastifyRequest, trustedHeaders: string[]): string {
  for (const name of trustedHeaders) {
    const value = firstHeader(req.headers[name.toLowerCase()]).trim();
    const first = value.split(/[\s,]+/)[0];
    if (first) return first;
  }
  return req.socket.remoteAddress ?? '';
}

function setRateHeaders(reply: FastifyReply, r: RateResult): void {
  reply.header('X-RateLimit-Limit', String(r.limit));
  reply.header('X-RateLimit-Remaining', String(r.remaining));
  reply.header('X-RateLimit-Reset', String(Math.ceil(Math.max(0, r.resetAfterMs) / 1000)));
  if (r.retryAfterMs >= 0) reply.header('Retry-After', String(Math.ceil(r.retryAfterMs / 1000)));
}

/** Mattermost's (throttled's) refusal: 429 with a plain-text body, not Mattermost error JSON. */
function deny(reply: FastifyReply): FastifyReply {
  return reply.code(429).header('Content-Type', 'text/plain; charset=utf-8').send('limit exceeded');
}

const LOGIN_ROUTE = '/api/v4/users/login';

function isLogin(req: FastifyRequest): boolean {
  return req.method === 'POST' && req.routeOptions.url === LOGIN_ROUTE;
}

interface Limiters {
  general: Gcra | null;
  login: Gcra | null;
}

function buildLimiters(config: Config): Limiters {
  const r = config.RateLimitSettings;
  const perMinute = config.ParleySettings.LoginRateLimitPerMinute;
  return {
    general: r.Enable ? new Gcra(r.PerSec, r.MaxBurst, r.MemoryStoreSize) : null,
    // N attempts at once, then N per minute; one shared store for IP and login-id keys.
    login: perMinute > 0 ? new Gcra(perMinute / 60, perMinute - 1, r.MemoryStoreSize) : null,
  };
}

// Which keys a login request used, so a successful login can hand its attempts back.
const loginKeys = new WeakMap<FastifyRequest, string[]>();
// Requests whose general limit waits for authentication (VaryByUser with a token).
const deferred = new WeakSet<FastifyRequest>();

/**
 * RateLimitSettings (off by default, as in Mattermost) for every request, and the login limiter
 * (ParleySettings.LoginRateLimitPerMinute, always on) for POST /users/login. Stores are per
 * process; they are rebuilt, i.e. emptied, when the config changes.
 */
export function registerRateLimits(fastify: FastifyInstance, app: App): void {
  let limiters = buildLimiters(app.config.get());
  app.config.onChange((config) => {
    limiters = buildLimiters(config);
  });

  const addressOf = (req: FastifyRequest) =>
    clientAddress(req, app.config.get().ServiceSettings.TrustedProxyIPHeader);

  const headerPart = (req: FastifyRequest): string => {
    const name = app.config.get().RateLimitSettings.VaryByHeader.trim();
    return name ? `|h:${firstHeader(req.headers[name.toLowerCase()]).toLowerCase()}` : '';
  };

  const check = (req: FastifyRequest, reply: FastifyReply, limiter: Gcra, key: string): boolean => {
    const result = limiter.take(key);
    setRateHeaders(reply, result);
    if (result.limited) app.log.debug({ requestId: req.id, key }, 'rate limit exceeded');
    return result.limited;
  };

  fastify.addHook('onRequest', async (req, reply) => {
    const { general, login } = limiters;
    if (general) {
      const s = app.config.get().RateLimitSettings;
      if (s.VaryByUser && readToken(req)) {
        deferred.add(req);
      } else {
        const key = (s.VaryByRemoteAddr ? `ip:${addressOf(req)}` : '') + headerPart(req);
        if (check(req, reply, general, key)) return deny(reply);
      }
    }
    // Before the body is read and before any password hashing.
    if (login && isLogin(req)) {
      const key = `login-ip:${addressOf(req)}`;
      loginKeys.set(req, [key]);
      const result = login.take(key);
      if (result.limited) {
        setRateHeaders(reply, result);
        return deny(reply);
      }
    }
  });

  fastify.addHook('preHandler', async (req, reply) => {
    const { general, login } = limiters;
    if (general && deferred.has(req)) {
      const s = app.config.get().RateLimitSettings;
      const session = req.ctx?.session;
      const who = session ? `user:${session.userId}` : s.VaryByRemoteAddr ? `ip:${addressOf(req)}` : '';
      if (check(req, reply, general, who + headerPart(req))) return deny(reply);
    }
    if (login && isLogin(req)) {
      const loginId = (req.body as { login_id?: unknown } | undefined)?.login_id;
      if (typeof loginId === 'string' && loginId) {
        const key = `login-id:${loginId.toLowerCase()}`;
        loginKeys.get(req)?.push(key);
        const result = login.take(key);
        if (result.limited) {
          setRateHeaders(reply, result);
          return deny(reply);
        }
      }
    }
  });

  fastify.addHook('onResponse', async (req, reply) => {
    const keys = loginKeys.get(req);
    if (!keys || reply.statusCode >= 300 || !limiters.login) return;
    for (const key of keys) limiters.login.refund(key);
  });
}
