import type { PreferenceType } from '@mattermost/types/preferences';
import { client } from './api.ts';
import { get, set, type State, type Theme } from './store.ts';

// Mattermost's preference categories and names, so settings roam between Parley and other clients.
export const DISPLAY = 'display_settings';
export const FLAGGED = 'flagged_post';
export const THEME = 'theme';
export const SIDEBAR = 'sidebar_settings';

const key = (category: string, name: string) => `${category}:${name}`;

export function pref(s: State, category: string, name: string, fallback = ''): string {
  return s.preferences[key(category, name)] ?? fallback;
}

export const clock24 = (s: State) => pref(s, DISPLAY, 'use_military_time') === 'true';
export const compactDisplay = (s: State) => pref(s, DISPLAY, 'message_display') === 'compact';
/** Mattermost's "Group unread channels separately" (off unless chosen). */
export const showUnreadSection = (s: State) => pref(s, SIDEBAR, 'show_unread_section') === 'true';
/** How many direct and group messages the sidebar lists (Mattermost's default is 40; 10000 means all). */
export const DM_LIMITS = ['10', '15', '20', '40', '10000'] as const;
export const dmLimit = (s: State) => {
  const n = Number(pref(s, SIDEBAR, 'limit_visible_dms_gms', '40'));
  return Number.isFinite(n) && n > 0 ? n : 40;
};
export const isSaved = (s: State, postId: string) => pref(s, FLAGGED, postId) === 'true';

// Mattermost's built-in dark themes; any other theme type counts as light.
const DARK_TYPES = new Set(['Onyx', 'Indigo']);

function themeOf(value: string | undefined): Theme | null {
  if (!value) return null;
  try {
    const type = (JSON.parse(value) as { type?: string }).type ?? '';
    return DARK_TYPES.has(type) ? 'dark' : 'light';
  } catch {
    return null;
  }
}

/** Applies preferences from the server (a load or a `preferences_changed` event). */
export function applyPreferences(list: PreferenceType[], deleted = false): void {
  set((s) => {
    const preferences = { ...s.preferences };
    for (const p of list) {
      if (deleted) delete preferences[key(p.category, p.name)];
      else preferences[key(p.category, p.name)] = p.value ?? '';
    }
    const theme = themeOf(preferences[key(THEME, '')]) ?? s.theme;
    localStorage.setItem('parley.theme', theme);
    return { preferences, theme };
  });
}

export async function loadPreferences(): Promise<void> {
  applyPreferences((await client.getMyPreferences()) as unknown as PreferenceType[]);
}

export async function savePreferences(entries: Array<[string, string, string]>): Promise<void> {
  const me = get().me;
  if (!me) return;
  const list = entries.map(([category, name, value]) => ({ user_id: me.id, category, name, value }));
  applyPreferences(list);
  await client.savePreferences(me.id, list);
}

export async function deletePreference(category: string, name: string): Promise<void> {
  const me = get().me;
  if (!me) return;
  const list = [{ user_id: me.id, category, name, value: '' }];
  applyPreferences(list, true);
  await client.deletePreferences(me.id, list);
}

export function saveTheme(theme: Theme): Promise<void> {
  return savePreferences([[THEME, '', JSON.stringify({ type: theme === 'dark' ? 'Onyx' : 'Denim' })]]);
}

/**
 * Saved flags are applied once the server has them, not before like other preferences: the Saved
 * messages panel refetches on a change, and must not read the list before the change is in it.
 */
export async function toggleSaved(postId: string): Promise<void> {
  const me = get().me;
  if (!me) return;
  const removing = isSaved(get(), postId);
  const list = [{ user_id: me.id, category: FLAGGED, name: postId, value: removing ? '' : 'true' }];
  if (removing) await client.deletePreferences(me.id, list);
  else await client.savePreferences(me.id, list);
  applyPreferences(list, removing);
}
