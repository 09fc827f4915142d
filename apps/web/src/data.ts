import type { Post, PostList } from '@mattermost/types/posts';
import type { ServerChannel } from '@mattermost/types/channels';
import { background, client } from './api.ts';
import { byId, dmPartnerId, emptyState, get, set } from './store.ts';

const PAGE = 60;

export async function loadConfig(): Promise<void> {
  const config = (await client.getClientConfig()) as unknown as Record<string, string>;
  set({ config });
}

/** The signed-in user, or null when the session cookie is missing or expired. */
export async function loadMe(): Promise<boolean> {
  try {
    const me = await client.getMe();
    set((s) => ({ me, users: { ...s.users, [me.id]: me } }));
    return true;
  } catch {
    set({ me: null });
    return false;
  }
}

export async function loadMyTeams(): Promise<void> {
  const teams = await client.getMyTeams();
  teams.sort((a, b) => a.display_name.localeCompare(b.display_name));
  set((s) => ({ teams: { ...s.teams, ...byId(teams) }, myTeamIds: teams.map((t) => t.id) }));
}

/** Channels, memberships and sidebar categories of one team (also used to resync after reconnecting). */
export async function loadTeamSidebar(teamId: string): Promise<void> {
  const me = get().me;
  if (!me) return;
  const [channels, members, categories] = await Promise.all([
    client.getMyChannels(teamId),
    client.getMyChannelMembers(teamId),
    client.getChannelCategories(me.id, teamId),
  ]);
  set((s) => ({
    channels: { ...s.channels, ...byId(channels) },
    members: { ...s.members, ...Object.fromEntries(members.map((m) => [m.channel_id, m])) },
    categories: { ...s.categories, [teamId]: orderCategories(categories.categories, categories.order) },
  }));
  await loadMissingUsers(channels.filter((c) => c.type === 'D').map((c) => dmPartnerId(c, me.id)));
}

function orderCategories<T extends { id: string }>(list: T[], order: string[]): T[] {
  const rank = new Map(order.map((id, i) => [id, i]));
  return [...list].sort((a, b) => (rank.get(a.id) ?? 99) - (rank.get(b.id) ?? 99));
}

const requestedUsers = new Set<string>();
export async function loadMissingUsers(ids: string[]): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => id && !get().users[id] && !requestedUsers.has(id));
  if (missing.length === 0) return;
  missing.forEach((id) => requestedUsers.add(id));
  const users = await client.getProfilesByIds(missing);
  set((s) => ({ users: { ...s.users, ...byId(users) } }));
}

export async function loadMemberCount(channelId: string): Promise<void> {
  const stats = await client.getChannelStats(channelId);
  set((s) => ({ memberCounts: { ...s.memberCounts, [channelId]: stats.member_count } }));
}

/** Adds posts from the server (a page, a thread or one event) to the store. */
export function mergePosts(list: Post[], opts: { channelId?: string; older?: boolean; full?: boolean } = {}) {
  set((s) => {
    const posts = { ...s.posts };
    const order = { ...s.order };
    const replies = { ...s.replies };
    const touchedRoots = new Set<string>();
    const touchedThreads = new Set<string>();
    for (const post of list) {
      const pending = post.pending_post_id && post.pending_post_id !== post.id ? post.pending_post_id : '';
      const known = Boolean(posts[post.id]);
      if (pending && posts[pending]) delete posts[pending];
      posts[post.id] = post;
      const key = post.root_id || post.channel_id;
      const lists = post.root_id ? replies : order;
      const ids = (lists[key] ?? []).filter((id) => id !== pending && id !== post.id);
      ids.push(post.id);
      lists[key] = ids;
      (post.root_id ? touchedThreads : touchedRoots).add(key);
      if (post.root_id && !known && posts[post.root_id] && !opts.full) {
        const root = posts[post.root_id];
        posts[post.root_id] = { ...root, reply_count: (root.reply_count ?? 0) + 1 };
      }
    }
    const byTime = (a: string, b: string) => (posts[a]?.create_at ?? 0) - (posts[b]?.create_at ?? 0);
    for (const key of touchedRoots) order[key] = [...order[key]].sort(byTime);
    for (const key of touchedThreads) replies[key] = [...replies[key]].sort(byTime);
    return { posts, order, replies };
  });
  background(loadMissingUsers(list.map((p) => p.user_id)));
}

function listToPosts(list: PostList): Post[] {
  return list.order.map((id) => list.posts[id]).filter(Boolean);
}

export async function loadChannelPosts(channelId: string): Promise<void> {
  const list = await client.getPosts(channelId, 0, PAGE, false, true);
  const posts = listToPosts(list);
  set((s) => ({
    hasOlder: { ...s.hasOlder, [channelId]: posts.length >= PAGE },
    order: { ...s.order, [channelId]: s.order[channelId] ?? [] },
  }));
  mergePosts(posts, { channelId, full: true });
  background(loadReactions(posts));
}

export async function loadOlderPosts(channelId: string): Promise<void> {
  const oldest = get().order[channelId]?.find((id) => get().posts[id]?.pending_post_id !== id);
  if (!oldest || !get().hasOlder[channelId]) return;
  set((s) => ({ hasOlder: { ...s.hasOlder, [channelId]: false } }));
  const list = await client.getPostsBefore(channelId, oldest, 0, PAGE, false, true);
  const posts = listToPosts(list);
  set((s) => ({ hasOlder: { ...s.hasOlder, [channelId]: posts.length >= PAGE } }));
  mergePosts(posts, { channelId, older: true, full: true });
  background(loadReactions(posts));
}

export async function loadThread(rootId: string): Promise<void> {
  const list = await client.getPostThread(rootId, true, false);
  const posts = listToPosts(list);
  set((s) => ({ replies: { ...s.replies, [rootId]: [] } }));
  mergePosts(posts, { full: true });
  background(loadReactions(posts));
}

export async function loadReactions(posts: Post[]): Promise<void> {
  const ids = posts.filter((p) => (p as Post & { has_reactions?: boolean }).has_reactions).map((p) => p.id);
  if (ids.length === 0) return;
  const map = await client.getReactionsForPostIds(ids);
  set((s) => ({ reactions: { ...s.reactions, ...map } }));
}

/** Marks a channel read on the server and locally (Mattermost's "view channel"). */
export async function markViewed(channelId: string): Promise<void> {
  set((s) => {
    const channel = s.channels[channelId];
    const member = s.members[channelId];
    if (!channel || !member) return {};
    return {
      members: {
        ...s.members,
        [channelId]: {
          ...member,
          msg_count: channel.total_msg_count,
          msg_count_root: channel.total_msg_count_root,
          mention_count: 0,
          mention_count_root: 0,
          last_viewed_at: Date.now(),
        },
      },
    };
  });
  await client.viewMyChannel(channelId).catch(() => undefined);
}

export function setChannel(channel: ServerChannel): void {
  set((s) => ({ channels: { ...s.channels, [channel.id]: channel } }));
}

export async function logout(): Promise<void> {
  await client.logout().catch(() => undefined);
  resetSession();
}

export function resetSession(): void {
  set({ ...emptyState() });
}
