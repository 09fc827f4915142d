import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build` of apps/web puts the web app; PARLEY_WEB_DIR points elsewhere (packaged installs). */
export function defaultWebDir(): string {
  return process.env.PARLEY_WEB_DIR ?? fileURLToPath(new URL('../../../web/dist', import.meta.url));
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

// The app loads only its own scripts and styles; the API and websocket are same-origin. Inline
// styles stay allowed because React sets style attributes; images may come from anywhere https
// (Markdown images in messages).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** Paths that belong to the server: never answered with the app's index.html. */
const SERVER_PREFIXES = ['/api/', '/hooks/', '/plugins/', '/static/'];

export interface WebApp {
  /** Answers a GET for a client-side route (e.g. /login, /team/channels/town-square) with index.html. */
  serveIndex(req: FastifyRequest, reply: FastifyReply): Promise<boolean>;
}

/**
 * Serves the built web app: hashed assets under /static/ with long cache lifetimes, and index.html
 * for every other GET that is not an API path, so client-side routes survive a reload.
 */
export function registerWebApp(fastify: FastifyInstance, dir = defaultWebDir()): WebApp {
  const root = resolve(dir);

  fastify.get('/static/*', async (req, reply) => {
    const rel = decodeURIComponent((req.params as { '*': string })['*'] ?? '');
    const file = resolve(root, rel);
    // Never leave the build directory, and never serve index.html itself from /static/.
    if (!file.startsWith(root + sep) || rel.includes('\0')) return notFound(reply);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return notFound(reply);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    reply.header('Content-Length', info.size);
    // Vite puts a content hash in every file name under assets/: such a URL never changes content.
    reply.header(
      'Cache-Control',
      rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    );
    return reply.send(createReadStream(file));
  });

  return {
    async serveIndex(req, reply) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const path = req.url.split('?')[0];
      if (SERVER_PREFIXES.some((p) => path.startsWith(p)) || path === '/api') return false;
      const html = await readFile(resolve(root, 'index.html'), 'utf8').catch(() => null);
      reply
        .code(html ? 200 : 503)
        .header('Content-Type', 'text/html; charset=utf-8')
        .header('Cache-Control', 'no-cache')
        .header('X-Content-Type-Options', 'nosniff')
        .header('X-Frame-Options', 'SAMEORIGIN')
        .header('Referrer-Policy', 'no-referrer')
        .header('Content-Security-Policy', CSP)
        .send(html ?? NOT_BUILT);
      return true;
    },
  };
}

function notFound(reply: FastifyReply) {
  return reply
    .code(404)
    .header('Content-Type', 'text/plain; charset=utf-8')
    .header('X-Content-Type-Options', 'nosniff')
    .send('Not found');
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Parley</title>
<p>The Parley web app has not been built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>`;
