import { stripCode } from '../posts/mentions.ts';

/**
 * OpenGraph data from an HTML page (the fields Mattermost's opengraph.OpenGraph carries) and the
 * first link of a message. Pure.
 */

export interface OpenGraphImage {
  url: string;
  secure_url?: string;
  type?: string;
  width?: number;
  height?: number;
}

export interface OpenGraph {
  type: string;
  url: string;
  title: string;
  description: string;
  determiner: string;
  site_name: string;
  locale: string;
  locales_alternate: string[] | null;
  images: OpenGraphImage[] | null;
  audios: null;
  videos: null;
}

/** Mattermost's TruncateOpenGraph limits: a preview is a card, not a copy of the page. */
const MAX_TEXT = 300;
const MAX_IMAGES = 1;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, code: string) => {
    if (code[0] === '#') {
      const n =
        code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gu;
  for (const m of tag.matchAll(re)) attrs.set(m[1].toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  return attrs;
}

const truncate = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

const dimension = (v: string): number | undefined => {
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 && n < 100_000 ? n : undefined;
};

/** Reads og:* meta tags (and, when they are missing, <title> and meta description). */
export function parseOpenGraph(html: string, pageUrl: string): OpenGraph {
  const og: OpenGraph = {
    type: '',
    url: '',
    title: '',
    description: '',
    determiner: '',
    site_name: '',
    locale: '',
    locales_alternate: null,
    images: null,
    audios: null,
    videos: null,
  };
  // Only the head matters; a page's body can be large and say anything.
  const headEnd = html.search(/<\/head\s*>|<body[\s>]/iu);
  const head = headEnd >= 0 ? html.slice(0, headEnd) : html;
  const images: OpenGraphImage[] = [];
  let fallbackDescription = '';
  for (const m of head.matchAll(/<meta\b[^>]*>/giu)) {
    const a = attributes(m[0]);
    const key = (a.get('property') ?? a.get('name') ?? '').toLowerCase();
    const content = (a.get('content') ?? '').trim();
    if (!key || !content) continue;
    const image = images[images.length - 1];
    switch (key) {
      case 'og:type':
        og.type = content;
        break;
      case 'og:url':
        og.url = content;
        break;
      case 'og:title':
        og.title = truncate(content);
        break;
      case 'og:description':
        og.description = truncate(content);
        break;
      case 'og:determiner':
        og.determiner = content;
        break;
      case 'og:site_name':
        og.site_name = truncate(content);
        break;
      case 'og:locale':
        og.locale = content;
        break;
      case 'og:locale:alternate':
        og.locales_alternate = [...(og.locales_alternate ?? []), content];
        break;
      case 'og:image':
      case 'og:image:url':
        images.push({ url: content });
        break;
      case 'og:image:secure_url':
        if (image) image.secure_url = content;
        else images.push({ url: content, secure_url: content });
        break;
      case 'og:image:type':
        if (image) image.type = content;
        break;
      case 'og:image:width':
        if (image) image.width = dimension(content);
        break;
      case 'og:image:height':
        if (image) image.height = dimension(content);
        break;
      case 'description':
        fallbackDescription = truncate(content);
        break;
    }
  }
  if (!og.title) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/iu.exec(head);
    if (title) og.title = truncate(decodeEntities(title[1]).replace(/\s+/gu, ' ').trim());
  }
  if (!og.description) og.description = fallbackDescription;
  if (!og.url) og.url = pageUrl;
  const resolved: OpenGraphImage[] = [];
  for (const i of images) {
    const url = absolute(i.url, pageUrl);
    if (!url) continue;
    resolved.push(i.secure_url ? { ...i, url, secure_url: absolute(i.secure_url, pageUrl) } : { ...i, url });
    if (resolved.length === MAX_IMAGES) break;
  }
  og.images = resolved.length > 0 ? resolved : null;
  return og;
}

/** An image URL relative to the page, as an absolute http(s) URL; '' when not one. */
function absolute(url: string, base: string): string {
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '';
  } catch {
    return '';
  }
}

/** The first http(s) link of a message, outside code, trailing punctuation left out. */
export function firstLink(message: string): string | null {
  const text = stripCode(message);
  for (const m of text.matchAll(/(?:<)?(https?:\/\/[^\s<>"'`]+)/giu)) {
    let candidate = m[1].replace(/[.,;:!?*_~]+$/u, '');
    // Markdown [text](url) and a sentence's closing parenthesis.
    if (candidate.endsWith(')') && !candidate.includes('(')) candidate = candidate.slice(0, -1);
    try {
      const url = new URL(candidate);
      // As written: the preview is looked up by the link the message shows.
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname) return candidate;
    } catch {
      // Not a URL after all; look further.
    }
  }
  return null;
}

/** RestrictLinkPreviews: comma-separated domains whose links (subdomains included) get no preview. */
export function isRestricted(url: string, restrict: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return restrict
    .split(',')
    .map((d) =>
      d
        .trim()
        .toLowerCase()
        .replace(/^\*?\./u, ''),
    )
    .filter(Boolean)
    .some((d) => host === d || host.endsWith(`.${d}`));
}
