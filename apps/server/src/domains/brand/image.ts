import sharp from 'sharp';

/** Decoding and re-encoding an uploaded brand image (Mattermost's app/brand.go SaveBrandImage). */

/** Formats accepted as a brand image; SVG above all is refused (it can fetch and script). */
const ACCEPTED = new Set(['jpeg', 'png', 'gif', 'webp', 'tiff']);

export type BrandImageResult =
  { ok: true; png: Buffer } | { ok: false; reason: 'not_an_image' | 'too_many_pixels' };

/**
 * The upload decoded and written out again as PNG, as upstream stores it: what is served is always
 * a PNG the server produced, never the client's bytes. The header is read first so a small file
 * declaring a huge canvas is refused before any pixel is decoded.
 */
export async function toBrandPng(data: Buffer, maxPixels: number): Promise<BrandImageResult> {
  let width: number;
  let height: number;
  try {
    const meta = await sharp(data, { limitInputPixels: false }).metadata();
    if (!meta.format || !ACCEPTED.has(meta.format)) return { ok: false, reason: 'not_an_image' };
    width = meta.width ?? 0;
    height = meta.pageHeight ?? meta.height ?? 0;
  } catch {
    return { ok: false, reason: 'not_an_image' };
  }
  if (width < 1 || height < 1) return { ok: false, reason: 'not_an_image' };
  if (width * height > maxPixels) return { ok: false, reason: 'too_many_pixels' };
  try {
    const png = await sharp(data, { limitInputPixels: maxPixels, pages: 1 }).autoOrient().png().toBuffer();
    return { ok: true, png };
  } catch {
    return { ok: false, reason: 'not_an_image' };
  }
}
