import type { Post } from '@mattermost/types/posts';
import type { Reaction } from '@mattermost/types/reactions';
import { client } from './api.ts';
import { mergePosts } from './data.ts';
import { get, set } from './store.ts';

/** Adds or removes one reaction locally; idempotent, so the REST answer and the event may both arrive. */
export function applyReaction(reaction: Reaction, added: boolean): void {
  set((s) => {
    const others = (s.reactions[reaction.post_id] ?? []).filter(
      (r) => !(r.user_id === reaction.user_id && r.emoji_name === reaction.emoji_name),
    );
    return { reactions: { ...s.reactions, [reaction.post_id]: added ? [...others, reaction] : others } };
  });
}

function pendingId(userId: string): string {
  return `${userId}:${Date.now()}`;
}

/**
 * Optimistic send: the post shows at once under its pending_post_id; the server's answer (or its
 * `posted` event, whichever comes first) replaces it. A failure leaves it with a retry button.
 */
export async function sendPost(channelId: string, message: string, rootId = ''): Promise<void> {
  const me = get().me;
  if (!me) return;
  const id = pendingId(me.id);
  const now = Date.now();
  const draft = {
    id,
    pending_post_id: id,
    channel_id: channelId,
    root_id: rootId,
    user_id: me.id,
    message,
    create_at: now,
    update_at: now,
    edit_at: 0,
    delete_at: 0,
    type: '',
    props: {},
    reply_count: 0,
    metadata: {},
  } as unknown as Post;
  mergePosts([draft], { full: true });
  await submit(draft);
}

export async function retryPost(id: string): Promise<void> {
  const draft = get().posts[id];
  if (!draft) return;
  set((s) => {
    const failed = { ...s.failed };
    delete failed[id];
    return { failed };
  });
  await submit(draft);
}

async function submit(draft: Post): Promise<void> {
  try {
    const created = await client.createPost({
      channel_id: draft.channel_id,
      root_id: draft.root_id,
      message: draft.message,
      pending_post_id: draft.pending_post_id,
    });
    mergePosts([created]);
  } catch {
    set((s) => ({ failed: { ...s.failed, [draft.id]: true } }));
  }
}

/** Removes a post the server never accepted. */
export function discardPost(id: string): void {
  set((s) => {
    const post = s.posts[id];
    if (!post) return {};
    const posts = { ...s.posts };
    delete posts[id];
    const key = post.root_id || post.channel_id;
    if (post.root_id) {
      return { posts, replies: { ...s.replies, [key]: (s.replies[key] ?? []).filter((x) => x !== id) } };
    }
    return { posts, order: { ...s.order, [key]: (s.order[key] ?? []).filter((x) => x !== id) } };
  });
}

export async function editPost(id: string, message: string): Promise<void> {
  const post = await client.patchPost({ id, message });
  mergePosts([post], { full: true });
}

export async function deletePost(id: string): Promise<void> {
  await client.deletePost(id);
  removePost(id);
}

/** A deleted post disappears, and so does its thread. */
export function removePost(id: string): void {
  const post = get().posts[id];
  if (!post) return;
  discardPost(id);
  if (post.root_id) {
    set((s) => {
      const root = s.posts[post.root_id];
      if (!root) return {};
      return {
        posts: { ...s.posts, [root.id]: { ...root, reply_count: Math.max(0, (root.reply_count ?? 1) - 1) } },
      };
    });
  } else if (get().threadRootId === id) {
    set({ threadRootId: null });
  }
}

export async function toggleReaction(postId: string, emojiName: string): Promise<void> {
  const me = get().me;
  if (!me) return;
  const mine = (get().reactions[postId] ?? []).some((r) => r.user_id === me.id && r.emoji_name === emojiName);
  if (mine) {
    await client.removeReaction(me.id, postId, emojiName);
    applyReaction({ user_id: me.id, post_id: postId, emoji_name: emojiName } as Reaction, false);
  } else {
    applyReaction(await client.addReaction(me.id, postId, emojiName), true);
  }
}
