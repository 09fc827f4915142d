import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';

/** HTTPS directly, or behind a proxy that says so. */
export function isSecureRequest(req: FastifyRequest): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return req.protocol === 'https' || proto?.split(',')[0].trim() === 'https';
}

/**
 * ParleySettings.CookieSameSite: Lax by default (sent on top-level navigation, not in cross-site
 * frames or requests); None for a chat embedded in another site, which browsers only accept with
 * Secure, so None always sets Secure.
 */
function sameSiteOptions(req: FastifyRequest): Pick<CookieSerializeOptions, 'sameSite' | 'secure'> {
  const setting = req.ctx?.app.config.get().ParleySettings.CookieSameSite.toLowerCase();
  const sameSite = setting === 'none' || setting === 'strict' ? setting : 'lax';
  return { sameSite, secure: sameSite === 'none' || isSecureRequest(req) };
}

function base(req: FastifyRequest, maxAgeSeconds: number): CookieSerializeOptions {
  return {
    path: '/',
    maxAge: maxAgeSeconds,
    expires: new Date(Date.now() + maxAgeSeconds * 1000),
    ...sameSiteOptions(req),
  };
}

/** MMAUTHTOKEN (HttpOnly), MMUSERID and MMCSRF (readable by the web app), as Mattermost sets them. */
export function attachSessionCookies(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  userId: string,
  csrf: string,
  expiresAt: number,
): void {
  const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
  reply.setCookie('MMAUTHTOKEN', token, { ...base(req, maxAge), httpOnly: true });
  reply.setCookie('MMUSERID', userId, base(req, maxAge));
  reply.setCookie('MMCSRF', csrf, base(req, maxAge));
}

export function clearSessionCookies(req: FastifyRequest, reply: FastifyReply): void {
  for (const name of ['MMAUTHTOKEN', 'MMUSERID', 'MMCSRF']) {
    reply.clearCookie(name, { path: '/', ...sameSiteOptions(req) });
  }
}
