import type { ChannelCategory } from '@mattermost/types/channel_categories';
import type { ServerChannel } from '@mattermost/types/channels';
import { dmLimit, showUnreadSection } from '../prefs.ts';
import { channelTitle, unreadOf, type State } from '../store.ts';

/** The channels of a category in the order the sidebar shows them (archived ones hidden). */
export function sortChannels(ids: string[], s: State, category: ChannelCategory): ServerChannel[] {
  const channels = ids
    .map((id) => s.channels[id])
    .filter((c): c is ServerChannel => Boolean(c) && c.delete_at === 0);
  if (category.sorting === 'manual') return channels;
  if (category.sorting === 'recent' || category.type === 'direct_messages') {
    return channels.sort((a, b) => b.last_post_at - a.last_post_at);
  }
  return channels.sort((a, b) => channelTitle(a, s).localeCompare(channelTitle(b, s)));
}

/** A block of the sidebar: one of my categories, or the "Unreads" group my preferences ask for. */
export interface SidebarSection {
  id: string;
  display_name: string;
  type: ChannelCategory['type'] | 'unreads';
  channels: ServerChannel[];
}

const isUnread = (s: State, id: string) => {
  const { unread, mentions } = unreadOf(s, id);
  return unread || mentions > 0;
};

/**
 * The sidebar as my sidebar preferences shape it: with "group unread channels separately", unread
 * channels leave their category for an Unreads section on top (the open one stays where it is, so
 * it does not jump away as it is read); direct and group messages are limited to the most recent
 * ones, keeping the open and unread ones (as Mattermost does).
 */
export function sidebarSections(s: State, unlimited = false): SidebarSection[] {
  const categories = s.categories[s.currentTeamId] ?? [];
  const grouped = showUnreadSection(s);
  const limit = unlimited ? Infinity : dmLimit(s);
  const unreads: ServerChannel[] = [];
  const sections: SidebarSection[] = categories.map((category) => {
    let channels = sortChannels(category.channel_ids, s, category);
    if (grouped) {
      const moved = channels.filter((c) => c.id !== s.currentChannelId && isUnread(s, c.id));
      unreads.push(...moved.filter((c) => !unreads.some((u) => u.id === c.id)));
      channels = channels.filter((c) => !moved.includes(c));
    }
    if (category.type === 'direct_messages') {
      channels = channels.filter((c, i) => i < limit || c.id === s.currentChannelId || isUnread(s, c.id));
    }
    return { id: category.id, display_name: category.display_name, type: category.type, channels };
  });
  if (!grouped) return sections;
  unreads.sort((a, b) => b.last_post_at - a.last_post_at);
  return [{ id: 'unreads', display_name: 'Unreads', type: 'unreads', channels: unreads }, ...sections];
}

/**
 * Every sidebar channel of the current team, top to bottom: the visible ones for Alt+Up/Down, or
 * with `all` also the direct messages beyond the limit (the channel switcher finds those too).
 */
export function sidebarChannels(s: State, all = false): ServerChannel[] {
  const seen = new Set<string>();
  const out: ServerChannel[] = [];
  for (const section of sidebarSections(s, all)) {
    for (const c of section.channels) {
      if (!seen.has(c.id) && s.members[c.id]) {
        seen.add(c.id);
        out.push(c);
      }
    }
  }
  return out;
}
