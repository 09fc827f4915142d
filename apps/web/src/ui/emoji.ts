import { get, set } from '../store.ts';
import type * as EmojiDataModule from './emoji-data.ts';

/** Common emoji by their Mattermost names: known at once, before the full set has loaded. */
export const EMOJI: Record<string, string> = {
  '+1': '👍',
  thumbsup: '👍',
  '-1': '👎',
  heart: '❤️',
  smile: '😄',
  joy: '😂',
  tada: '🎉',
  eyes: '👀',
  white_check_mark: '✅',
  pray: '🙏',
  fire: '🔥',
  rocket: '🚀',
  thinking: '🤔',
  '100': '💯',
  wave: '👋',
  clap: '👏',
  slightly_smiling_face: '🙂',
  wink: '😉',
  cry: '😢',
  ok_hand: '👌',
};

/** The picker's "frequently used" row, shown before the full set has loaded. */
export const PICKER = [
  '+1',
  'heart',
  'joy',
  'tada',
  'eyes',
  'white_check_mark',
  'pray',
  'fire',
  'rocket',
  'thinking',
];

type EmojiData = typeof EmojiDataModule;
let full: EmojiData | null = null;
let loading: Promise<EmojiData> | null = null;

/** Loads the full emoji set once; messages re-render when it arrives (emojiVersion). */
export function loadEmoji(): Promise<EmojiData> {
  loading ??= import('./emoji-data.ts').then((mod) => {
    full = mod;
    set({ emojiVersion: get().emojiVersion + 1 });
    return mod;
  });
  return loading;
}

/** The character of a short name, or undefined when unknown (or not loaded yet: the load starts). */
export function lookupEmoji(name: string): string | undefined {
  const known = EMOJI[name] ?? full?.BY_NAME.get(name);
  if (!known && !full) void loadEmoji().catch(() => undefined);
  return known;
}

export function emojiChar(name: string): string {
  return lookupEmoji(name) ?? `:${name}:`;
}
