import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';

/** HTTPS directly, or behind a proxy that says so. */
export function isSecureRequest(req: FastifyRequest): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return req.protocol === 'https' || proto?.split(',')[0].trim() === 'https';
}

function base(req: FastifyRequest, maxAgeSeconds: number): CookieSerializeOptions {
  return {
    path: '/',
    maxAge: maxAgeSeconds,
    expires: new Date(Date.now() + maxAgeSeconds * 1000),
    secure: isSecureRequest(req),
    sameSite: 'lax',
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
    reply.clearCookie(name, { path: '/', secure: isSecureRequest(req), sameSite: 'lax' });
  }
}
