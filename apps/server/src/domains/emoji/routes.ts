import type { FastifyRequest } from 'fastify';
import type { App, Session } from '../../app.ts';
import { invalidParam } from '../../errors/app-error.ts';
import { idParam, ok, paging, param, query, sessionOf, type Route } from '../../http/route.ts';
import { MAX_EMOJI_FILE_SIZE } from './policy.ts';
import { presentEmoji } from './present.ts';
import * as service from './service.ts';

/** Custom emoji routes (Mattermost's api4/emoji.go). */

const isTooLarge = (err: unknown) => (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';

function imageType(data: Buffer): string {
  if (data.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (data[0] === 0x89 && data.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
  return 'image/jpeg';
}

/** The multipart form: `emoji` (JSON) is checked as soon as it arrives, `image` read within 1 MB. */
async function createFromForm(app: App, session: Session, req: FastifyRequest) {
  service.requireEmojiEnabled(app);
  if (Number(req.headers['content-length'] ?? 0) > MAX_EMOJI_FILE_SIZE + 16 * 1024)
    throw service.emojiTooLarge();
  if (!req.isMultipart()) throw invalidParam('image');
  let checked: { name: string } | null = null;
  let image: Buffer | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_EMOJI_FILE_SIZE, fieldSize: 64 * 1024 } })) {
      if (part.type === 'field') {
        if (part.fieldname !== 'emoji') continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(part.value));
        } catch {
          throw invalidParam('emoji');
        }
        checked = await service.checkCreate(app, session, parsed);
      } else if (part.fieldname === 'image' && !image) {
        image = await part.toBuffer();
      } else {
        await part.toBuffer();
      }
    }
  } catch (err) {
    if (isTooLarge(err)) throw service.emojiTooLarge();
    throw err;
  }
  if (!checked) throw invalidParam('emoji');
  if (!image || image.length === 0) throw invalidParam('image');
  return service.createEmoji(app, session, checked.name, image);
}

export const emojiRoutes: Route[] = [
  {
    method: 'POST',
    url: '/emoji',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => createFromForm(ctx.app, sessionOf(ctx), req),
  },
  {
    method: 'GET',
    url: '/emoji',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { offset, perPage } = paging(req);
      return (await service.listEmoji(ctx.app, query(req).sort ?? '', offset, perPage)).map(presentEmoji);
    },
  },
  {
    method: 'POST',
    url: '/emoji/names',
    auth: 'session',
    handler: async (req, _reply, ctx) => (await service.getEmojiByNames(ctx.app, req.body)).map(presentEmoji),
  },
  {
    method: 'POST',
    url: '/emoji/search',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      (await service.searchEmoji(ctx.app, req.body, 200)).map(presentEmoji),
  },
  {
    method: 'GET',
    url: '/emoji/autocomplete',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      (await service.autocompleteEmoji(ctx.app, query(req).name ?? '')).map(presentEmoji),
  },
  {
    method: 'GET',
    url: '/emoji/name/:emoji_name',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentEmoji(await service.getEmojiByName(ctx.app, param(req, 'emoji_name'))),
  },
  {
    method: 'GET',
    url: '/emoji/:emoji_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentEmoji(await service.getEmoji(ctx.app, idParam(req, 'emoji_id'))),
  },
  {
    method: 'GET',
    url: '/emoji/:emoji_id/image',
    auth: 'session',
    trustRequester: true,
    handler: async (req, reply, ctx) => {
      const data = await service.emojiImage(ctx.app, idParam(req, 'emoji_id'));
      return reply
        .removeHeader('Expires')
        .header('Content-Type', imageType(data))
        .header('Cache-Control', 'max-age=2592000, private')
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "sandbox; frame-ancestors 'none'")
        .send(data);
    },
  },
  {
    method: 'DELETE',
    url: '/emoji/:emoji_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await service.deleteEmoji(ctx.app, sessionOf(ctx), idParam(req, 'emoji_id'));
      return ok;
    },
  },
];
