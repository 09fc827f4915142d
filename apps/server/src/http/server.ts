import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { App } from '../app.ts';
import { AppError } from '../errors/app-error.ts';
import { newId } from '../platform/ids.ts';
import { authenticate } from './auth.ts';
import { registerCors } from './cors.ts';
import { clientAddress, registerRateLimits } from './ratelimit.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { errorBody, toAppError } from './errors.ts';
import type { Route } from './route.ts';
import { registerWebApp } from './static.ts';
import { versionHeader } from './version.ts';

const API = '/api/v4';
/** Internal content type marking a body left unread for a streamBody route. */
const STREAM_BODY = 'application/x-parley-stream';

/** The HTTP pipeline: request id and version headers, auth + CSRF, body limits, one error sink. */
export async function buildHttpServer(app: App, routes: Route[]): Promise<FastifyInstance> {
  const settings = app.config.get().ServiceSettings;
  const fastify = Fastify({
    logger: false,
    bodyLimit: settings.MaximumPayloadSizeBytes,
    genReqId: () => newId(),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 512 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });

  await fastify.register(cookie);

  // Clients send JSON with any content type (Client4 posts strings, so browsers label them
  // text/plain); every body is parsed as JSON, an empty one as "no body".
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'remove');
  fastify.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    if ((req.routeOptions?.config as { rawBody?: boolean } | undefined)?.rawBody) return done(null, body);
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    parseJson(req, body as string, done);
  });
  // Uploads (profile images, files) arrive as multipart; their size limits are set per route.
  await fastify.register(multipart, { limits: { fileSize: app.config.get().FileSettings.MaxFileSize } });
  // Raw uploads (POST /files?filename=) reach their handler as the unread request stream.
  fastify.addContentTypeParser(STREAM_BODY, (_req, payload, done) => done(null, payload));

  fastify.decorateRequest('ctx', null as never);
  fastify.addHook('onRequest', async (req, reply) => {
    req.ctx = { app, session: null, tokenSource: null, token: null, requestId: req.id };
    reply.header('X-Request-ID', req.id);
    reply.header('X-Version-Id', versionHeader(app));
    if (req.url.startsWith(API)) {
      reply.header('Content-Type', 'application/json');
      if (req.method === 'GET') reply.header('Expires', '0');
    }
    if (req.url.length > app.config.get().ServiceSettings.MaximumURLLength) {
      throw new AppError('api.context.url_too_long.app_error', 'The request URL is too long.', 414);
    }
  });
  // Order matters: CORS headers first, so a cross-origin page can read a 429 from the limiter.
  registerCors(fastify, app);
  registerRateLimits(fastify, app);
  registerSecurityHeaders(fastify, app);

  // Client4 parses a body as JSON only when the type is exactly "application/json"; Fastify adds a charset.
  fastify.addHook('onSend', async (_req, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json'))
      reply.header('Content-Type', 'application/json');
    return payload;
  });

  fastify.setErrorHandler((err, req, reply) => {
    const appError = toAppError(err);
    // 501 (feature off) is an answer, not a fault; 503 (database away) is expected to pass.
    if (appError.statusCode === 500) {
      app.log.error({ err, requestId: req.id, method: req.method, url: req.url }, 'request failed');
    } else if (appError.statusCode === 503) {
      app.log.warn(
        { requestId: req.id, url: req.url, reason: (err as Error).message },
        'database unavailable',
      );
    }
    const developer = app.config.get().ServiceSettings.EnableDeveloper;
    reply
      .code(appError.statusCode)
      .header('Content-Type', 'application/json')
      .send(errorBody(appError, req.id, developer));
  });

  // The web app answers every other GET (client-side routes), so it decides before the 404.
  const webApp = registerWebApp(fastify);
  fastify.setNotFoundHandler(async (req, reply) => {
    if (await webApp.serveIndex(req, reply)) return reply;
    return reply
      .code(404)
      .header('Content-Type', 'application/json')
      .send(
        errorBody(
          new AppError('api.context.404.app_error', 'Sorry, we could not find the page.', 404),
          req.id,
          false,
        ),
      );
  });

  for (const route of routes) {
    fastify.route({
      method: route.method,
      url: route.absolute ? route.url : API + route.url,
      config: { rawBody: route.rawBody === true },
      schema: route.body ? { body: route.body } : undefined,
      onRequest: async (req, reply) => {
        // (isMultipart() only answers after parsing, so the header decides here.)
        if (route.streamBody && !/^multipart\//i.test(req.headers['content-type'] ?? ''))
          req.headers['content-type'] = STREAM_BODY;
        return authenticate(req, reply, route, req.ctx);
      },
      handler: async (req, reply) => {
        const result = await route.handler(req, reply, req.ctx);
        // A handler that answered itself (files, images) returns the reply; its status stands.
        if (reply.sent || result === reply) return reply;
        reply.code(route.status ?? 200);
        return result;
      },
    });
  }
  return fastify;
}

/** The client's address: the socket's, or a trusted proxy header's (ServiceSettings.TrustedProxyIPHeader). */
export function clientIp(req: FastifyRequest): string {
  const trusted = req.ctx?.app.config.get().ServiceSettings.TrustedProxyIPHeader ?? [];
  return clientAddress(req, trusted);
}
