import type { Post } from '@mattermost/types/posts';
import type { UserProfile } from '@mattermost/types/users';
import type { Reaction } from '@mattermost/types/reactions';
import type { WebSocketMessage } from '@mattermost/client';
import { background, client, socket, socketUrl } from './api.ts';
import {
  loadChannelPosts,
  loadMyTeams,
  loadTeamSidebar,
  loadMemberCount,
  loadMissingUsers,
  loadThread,
  markViewed,
  mergePosts,
} from './data.ts';
import { applyReaction, removePost } from './posting.ts';
import { forgetStatuses, setStatus, startStatusPolling, stopStatusPolling } from './presence.ts';
import { applyPreferences, loadPreferences } from './prefs.ts';
import { notifyPost } from './notify.ts';
import { get, set } from './store.ts';
import type { PreferenceType } from '@mattermost/types/preferences';

const TYPING_MS = 5000;

let started = false;
const counted = new Set<string>();

/** Opens the websocket (cookie auth) and keeps the store in step with the server's events. */
export function startRealtime(): void {
  if (started) return;
  started = true;
  socket.addMessageListener(onEvent);
  socket.addFirstConnectListener(() => set({ connected: true }));
  // After a reconnect the server replays what it still has; when it reports missed events (or
  // the replay window is gone) the REST state is fetched again.
  socket.addReconnectListener(() => {
    set({ connected: true });
    void resync();
  });
  socket.addMissedMessageListener(() => void resync());
  socket.addCloseListener((failCount) => {
    set({ connected: false });
    // A socket that keeps failing may mean the session ended: one REST call finds out (a 401
    // sends the user to the login page) instead of retrying forever.
    if (failCount >= 1) background(client.getMe());
  });
  socket.initialize(socketUrl());
  startStatusPolling();
}

export function stopRealtime(): void {
  if (!started) return;
  started = false;
  socket.removeMessageListener(onEvent);
  stopStatusPolling();
  socket.close();
}

async function resync(): Promise<void> {
  forgetStatuses();
  const { currentTeamId, currentChannelId, threadRootId } = get();
  await loadMyTeams().catch(() => undefined);
  await loadPreferences().catch(() => undefined);
  if (currentTeamId) await loadTeamSidebar(currentTeamId).catch(() => undefined);
  if (currentChannelId) await loadChannelPosts(currentChannelId).catch(() => undefined);
  if (threadRootId) await loadThread(threadRootId).catch(() => undefined);
}

function parse<T>(value: unknown): T | null {
  if (typeof value !== 'string') return (value as T) ?? null;
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
}

function onEvent(msg: WebSocketMessage): void {
  const data = (msg.data ?? {}) as Record<string, unknown>;
  const channelId = (msg.broadcast?.channel_id as string) || (data.channel_id as string) || '';
  switch (msg.event as string) {
    case 'posted':
      onPosted(parse<Post>(data.post), data);
      break;
    case 'post_edited': {
      const post = parse<Post>(data.post);
      if (post && get().posts[post.id]) mergePosts([post], { full: true });
      break;
    }
    case 'post_deleted': {
      const post = parse<Post>(data.post);
      if (post) removePost(post.id);
      break;
    }
    case 'reaction_added':
    case 'reaction_removed': {
      const reaction = parse<Reaction>(data.reaction);
      if (reaction) applyReaction(reaction, msg.event === 'reaction_added');
      break;
    }
    case 'thread_updated':
    case 'thread_read_changed':
    case 'thread_follow_changed':
      set((s) => ({ threadsVersion: s.threadsVersion + 1 }));
      break;
    case 'status_change':
      if (typeof data.user_id === 'string' && typeof data.status === 'string')
        setStatus(data.user_id, data.status);
      break;
    case 'typing':
      onTyping(channelId, data.user_id as string);
      break;
    case 'channel_viewed':
    case 'multiple_channels_viewed':
      // Read in another tab or device: the sidebar follows.
      void refreshSidebar();
      break;
    case 'channel_created':
    case 'channel_updated':
    case 'channel_deleted':
    case 'channel_restored':
    case 'direct_added':
    case 'group_added':
    case 'user_added':
    case 'user_removed':
    case 'channel_member_updated':
    case 'sidebar_category_created':
    case 'sidebar_category_updated':
    case 'sidebar_category_deleted':
    case 'sidebar_category_order_updated':
      void refreshSidebar();
      break;
    case 'added_to_team':
    case 'leave_team':
      background(loadMyTeams());
      break;
    case 'preferences_changed':
    case 'preferences_deleted': {
      const list = parse<PreferenceType[]>(data.preferences);
      if (list) applyPreferences(list, msg.event === 'preferences_deleted');
      break;
    }
    case 'user_updated': {
      const user = parse<UserProfile>(data.user);
      if (user?.id)
        set((s) => ({ users: { ...s.users, [user.id]: user }, me: s.me?.id === user.id ? user : s.me }));
      break;
    }
    default:
      break;
  }
}

