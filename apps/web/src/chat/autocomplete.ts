import { client } from '../api.ts';
import { channelTitle, displayName, get, set } from '../store.ts';
import { loadEmoji } from '../ui/emoji.ts';

export interface Suggestion {
  id: string;
  /** What replaces the typed term, e.g. "@bob ", "~town-square ", ":tada: ". */
  insert: string;
  label: string;
  detail: string;
  /** An emoji character or a channel sigil shown before the label. */
  icon: string;
}

export interface Trigger {
  kind: '@' | '~' | ':';
  term: string;
  /** Where the trigger character sits in the text. */
  start: number;
}

/** The `@`, `~` or `:` term that ends at the caret, if any (`:` needs two characters, as upstream). */
export function triggerAt(text: string, caret: number): Trigger | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)([@~:])([\w.+-]*)$/.exec(before);
  if (!m) return null;
  const kind = m[2] as Trigger['kind'];
  const term = m[3];
  if (kind === ':' && term.length < 2) return null;
  return { kind, term, start: caret - term.length - 1 };
}

const SPECIAL = [
  { name: 'here', detail: 'Notifies everyone online in this channel' },
  { name: 'channel', detail: 'Notifies everyone in this channel' },
  { name: 'all', detail: 'Notifies everyone in this channel' },
];

/** Suggestions for a trigger: people in the channel first, channels of the team, emoji by name. */
export async function suggest(trigger: Trigger, channelId: string): Promise<Suggestion[]> {
  const { term } = trigger;
  const s = get();
  const teamId = s.currentTeamId || s.channels[channelId]?.team_id || '';
  if (trigger.kind === '@') {
    const found = await client.autocompleteUsers(term, teamId, channelId, { limit: 20 });
    const users = [...found.users, ...(found.out_of_channel ?? [])].filter((u) => u.delete_at === 0);
    set((st) => ({ users: { ...st.users, ...Object.fromEntries(users.map((u) => [u.id, u])) } }));
    const people = users.map((u) => ({
      id: u.id,
      insert: `@${u.username} `,
      label: `@${u.username}`,
      detail: [displayName(u) !== u.username ? displayName(u) : '', u.nickname ? `(${u.nickname})` : '']
        .filter(Boolean)
        .join(' '),
      icon: '',
    }));
    const special = SPECIAL.filter((x) => term && x.name.startsWith(term.toLowerCase())).map((x) => ({
      id: x.name,
      insert: `@${x.name} `,
      label: `@${x.name}`,
      detail: x.detail,
      icon: '',
    }));
    return [...people, ...special].slice(0, 20);
  }
  if (trigger.kind === '~') {
    const found = teamId ? await client.autocompleteChannels(teamId, term) : [];
    return found
      .filter((c) => c.type === 'O' || c.type === 'P')
      .slice(0, 20)
      .map((c) => ({
        id: c.id,
        insert: `~${c.name} `,
        label: channelTitle(c as never, s),
        detail: `~${c.name}`,
        icon: c.type === 'P' ? '🔒' : '#',
      }));
  }
  const data = await loadEmoji();
  return data.searchEmoji(term, 20).map((e) => ({
    id: e.names[0],
    insert: `:${e.names[0]}: `,
    label: `:${e.names[0]}:`,
    detail: e.label,
    icon: e.char,
  }));
}
