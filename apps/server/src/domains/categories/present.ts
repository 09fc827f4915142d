import type { CategoryRow } from './store.ts';

/** SidebarCategoryWithChannels JSON. */
export function presentCategory(c: CategoryRow, channelIds: string[]) {
  return {
    id: c.id,
    user_id: c.user_id,
    team_id: c.team_id,
    sort_order: c.sort_order,
    sorting: c.sorting,
    type: c.type,
    display_name: c.display_name,
    muted: c.muted,
    collapsed: c.collapsed,
    channel_ids: channelIds,
  };
}

export type CategoryJson = ReturnType<typeof presentCategory>;
