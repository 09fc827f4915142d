import { create } from 'zustand';
import type { UserProfile } from '@mattermost/types/users';
import type { Team } from '@mattermost/types/teams';
import type { ChannelMembership, ServerChannel } from '@mattermost/types/channels';
import type { ChannelCategory } from '@mattermost/types/channel_categories';
import type { Post } from '@mattermost/types/posts';
import type { Reaction } from '@mattermost/types/reactions';

export type Theme = 'light' | 'dark';

/**
 * Everything the app knows, normalized by id in @mattermost/types shapes. Components select the
 * slices they need; the functions in data.ts and realtime.ts are the only writers.
 */
export interface State {
  config: Record<string, string>;
  me: UserProfile | null;
  users: Record<string, UserProfile>;
  teams: Record<string, Team>;
  myTeamIds: string[];
  channels: Record<string, ServerChannel>;
  /** My membership of each channel, by channel id. */
  members: Record<string, ChannelMembership>;
  categories: Record<string, ChannelCategory[]>;
  memberCounts: Record<string, number>;
  posts: Record<string, Post>;
  /** Root posts of a channel, oldest first. */
  order: Record<string, string[]>;
  hasOlder: Record<string, boolean>;
  /** Replies of a thread, oldest first. */
  replies: Record<string, string[]>;
  reactions: Record<string, Reaction[]>;
  /** Pending post ids whose send failed (shown with a retry button). */
  failed: Record<string, true>;
  /** channel id → user id → when the indicator expires (ms). */
  typing: Record<string, Record<string, number>>;
  currentTeamId: string;
  currentChannelId: string;
  threadRootId: string | null;
  /** The right-hand panel when it shows something other than a thread. */
  panel: 'members' | 'pinned' | 'saved' | null;
  /** My preferences (Mattermost's roaming settings), keyed "category:name". */
  preferences: Record<string, string>;
  /** channel id → my last_viewed_at when I opened it: the new-messages line goes above later posts. */
  unreadFrom: Record<string, number>;
  /** A post to scroll to and highlight (a permalink or a pinned/saved message). */
  highlightId: string | null;
  /** Bumped when the full emoji dataset has loaded, so messages re-render their :names:. */
  emojiVersion: number;
  /** Whether this tab is visible and focused (a post in the open channel then counts as read). */
  focused: boolean;
  settingsOpen: boolean;
  /** Followed threads with unread replies in the current team. */
  unreadThreads: number;
  /** Bumped by thread events so that the Threads view refetches. */
  threadsVersion: number;
  /** Presence by user id: online, away, dnd or offline. */
  statuses: Record<string, string>;
  /** The post whose message is being edited in place. */
  editingId: string | null;
  theme: Theme;
  connected: boolean;
}

function initialTheme(): Theme {
  const saved = localStorage.getItem('parley.theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const emptyState = (): Omit<State, 'config' | 'theme' | 'emojiVersion' | 'focused'> => ({
  me: null,
  users: {},
  teams: {},
  myTeamIds: [],
  channels: {},
  members: {},
  categories: {},
  memberCounts: {},
  posts: {},
  order: {},
  hasOlder: {},
  replies: {},
  reactions: {},
  failed: {},
  typing: {},
  currentTeamId: '',
  currentChannelId: '',
  threadRootId: null,
  panel: null,
  preferences: {},
  unreadFrom: {},
  highlightId: null,
  settingsOpen: false,
  unreadThreads: 0,
  threadsVersion: 0,
  statuses: {},
  editingId: null,
  connected: false,
});

export const useStore = create<State>(() => ({
  ...emptyState(),
  config: {},
  theme: initialTheme(),
  emojiVersion: 0,
  focused: document.visibilityState === 'visible' && document.hasFocus(),
}));

export const get = useStore.getState;
export const set = useStore.setState;

export function byId<T extends { id: string }>(list: T[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of list) out[item.id] = item;
  return out;
}

/** A person's name as the app shows it: full name when set, else the username. */
export function displayName(user: UserProfile | undefined): string {
  if (!user) return 'Someone';
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return full || user.username;
}

/** Whether a user holds the system admin role (which carries manage_system). */
export function isSystemAdmin(user: UserProfile | null | undefined): boolean {
  return Boolean(user?.roles.split(' ').includes('system_admin'));
}

/** The other user of a DM channel (its name is "<id>__<id>"). */
export function dmPartnerId(channel: ServerChannel, myId: string): string {
  const [a, b] = channel.name.split('__');
  return a === myId ? b : a;
}

export function channelTitle(channel: ServerChannel | undefined, s: State): string {
  if (!channel) return '';
  if (channel.type === 'D' && s.me) {
    const other = s.users[dmPartnerId(channel, s.me.id)];
    return other ? displayName(other) : 'Direct message';
  }
  return channel.display_name || channel.name;
}

/** Unread and mention state of a channel, with collapsed threads (root posts only). */
export function unreadOf(s: State, channelId: string): { unread: boolean; mentions: number } {
  const channel = s.channels[channelId];
  const member = s.members[channelId];
  if (!channel || !member) return { unread: false, mentions: 0 };
  const total = channel.total_msg_count_root ?? channel.total_msg_count;
  const read = member.msg_count_root ?? member.msg_count;
  const mentions = member.mention_count_root ?? member.mention_count;
  const muted = member.notify_props?.mark_unread === 'mention';
  return { unread: !muted && total > read, mentions };
}
