import type { FilesByPost } from '../files/present.ts';
import type { PostEditRow, PostRow } from './store.ts';

/** Post and PostList JSON as Mattermost returns them (model.Post, model.PostList). */

export interface PostMetadata {
  embeds: unknown[];
  emojis: unknown[];
  files: unknown[];
  images: Record<string, unknown>;
  reactions: unknown[];
}

/**
 * The computed part of a post. The one place that builds it, so reactions, files and embeds can be
 * filled in here when their areas exist.
 */
export function buildMetadata(post: PostRow, files?: FilesByPost): PostMetadata {
  // Link previews (domains/linkpreviews) are stored with the post once fetched; an edit that
  // removed the link removes its preview.
  const stored = post.link_metadata;
  const link = stored?.embeds.every((e) => typeof e.url === 'string' && post.message.includes(e.url))
    ? stored
    : null;
  return {
    embeds: link?.embeds ?? [],
    emojis: [],
    files: [...(files?.get(post.id) ?? [])],
    images: link?.images ?? {},
    reactions: [],
  };
}

/** `files`: the live files of this post (and others), loaded by files/for-posts.ts. */
export function presentPost(p: PostRow, files?: FilesByPost) {
  const out: Record<string, unknown> = {
    id: p.id,
    create_at: Number(p.create_at),
    update_at: Number(p.update_at),
    edit_at: Number(p.edit_at),
    delete_at: Number(p.delete_at),
    is_pinned: p.is_pinned,
    user_id: p.user_id,
    channel_id: p.channel_id,
    root_id: p.root_id,
    original_id: p.original_id,
    message: p.message,
    type: p.type,
    props: p.props ?? {},
    hashtags: p.hashtags,
    pending_post_id: p.pending_post_id,
    reply_count: Number(p.reply_count ?? 0),
    last_reply_at: Number(p.last_reply_at ?? 0),
    // Filled with user objects only in collapsed-threads extended lists, which Parley does not build.
    participants: null,
    has_reactions: p.has_reactions,
    metadata: buildMetadata(p, files),
  };
  // Mattermost omits empty file_ids (omitempty).
  if (p.file_ids && p.file_ids.length > 0) out.file_ids = p.file_ids;
  if (p.remote_id) out.remote_id = p.remote_id;
  return out;
}

/**
 * An earlier version of a post, shaped as the hidden copy Mattermost keeps: its own id, the edited
 * post as original_id, deleted at the time it was replaced.
 */
export function presentEdit(e: PostEditRow, post: PostRow) {
  return presentPost({
    ...post,
    id: e.id,
    message: e.message,
    props: e.props,
    file_ids: e.file_ids,
    create_at: e.create_at,
    update_at: e.edit_at,
    edit_at: e.edit_at,
    delete_at: e.edit_at,
    original_id: post.id,
    pending_post_id: '',
    is_pinned: false,
    has_reactions: false,
    reply_count: 0,
    last_reply_at: 0,
  });
}

export interface PostListShape {
  order: string[];
  posts: Record<string, unknown>;
  next_post_id: string;
  prev_post_id: string;
  has_next?: boolean;
  first_inaccessible_post_time: number;
}

/** `order` lists `ordered` as given; `extra` posts (roots of listed replies) only appear in `posts`. */
export function presentPostList(
  ordered: readonly PostRow[],
  extra: readonly PostRow[] = [],
  cursors: { next?: string; prev?: string; hasNext?: boolean } = {},
  files?: FilesByPost,
): PostListShape {
  const posts: Record<string, unknown> = {};
  for (const p of [...extra, ...ordered]) posts[p.id] = presentPost(p, files);
  const list: PostListShape = {
    order: ordered.map((p) => p.id),
    posts,
    next_post_id: cursors.next ?? '',
    prev_post_id: cursors.prev ?? '',
    first_inaccessible_post_time: 0,
  };
  if (cursors.hasNext !== undefined) list.has_next = cursors.hasNext;
  return list;
}
