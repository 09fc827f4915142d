import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { Client4 } from '@mattermost/client';

/** Images and uploads for the file and emoji suites. */

/** A JPEG `width`x`height` as stored, with an EXIF orientation (6 = shown rotated 90° clockwise). */
export function jpeg(width: number, height: number, orientation = 1): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withMetadata({ orientation })
    .toBuffer();
}

export function png(width: number, height: number, alpha = false): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: alpha ? 4 : 3, background: { r: 10, g: 120, b: 200, alpha: 0.5 } },
  })
    .png()
    .toBuffer();
}

export async function animatedGif(width: number, height: number, frames = 3): Promise<Buffer> {
  const images = await Promise.all(
    Array.from({ length: frames }, (_, i) =>
      sharp({ create: { width, height, channels: 3, background: { r: 60 * i, g: 200, b: 0 } } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(images, { join: { animated: true } })
    .gif({ loop: 0 })
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A "decompression bomb": a few hundred bytes whose header declares `width`x`height` pixels (the
 * pixel data is truncated, so nothing would ever decode it fully).
 */
export function bombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(4096))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Uploads files through Client4 as the web app does (channel_id, client_ids, then the files). */
export async function upload(
  client: Client4,
  channelId: string,
  files: { name: string; data: Buffer; type?: string }[],
) {
  const form = new FormData();
  form.append('channel_id', channelId);
  for (const [i] of files.entries()) form.append('client_ids', `client-${i}`);
  for (const f of files)
    form.append(
      'files',
      new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/octet-stream' }),
      f.name,
    );
  return client.uploadFile(form);
}

/** GET of a file URL from Client4 with the client's token, as a browser would load it. */
export async function fetchWithToken(client: Client4, url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${client.getToken()}`, ...headers } });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

/** GET /files/{id}/info (Client4 has no method for it). */
export async function fileInfo(client: Client4, id: string) {
  const { res, body } = await fetchWithToken(client, `${client.getFileUrl(id, 0)}/info`);
  return { status: res.status, json: JSON.parse(body.toString()) as Record<string, unknown> };
}
