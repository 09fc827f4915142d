import type { ChannelCategory } from '@mattermost/types/channel_categories';
import type { ServerChannel } from '@mattermost/types/channels';
import { channelTitle, type State } from '../store.ts';

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

/** Every sidebar channel of the current team, top to bottom (Alt+Up/Down walks it). */
export function sidebarChannels(s: State): ServerChannel[] {
  const seen = new Set<string>();
  const out: ServerChannel[] = [];
  for (const category of s.categories[s.currentTeamId] ?? []) {
    for (const c of sortChannels(category.channel_ids, s, category)) {
      if (!seen.has(c.id) && s.members[c.id]) {
        seen.add(c.id);
        out.push(c);
      }
    }
  }
  return out;
}
