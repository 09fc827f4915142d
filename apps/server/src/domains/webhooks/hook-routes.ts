import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../errors/app-error.ts';
import { idParam, type Route } from '../../http/route.ts';
import { executeIncoming, parseError, readPayload } from './service-execute.ts';

/**
 * POST /hooks/{hook_id}, outside /api/v4 and without a session: the hook id is the secret. Bodies
 * arrive raw (rawBody) because Slack-style senders use form encoding as often as JSON.
 */

/** Control characters (raw newlines, tabs) as JSON escapes, wherever they stand. */
function escapeControlChars(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

/** JSON, retried with control characters escaped as upstream does for hand-written payloads. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(escapeControlChars(text));
    } catch {
      throw parseError();
    }
  }
}

function mediaType(req: FastifyRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** A multipart form: its `payload` field as JSON, or else its fields as the payload itself. */
async function multipartPayload(req: FastifyRequest): Promise<unknown> {
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'field') fields[part.fieldname] = String(part.value);
    else part.file.resume();
  }
  return fields.payload !== undefined ? parseJson(fields.payload) : fields;
}

async function payloadOf(req: FastifyRequest): Promise<unknown> {
  const type = mediaType(req);
  if (type === 'multipart/form-data') return multipartPayload(req);
  const raw = typeof req.body === 'string' ? req.body : '';
  if (type === 'application/x-www-form-urlencoded') {
    const payload = new URLSearchParams(raw).get('payload');
    if (payload === null)
      throw badRequest('web.incoming_webhook.parse.app_error', 'Unable to parse incoming data.');
    return parseJson(payload);
  }
  return parseJson(raw);
}

export const incomingWebhookRoute: Route = {
  method: 'POST',
  url: '/hooks/:hook_id',
  absolute: true,
  rawBody: true,
  auth: 'none',
  handler: async (req, reply, ctx) => {
    const hookId = idParam(req, 'hook_id');
    await executeIncoming(ctx.app, hookId, readPayload(await payloadOf(req)));
    reply.code(200).header('Content-Type', 'text/plain').send('ok');
    return reply;
  },
};
