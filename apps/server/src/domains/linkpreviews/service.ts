import type { App } from '../../app.ts';
import type { LinkMetadata } from '../../db/schema.ts';
import { outbound, type OutboundResponse } from '../../platform/outbound/index.ts';
import { readImageHeader } from '../../platform/files/images.ts';
import type { ChannelRow } from '../channels/store.ts';
import { filesForPosts } from '../files/for-posts.ts';
import { presentPost } from '../posts/present.ts';
import { findPost, type PostRow } from '../posts/store.ts';
import { firstLink, isRestricted, parseOpenGraph } from './opengraph.ts';
import * as store from './store.ts';

/**
 * Link previews (ServiceSettings.EnableLinkPreviews): after a post commits, the OpenGraph data of
 * its first link is fetched through the SSRF-safe outbound client, kept with the post
 * (metadata.embeds and metadata.images) and sent to the channel with `post_edited`.
 */

/** A page larger than this is not read; OpenGraph tags sit in its head anyway. */
const MAX_PAGE_BYTES = 1024 * 1024;
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 5000;

type ImageInfo = { width: number; height: number; format: string; frame_count: number };

async function fetchBounded(app: App, url: string, maxBytes: number): Promise<OutboundResponse | null> {
  try {
    const res = await outbound(app).request({
      url,
      maxBytes,
      timeoutMs: FETCH_TIMEOUT_MS,
      headers: { Accept: 'text/html,application/xhtml+xml,image/*;q=0.9,*/*;q=0.5' },
    });
    return res.status === 200 ? res : null;
  } catch (err) {
    // Forbidden addresses, timeouts and oversized answers simply mean no preview.
    app.log.debug({ err, url }, 'link preview fetch failed');
    return null;
  }
}

async function imageInfo(body: Buffer): Promise<ImageInfo | null> {
  const header = await readImageHeader(body);
  if (!header) return null;
  return { width: header.width, height: header.height, format: header.format, frame_count: header.pages };
}

const contentType = (res: OutboundResponse) => String(res.headers['content-type'] ?? '').toLowerCase();

/** The preview of one URL, or null when it has none. */
export async function previewOf(app: App, url: string): Promise<LinkMetadata | null> {
  const res = await fetchBounded(app, url, MAX_PAGE_BYTES);
  if (!res) return null;
  const type = contentType(res);
  if (type.startsWith('image/')) {
    const info = await imageInfo(res.body);
    return info ? { embeds: [{ type: 'image', url }], images: { [url]: info } } : null;
  }
  if (!type.includes('html')) return null;
  const og = parseOpenGraph(res.body.toString('utf8'), res.url);
  if (!og.title && !og.description) return null;
  const images: LinkMetadata['images'] = {};
  const image = og.images?.[0];
  if (image) {
    if (image.width && image.height) {
      images[image.url] = { width: image.width, height: image.height, format: '', frame_count: 0 };
    } else {
      // The page did not say how large its image is: read the image's header for the client's layout.
      const fetched = await fetchBounded(app, image.url, MAX_IMAGE_BYTES);
      const info =
        fetched && contentType(fetched).startsWith('image/') ? await imageInfo(fetched.body) : null;
      if (info) {
        images[image.url] = info;
        image.width = info.width;
        image.height = info.height;
      }
    }
  }
  return { embeds: [{ type: 'opengraph', url, data: og }], images };
}

export async function previewFirstLink(app: App, channel: ChannelRow, post: PostRow): Promise<void> {
  const s = app.config.get().ServiceSettings;
  if (!s.EnableLinkPreviews || post.type.startsWith('system_')) return;
  const url = firstLink(post.message);
  if (!url) return;
  // Links to this server are permalinks, which clients render themselves.
  const site = s.SiteURL.replace(/\/+$/u, '');
  if (site && (url === site || url.startsWith(`${site}/`))) return;
  if (isRestricted(url, s.RestrictLinkPreviews)) return;
  const metadata = await previewOf(app, url);
  if (!metadata) return;
  if (!(await store.saveLinkMetadata(app.db, post.id, Number(post.edit_at), metadata, Date.now()))) return;
  const updated = await findPost(app.db, post.id);
  if (!updated) return;
  app.events.publish({
    event: 'post_edited',
    data: { post: JSON.stringify(presentPost(updated, await filesForPosts(app, [updated]))) },
    broadcast: { channelId: channel.id },
  });
}
