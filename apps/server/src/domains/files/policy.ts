import { createHmac, timingSafeEqual } from 'node:crypto';

/** Pure rules for files: names, types, how a download is served, public link hashes. */

const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  heic: 'image/heic',
  psd: 'image/vnd.adobe.photoshop',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  avi: 'video/avi',
  mpeg: 'video/mpeg',
  mpg: 'video/mpeg',
  mkv: 'video/x-matroska',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  flac: 'audio/flac',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  xml: 'text/xml',
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'application/xhtml+xml',
  js: 'text/javascript',
  mjs: 'text/javascript',
  css: 'text/css',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  '7z': 'application/x-7z-compressed',
  rar: 'application/vnd.rar',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  rtf: 'application/rtf',
};

/** Types a browser shows without running anything: served inline unless a download is asked for. */
const INLINE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/bmp',
  'image/gif',
  'image/tiff',
  'image/webp',
  'video/avi',
  'video/mpeg',
  'video/mp4',
  'video/webm',
  'video/quicktime',
  'audio/mpeg',
  'audio/wav',
  'audio/ogg',
  'audio/mp4',
]);

/**
 * Types a browser would execute or render as a page (scripts, HTML, XML that may carry XHTML):
 * served as text/plain, so opening one never runs it on our origin (Mattermost's UnsafeContentTypes).
 */
const SCRIPTABLE_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'text/javascript',
  'application/javascript',
  'application/x-javascript',
  'text/ecmascript',
  'application/ecmascript',
  'text/xml',
  'application/xml',
]);

export const MAX_NAME_LENGTH = 255;

/**
 * A client-supplied filename made safe to store and to put in a header: the last path segment,
 * without control characters, at most 255 characters ("file" when nothing is left).
 */
export function cleanFileName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const name = cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
  return [...name].slice(0, MAX_NAME_LENGTH).join('');
}

/** The extension as Mattermost stores it: lowercase, without the dot. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function mimeTypeOf(extension: string): string {
  return MIME_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** The Content-Type and disposition a stored file is served with. */
export function downloadHeaders(
  mimeType: string,
  name: string,
  forceDownload: boolean,
): { contentType: string; disposition: string } {
  const base = mimeType.split(';')[0].trim().toLowerCase();
  const scriptable = SCRIPTABLE_TYPES.has(base) || base.includes('javascript');
  const contentType = scriptable ? 'text/plain' : base || 'application/octet-stream';
  const inline = !forceDownload && !scriptable && INLINE_TYPES.has(base);
  return { contentType, disposition: contentDisposition(inline ? 'inline' : 'attachment', name) };
}

/** RFC 6266: an ASCII fallback name plus the exact UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The `h` of a public link: an HMAC of the file id keyed with the public link salt. */
export function publicLinkHash(fileId: string, salt: string): string {
  return createHmac('sha256', salt).update(fileId).digest('base64url');
}

export function publicLinkHashMatches(fileId: string, salt: string, given: string): boolean {
  const want = Buffer.from(publicLinkHash(fileId, salt));
  const got = Buffer.from(given);
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * One `bytes=` range of a file of `size` bytes: null when absent or not a single range (the whole
 * file is sent), 'unsatisfiable' when it lies outside the file.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
