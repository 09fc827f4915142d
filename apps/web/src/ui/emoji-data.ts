// The full emoji set (emojibase, with Slack/iamcal short names as Mattermost uses), in a lazily
// loaded chunk of its own: only the picker, the `:` autocomplete and rarer :names: need it.
import compact from 'emojibase-data/en/compact.json';
import shortcodes from 'emojibase-data/en/shortcodes/iamcal.json';
import messages from 'emojibase-data/en/messages.json';

export interface EmojiEntry {
  /** The main short name (`+1`, `heart`), then any aliases. */
  names: string[];
  char: string;
  label: string;
  group: number;
  tags: string[];
}

interface Raw {
  hexcode: string;
  label: string;
  unicode: string;
  group?: number;
  order?: number;
  tags?: string[];
}

// The "component" group holds skin tones and hair pieces, not emoji anyone picks on their own.
const COMPONENT = 2;

export const GROUPS: Array<{ id: number; label: string }> = messages.groups
  .filter((g) => g.order !== COMPONENT)
  .map((g) => ({ id: g.order, label: g.message.replace(/^./, (c) => c.toUpperCase()) }));

const codes = shortcodes as Record<string, string | string[]>;

export const ALL: EmojiEntry[] = (compact as Raw[])
  .filter((e) => e.group !== undefined && e.group !== COMPONENT && codes[e.hexcode])
  .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
  .map((e) => {
    const code = codes[e.hexcode];
    return {
      names: Array.isArray(code) ? code : [code],
      char: e.unicode,
      label: e.label,
      group: e.group ?? 0,
      tags: e.tags ?? [],
    };
  });

export const BY_NAME = new Map<string, string>();
for (const e of ALL) for (const n of e.names) BY_NAME.set(n, e.char);

/** Emoji whose name starts with the term first, then names and labels that contain it. */
export function searchEmoji(term: string, limit = 50): EmojiEntry[] {
  const t = term.toLowerCase().replace(/^:/, '');
  if (!t) return ALL.slice(0, limit);
  const starts: EmojiEntry[] = [];
  const contains: EmojiEntry[] = [];
  for (const e of ALL) {
    if (e.names.some((n) => n.startsWith(t))) starts.push(e);
    else if (e.names.some((n) => n.includes(t)) || e.label.includes(t) || e.tags.includes(t))
      contains.push(e);
    if (starts.length >= limit) break;
  }
  return [...starts, ...contains].slice(0, limit);
}
