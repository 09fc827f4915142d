import type { App, Session } from '../../app.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  AppError,
  badRequest,
  forbidden,
  invalidParam,
  notFound,
  notImplemented,
} from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { fileBackend } from '../../platform/files/backend.ts';
import { fitEmoji, readImageHeader } from '../../platform/files/images.ts';
import { newId } from '../../platform/ids.ts';
import * as policy from './policy.ts';
import { presentEmoji } from './present.ts';
import * as store from './store.ts';

/** Custom emoji (Mattermost's api4/emoji.go, app/emoji.go). */

/** A user's teams looked at for a team-granted emoji permission. */
const MAX_TEAMS = 1000;

export const emojiNotFound = () => notFound('app.emoji.get.no_result', 'Unable to find the emoji.');

export function requireEmojiEnabled(app: App): void {
  if (!app.config.get().ServiceSettings.EnableCustomEmoji)
    throw notImplemented(
      'api.emoji.disabled.app_error',
      'Custom emoji have been disabled by the system admin.',
    );
}

export const emojiTooLarge = () =>
  new AppError(
    'api.emoji.create.too_large.app_error',
    'Unable to create emoji. Image must be less than 1 MB in size.',
    413,
  );

/** Emoji permissions are granted system-wide or by any one of the user's teams, as upstream. */
async function hasEmojiPermission(app: App, session: Session, permission: string): Promise<boolean> {
  if (hasPermissionToSystem(app, session, permission)) return true;
  const teamRoles = await store.listTeamRolesOfUser(app.db, session.userId, MAX_TEAMS);
  return teamRoles.some((roles) => app.roles.grants(roles, permission));
}

/** Refusals that need no image: feature off, permission, creator, name. Run before reading the upload. */
export async function checkCreate(app: App, session: Session, input: unknown): Promise<{ name: string }> {
  requireEmojiEnabled(app);
  if (!(await hasEmojiPermission(app, session, 'create_emojis'))) throw forbidden();
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalidParam('emoji');
  const { name, creator_id: creatorId } = input as Record<string, unknown>;
  if (creatorId !== session.userId)
    throw forbidden('api.emoji.create.other_user.app_error', 'Invalid user id.');
  if (typeof name !== 'string' || !policy.isValidEmojiName(name))
    throw badRequest(
      'model.emoji.name.app_error',
      'Name must be 1 to 64 lowercase alphanumeric characters, and not a system emoji.',
    );
  if (await store.findEmojiByName(app.db, name)) throw duplicate(name);
  return { name };
}

const duplicate = (name: string) =>
  badRequest(
    'api.emoji.create.duplicate.app_error',
    `Unable to create emoji. Another emoji with the name ${name} exists.`,
  );

const badImage = () =>
  badRequest('api.emoji.upload.image.app_error', 'Unable to create emoji. File must be a PNG, JPEG, or GIF.');

/** POST /emoji once the upload is read: checks and fits the image, stores it, records the emoji. */
export async function createEmoji(app: App, session: Session, name: string, image: Buffer) {
  const header = await readImageHeader(image);
  if (!header || !['gif', 'png', 'jpeg'].includes(header.format)) throw badImage();
  if (header.width > policy.MAX_EMOJI_ORIGINAL_SIZE || header.height > policy.MAX_EMOJI_ORIGINAL_SIZE)
    throw badRequest(
      'api.emoji.upload.large_image.too_large.app_error',
      `Unable to create emoji. Image must be at most ${policy.MAX_EMOJI_ORIGINAL_SIZE} by ${policy.MAX_EMOJI_ORIGINAL_SIZE} pixels.`,
    );
  const settings = app.config.get().FileSettings;
  let fitted: Buffer;
  try {
    fitted = await fitEmoji(image, header, policy.MAX_EMOJI_SIZE, settings.MaxImageResolution);
  } catch {
    throw badImage();
  }
  const now = Date.now();
  const row = { id: newId(), create_at: now, update_at: now, delete_at: 0, creator_id: session.userId, name };
  await fileBackend(settings).put(policy.emojiImagePath(row.id), fitted, `image/${header.format}`);
  try {
    await store.insertEmoji(app.db, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(name);
    throw err;
  }
  const emoji = presentEmoji(row);
  app.events.publish({ event: 'emoji_added', data: { emoji: JSON.stringify(emoji) }, broadcast: {} });
  return emoji;
}

export async function getEmoji(app: App, id: string) {
  requireEmojiEnabled(app);
  const emoji = await store.findEmoji(app.db, id);
  if (!emoji) throw emojiNotFound();
  return emoji;
}

export async function getEmojiByName(app: App, name: string) {
  requireEmojiEnabled(app);
  const emoji = policy.isValidEmojiName(name) ? await store.findEmojiByName(app.db, name) : undefined;
  if (!emoji) throw emojiNotFound();
  return emoji;
}

export async function getEmojiByNames(app: App, names: unknown) {
  requireEmojiEnabled(app);
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) throw invalidParam('names');
  if (names.length > policy.MAX_NAMES)
    throw badRequest(
      'api.emoji.get_multiple_by_name.too_many_names.app_error',
      `Unable to get emojis by name. Can only request up to ${policy.MAX_NAMES} names at a time.`,
    );
  return store.findEmojiByNames(app.db, [...new Set(names as string[])]);
}

export async function listEmoji(app: App, sort: string, offset: number, limit: number) {
  requireEmojiEnabled(app);
  return store.listEmoji(app.db, sort === 'name' ? 'name' : 'create_at', offset, limit);
}

export async function searchEmoji(app: App, input: unknown, limit: number) {
  requireEmojiEnabled(app);
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (typeof body.term !== 'string' || body.term.trim() === '') throw invalidParam('term');
  return store.searchEmoji(app.db, body.term.trim(), body.prefix_only === true, limit);
}

export async function autocompleteEmoji(app: App, name: string) {
  requireEmojiEnabled(app);
  if (name === '') throw invalidParam('name');
  return store.searchEmoji(app.db, name, true, policy.MAX_AUTOCOMPLETE);
}

export async function emojiImage(app: App, id: string): Promise<Buffer> {
  const emoji = await getEmoji(app, id);
  try {
    return await fileBackend(app.config.get().FileSettings).read(policy.emojiImagePath(emoji.id));
  } catch {
    throw notFound('api.emoji.get_image.read.app_error', 'Unable to read image file for emoji.');
  }
}

/** DELETE /emoji/{id}: one's own with delete_emojis, someone else's also with delete_others_emojis. */
export async function deleteEmoji(app: App, session: Session, id: string) {
  requireEmojiEnabled(app);
  const emoji = await store.findEmoji(app.db, id);
  if (!emoji) throw emojiNotFound();
  if (!(await hasEmojiPermission(app, session, 'delete_emojis'))) throw forbidden();
  if (
    emoji.creator_id !== session.userId &&
    !(await hasEmojiPermission(app, session, 'delete_others_emojis'))
  )
    throw forbidden();
  await store.softDeleteEmoji(app.db, emoji.id, Date.now());
  await fileBackend(app.config.get().FileSettings).remove(policy.emojiImagePath(emoji.id));
  return emoji;
}
