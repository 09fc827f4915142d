import type { App, Session } from '../../app.ts';
import { AppError, badRequest, notFound } from '../../errors/app-error.ts';
import { requireSystemPermission } from '../../permissions/authorize.ts';
import { fileBackend } from '../../platform/files/backend.ts';
import { toBrandPng } from './image.ts';

/** The custom brand image (Mattermost's api4/brand.go, app/brand.go). */

/** Where the image lives in the file store, as upstream (so a migrated store keeps it). */
export const BRAND_IMAGE_PATH = 'brand/image.png';

/**
 * A logo needs no more than this; it bounds what one admin request makes the server buffer and
 * decode, below FileSettings.MaxFileSize (upstream's only bound, 100 MB by default).
 */
export const MAX_BRAND_IMAGE_BYTES = 10 * 1024 * 1024;

/** Upstream grants this to system admins (the System Console's Site Configuration > Customization). */
const EDIT_BRAND = 'sysconsole_write_site_customization';

export const brandImageLimit = (app: App) =>
  Math.min(MAX_BRAND_IMAGE_BYTES, app.config.get().FileSettings.MaxFileSize);

export const brandTooLarge = () =>
  new AppError(
    'api.admin.upload_brand_image.too_large.app_error',
    'Unable to upload file. File is too large.',
    413,
  );

export const noBrandFile = () =>
  badRequest('api.admin.upload_brand_image.no_file.app_error', 'No file under "image" in request.');

export const unreadableForm = () =>
  badRequest('api.admin.upload_brand_image.parse.app_error', 'Unable to parse the multipart form.');

/** Checked before the upload is read, so a refused caller costs no buffering. */
export function requireEditBrand(app: App, session: Session): void {
  requireSystemPermission(app, session, EDIT_BRAND);
}

/** POST /brand/image once the upload is read: only a decodable image is kept, re-encoded as PNG. */
export async function saveBrandImage(app: App, session: Session, data: Buffer): Promise<void> {
  requireEditBrand(app, session);
  const settings = app.config.get().FileSettings;
  const result = await toBrandPng(data, settings.MaxImageResolution);
  if (!result.ok && result.reason === 'too_many_pixels')
    throw badRequest(
      'brand.save_brand_image.check_image_limits.app_error',
      'The image is larger than the maximum resolution allowed.',
    );
  if (!result.ok)
    throw badRequest('brand.save_brand_image.decode.app_error', 'Unable to decode the image data.');
  await fileBackend(settings).put(BRAND_IMAGE_PATH, result.png, 'image/png');
}

const noBrandImage = () => notFound('api.file.read_file.app_error', 'No brand image has been uploaded.');

/** GET /brand/image: anyone may read it (the login page shows it before anyone signs in). */
export async function readBrandImage(app: App): Promise<Buffer> {
  try {
    return await fileBackend(app.config.get().FileSettings).read(BRAND_IMAGE_PATH);
  } catch {
    throw noBrandImage();
  }
}

export async function deleteBrandImage(app: App, session: Session): Promise<void> {
  requireEditBrand(app, session);
  const backend = fileBackend(app.config.get().FileSettings);
  if ((await backend.size(BRAND_IMAGE_PATH)) === null)
    throw notFound('api.admin.delete_brand_image.storage.not_found', 'Unable to find the brand image.');
  await backend.remove(BRAND_IMAGE_PATH);
}