let sidebarTimer: ReturnType<typeof setTimeout> | null = null;
function refreshSidebar(): Promise<void> {
  // Several events often arrive together (a DM creates a channel, a member and a category change).
  if (sidebarTimer) clearTimeout(sidebarTimer);
  return new Promise((resolve) => {
    sidebarTimer = setTimeout(() => {
      sidebarTimer = null;
      const { currentTeamId, currentChannelId } = get();
      if (currentTeamId) background(loadTeamSidebar(currentTeamId));
      if (currentChannelId) background(loadMemberCount(currentChannelId));
      resolve();
    }, 150);
  });
}

function onPosted(post: Post | null, data: Record<string, unknown>): void {
  if (!post) return;
  if (post.root_id) set((st) => ({ threadsVersion: st.threadsVersion + 1 }));
  const s = get();
  const me = s.me;
  const channel = s.channels[post.channel_id];
  if (!channel) {
    // A channel we do not know yet (a new DM): fetch the sidebar, which includes it.
    void refreshSidebar();
    return;
  }
  if (s.order[post.channel_id] || (post.root_id && s.replies[post.root_id])) mergePosts([post]);
  set((st) => {
    const next = { ...st.typing };
    if (next[post.channel_id]) {
      next[post.channel_id] = { ...next[post.channel_id] };
      delete next[post.channel_id][post.user_id];
    }
    return { typing: next };
  });
  // The REST answer to my own post may come first: count each post once, whatever the order.
  if (counted.has(post.id)) return;
  counted.add(post.id);
  const isRoot = !post.root_id;
  const updated = {
    ...channel,
    total_msg_count: channel.total_msg_count + 1,
    total_msg_count_root: (channel.total_msg_count_root ?? 0) + (isRoot ? 1 : 0),
    last_post_at: post.create_at,
    last_root_post_at: isRoot ? post.create_at : channel.last_root_post_at,
  };
  set((st) => ({ channels: { ...st.channels, [channel.id]: updated } }));
  const viewing = s.currentChannelId === channel.id && document.visibilityState === 'visible';
  if (post.user_id === me?.id || viewing) {
    void markViewed(channel.id);
    if (post.user_id === me?.id || s.focused) return;
  }
  const mentions = parse<string[]>(data.mentions) ?? [];
  const mentioned = Boolean(me && mentions.includes(me.id)) || channel.type === 'D';
  notifyPost(post, channel, mentioned, String(data.sender_name ?? ''));
  if (viewing) return;
  if (mentioned) {
    set((st) => {
      const m = st.members[channel.id];
      if (!m) return {};
      return {
        members: {
          ...st.members,
          [channel.id]: {
            ...m,
            mention_count: m.mention_count + 1,
            mention_count_root: (m.mention_count_root ?? 0) + (isRoot ? 1 : 0),
          },
        },
      };
    });
  }
}

function onTyping(channelId: string, userId: string): void {
  if (!channelId || !userId || userId === get().me?.id) return;
  background(loadMissingUsers([userId]));
  const until = Date.now() + TYPING_MS;
  set((s) => ({ typing: { ...s.typing, [channelId]: { ...s.typing[channelId], [userId]: until } } }));
  setTimeout(() => {
    set((s) => {
      const forChannel = { ...s.typing[channelId] };
      if ((forChannel[userId] ?? 0) > Date.now()) return {};
      delete forChannel[userId];
      return { typing: { ...s.typing, [channelId]: forChannel } };
    });
  }, TYPING_MS + 50);
}

let lastTyping = 0;
/** Tells the channel that I am typing, at most every 3 seconds. */
export function sendTyping(channelId: string, parentId = ''): void {
  if (Date.now() - lastTyping < 3000) return;
  lastTyping = Date.now();
  socket.userTyping(channelId, parentId);
}
