import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../../http/route.ts';
import { clientAddress } from '../../http/ratelimit.ts';

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

// Kept beside the request context rather than in it, so services that only see a context can audit.
const seen = new WeakMap<RequestContext, ClientInfo>();

/** Notes who is calling (address per ServiceSettings.TrustedProxyIPHeader, user agent) for the audit trail. */
export function rememberClient(req: FastifyRequest, ctx: RequestContext): void {
  const trusted = ctx.app.config.get().ServiceSettings.TrustedProxyIPHeader ?? [];
  const agent = req.headers['user-agent'];
  seen.set(ctx, { ip: clientAddress(req, trusted), userAgent: typeof agent === 'string' ? agent : '' });
}

export function clientOf(ctx: RequestContext): ClientInfo {
  return seen.get(ctx) ?? { ip: '', userAgent: '' };
}
