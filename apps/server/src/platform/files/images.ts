import sharp, { type Metadata, type Sharp } from 'sharp';

// Image work runs in libvips' own threads; its operation cache would only hold memory for
// images we never see twice.
sharp.cache(false);

/** Mattermost's sizes: thumbnails fill a 120x100 box, previews are at most 1920 wide. */
export const THUMBNAIL_WIDTH = 120;
export const THUMBNAIL_HEIGHT = 100;
export const PREVIEW_WIDTH = 1920;
const MINI_PREVIEW_SIZE = 16;

/** Formats we decode; anything else (SVG above all: it can fetch and script) is stored as is. */
const DECODABLE = new Set(['jpeg', 'png', 'gif', 'webp', 'tiff']);

export interface ImageHeader {
  format: string;
  /** As displayed, i.e. after the EXIF orientation is applied. */
  width: number;
  height: number;
  hasAlpha: boolean;
  pages: number;
}

/**
 * The image's format and size, read from its header without decoding pixels, so a tiny file
 * declaring a huge canvas (a decompression bomb) costs nothing here. Null when not an image we decode.
 */
export async function readImageHeader(data: Buffer): Promise<ImageHeader | null> {
  let meta: Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch {
    return null;
  }
  if (!meta.format || !DECODABLE.has(meta.format) || !meta.width || !meta.height) return null;
  const size = meta.autoOrient ?? { width: meta.width, height: meta.height };
  return {
    format: meta.format,
    width: size.width,
    height: meta.pages && meta.pageHeight ? meta.pageHeight : size.height,
    hasAlpha: meta.hasAlpha === true,
    pages: meta.pages ?? 1,
  };
}

export interface Renditions {
  /** JPEG, or PNG when the image has transparency. */
  type: 'image/jpeg' | 'image/png';
  thumbnail: Buffer;
  preview: Buffer;
  miniPreview: Buffer | null;
}

function encode(img: Sharp, type: Renditions['type']): Promise<Buffer> {
  return type === 'image/png'
    ? img.png({ compressionLevel: 6 }).toBuffer()
    : img.flatten({ background: '#ffffff' }).jpeg({ quality: 90, mozjpeg: true }).toBuffer();
}

/**
 * Thumbnail, preview and mini preview of an image (first frame of an animation), upright per its
 * EXIF orientation. `maxPixels` bounds what libvips agrees to decode.
 */
export async function renditions(data: Buffer, header: ImageHeader, maxPixels: number): Promise<Renditions> {
  const type = header.hasAlpha ? 'image/png' : 'image/jpeg';
  const base = () => sharp(data, { limitInputPixels: maxPixels, pages: 1 }).autoOrient();
  const { width, height } = header;
  // As Mattermost: never enlarge; fit the box's height when the image is wider than it, else its width.
  let thumb = base();
  if (width >= THUMBNAIL_WIDTH && height >= THUMBNAIL_HEIGHT) {
    thumb =
      height / width < THUMBNAIL_HEIGHT / THUMBNAIL_WIDTH
        ? thumb.resize({ height: THUMBNAIL_HEIGHT })
        : thumb.resize({ width: THUMBNAIL_WIDTH });
  }
  let preview = base();
  if (width > PREVIEW_WIDTH) preview = preview.resize({ width: PREVIEW_WIDTH });
  const [thumbnail, previewData, miniPreview] = await Promise.all([
    encode(thumb, type),
    encode(preview, type),
    base()
      .resize(MINI_PREVIEW_SIZE, MINI_PREVIEW_SIZE, { fit: 'cover' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 75 })
      .toBuffer()
      .catch(() => null),
  ]);
  return { type, thumbnail, preview: previewData, miniPreview };
}

/**
 * An emoji image no larger than `max` px either way, animation kept for GIFs (sharp re-encodes
 * every frame). Images already small enough are kept byte for byte.
 */
export async function fitEmoji(
  data: Buffer,
  header: ImageHeader,
  max: number,
  maxPixels: number,
): Promise<Buffer> {
  if (header.width <= max && header.height <= max) return data;
  const animated = header.format === 'gif' && header.pages > 1;
  const img = sharp(data, { limitInputPixels: maxPixels, animated }).autoOrient().resize({
    width: max,
    height: max,
    fit: 'inside',
  });
  if (header.format === 'gif') return img.gif().toBuffer();
  if (header.format === 'png') return img.png().toBuffer();
  return img.jpeg({ quality: 90 }).toBuffer();
}
