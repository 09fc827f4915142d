import type { FastifyInstance, FastifyReply } from 'fastify';
import type { App } from '../app.ts';
import type { Config } from '../config/defaults.ts';

/** The Referrer-Policy values browsers understand. */
export const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
];

// One CSP source expression: a keyword, a scheme ("https:"), or a host with optional scheme,
// wildcard subdomain, port and path. Anything else (";", ",", quotes, line breaks) could inject
// further directives or headers.
const SOURCE =
  /^(?:'self'|'none'|\*|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?(?:\/[^\s;,'"]*)?)$/i;

/** Why ParleySettings.FrameAncestors is not a valid CSP frame-ancestors source list, or null. */
export function frameAncestorsProblem(value: string): string | null {
  const sources = value.trim().split(/\s+/).filter(Boolean);
  if (!sources.length) return "ParleySettings.FrameAncestors must not be empty (use 'none' or 'self')";
  const bad = sources.find((s) => !SOURCE.test(s));
  if (bad) return `ParleySettings.FrameAncestors: "${bad}" is not a CSP source expression`;
  if (sources.includes("'none'") && sources.length > 1)
    return "ParleySettings.FrameAncestors: 'none' cannot be combined with other sources";
  return null;
}

function frameOptions(ancestors: string): string | null {
  if (ancestors === "'self'") return 'SAMEORIGIN';
  if (ancestors === "'none'") return 'DENY';
  // X-Frame-Options cannot name other sites; browsers that know CSP use frame-ancestors instead.
  return null;
}

/** `policy` with its frame-ancestors directive replaced by (or extended with) ours. */
function withFrameAncestors(policy: string, ancestors: string): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !/^frame-ancestors(\s|$)/i.test(d));
  directives.push(`frame-ancestors ${ancestors}`);
  return directives.join('; ');
}

function apply(reply: FastifyReply, config: Config): void {
  const p = config.ParleySettings;
  const s = config.ServiceSettings;
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Referrer-Policy', p.ReferrerPolicy);
  if (s.TLSStrictTransport)
    reply.header('Strict-Transport-Security', `max-age=${s.TLSStrictTransportMaxAge}`);
  const type = reply.getHeader('content-type');
  if (typeof type !== 'string' || !type.toLowerCase().startsWith('text/html')) return;
  // Pages are what an attacker would frame for clickjacking; JSON and files are not rendered.
  const ancestors = p.FrameAncestors.trim().split(/\s+/).join(' ');
  const current = reply.getHeader('content-security-policy');
  reply.header(
    'Content-Security-Policy',
    withFrameAncestors(typeof current === 'string' ? current : '', ancestors),
  );
  const xfo = frameOptions(ancestors);
  if (xfo) reply.header('X-Frame-Options', xfo);
  else reply.removeHeader('X-Frame-Options');
}

/**
 * Headers on every response: nosniff, Referrer-Policy (ParleySettings.ReferrerPolicy), HSTS when
 * ServiceSettings.TLSStrictTransport; and for HTML pages the embedding rule, CSP frame-ancestors
 * from ParleySettings.FrameAncestors plus X-Frame-Options for browsers without CSP.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, app: App): void {
  fastify.addHook('onSend', async (_req, reply, payload) => {
    apply(reply, app.config.get());
    return payload;
  });
}
