/** Sidebar category rules (Mattermost's model/channel_sidebar.go), as pure functions. */

export const FAVORITES = 'favorites';
export const CHANNELS = 'channels';
export const DIRECT_MESSAGES = 'direct_messages';
export const CUSTOM = 'custom';

export const SORTINGS = new Set(['', 'alpha', 'recent', 'manual']);

/** Ids of the default categories follow Mattermost's `<type>_<userId>_<teamId>`. */
export function defaultCategoryId(type: string, userId: string, teamId: string): string {
  return `${type}_${userId}_${teamId}`;
}

export function defaultCategories(userId: string, teamId: string) {
  const base = { user_id: userId, team_id: teamId, muted: false, collapsed: false };
  return [
    {
      ...base,
      id: defaultCategoryId(FAVORITES, userId, teamId),
      type: FAVORITES,
      display_name: 'Favorites',
      sorting: '',
      sort_order: 0,
    },
    {
      ...base,
      id: defaultCategoryId(CHANNELS, userId, teamId),
      type: CHANNELS,
      display_name: 'Channels',
      sorting: '',
      sort_order: 10,
    },
    {
      ...base,
      id: defaultCategoryId(DIRECT_MESSAGES, userId, teamId),
      type: DIRECT_MESSAGES,
      display_name: 'Direct Messages',
      sorting: 'recent',
      sort_order: 20,
    },
  ];
}

export function categoryNameProblem(name: string): string | null {
  const length = [...name.trim()].length;
  if (length < 1 || length > 64) return 'Category name must be 1 to 64 characters.';
  return null;
}

/**
 * Where each channel shows: an explicit placement wins; the rest go to Channels (team channels)
 * or Direct Messages (DMs and GMs, which have no team). Returns channel ids per category id.
 */
export function placeChannels(
  categories: { id: string; type: string }[],
  assignments: { category_id: string; channel_id: string }[],
  channels: { id: string; team_id: string }[],
): Map<string, string[]> {
  const out = new Map<string, string[]>(categories.map((c) => [c.id, []]));
  const member = new Set(channels.map((c) => c.id));
  const placed = new Set<string>();
  for (const a of assignments) {
    const list = out.get(a.category_id);
    if (!list || !member.has(a.channel_id) || placed.has(a.channel_id)) continue;
    list.push(a.channel_id);
    placed.add(a.channel_id);
  }
  const channelsCat = categories.find((c) => c.type === CHANNELS);
  const dmCat = categories.find((c) => c.type === DIRECT_MESSAGES);
  for (const ch of channels) {
    if (placed.has(ch.id)) continue;
    const target = ch.team_id === '' ? dmCat : channelsCat;
    if (target) out.get(target.id)?.push(ch.id);
  }
  return out;
}
