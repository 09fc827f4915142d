import { SYSTEM_EMOJI_NAMES } from './system-names.ts';

/** Custom emoji rules (Mattermost's model/emoji.go and app/emoji.go). */

export const EMOJI_NAME_MAX_LENGTH = 64;
/** Upload size limit (app.MaxEmojiFileSize). */
export const MAX_EMOJI_FILE_SIZE = 1 << 20;
/** Stored images fit 128x128; originals over 1028 px either way are refused. */
export const MAX_EMOJI_SIZE = 128;
export const MAX_EMOJI_ORIGINAL_SIZE = 1028;
export const MAX_AUTOCOMPLETE = 100;
export const MAX_NAMES = 200;

const NAME = /^[a-zA-Z0-9\-+_]+$/;

export function isSystemEmojiName(name: string): boolean {
  return SYSTEM_EMOJI_NAMES.has(name);
}

/** A valid custom emoji name: 1–64 of letters, digits, '-', '+', '_', and not a system emoji's. */
export function isValidEmojiName(name: string): boolean {
  return (
    name.length > 0 && name.length <= EMOJI_NAME_MAX_LENGTH && NAME.test(name) && !isSystemEmojiName(name)
  );
}

export const emojiImagePath = (id: string) => `emoji/${id}/image`;
