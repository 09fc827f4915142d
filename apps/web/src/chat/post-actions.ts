import type { Post } from '@mattermost/types/posts';
import { client } from '../api.ts';
import { loadTeamSidebar, mergePosts } from '../data.ts';
import { navigate } from '../router.ts';
import { get, set } from '../store.ts';

export async function togglePinned(post: Post): Promise<void> {
  if (post.is_pinned) await client.unpinPost(post.id);
  else await client.pinPost(post.id);
  // The `post_edited` event brings the same change; applying it here keeps the button honest offline.
  const current = get().posts[post.id] ?? post;
  mergePosts([{ ...current, is_pinned: !post.is_pinned }], { full: true });
}

export function permalink(teamName: string, postId: string): string {
  return `${window.location.origin}/${teamName}/pl/${postId}`;
}

/** Copies the post's permalink; falls back to a hidden text area where the Clipboard API is denied. */
export async function copyPermalink(teamName: string, postId: string): Promise<void> {
  const url = permalink(teamName, postId);
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    const area = document.createElement('textarea');
    area.value = url;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/**
 * `/{team}/pl/{post_id}` and "jump" in the pinned/saved lists: open the post's channel and scroll to
 * the post (a reply opens its thread beside the channel, at the root).
 */
export async function openPost(teamName: string, postId: string, replace = false): Promise<void> {
  const post = get().posts[postId] ?? (await client.getPost(postId));
  let channel = get().channels[post.channel_id];
  if (!channel || !get().members[post.channel_id]) {
    channel = await client.getChannel(post.channel_id);
    const teamId = channel.team_id || get().currentTeamId;
    if (teamId) await loadTeamSidebar(teamId);
  }
  const team = channel.team_id ? get().teams[channel.team_id] : undefined;
  const name = team?.name ?? teamName;
  // Set before navigating: opening the channel keeps a thread that comes with a highlight.
  set({ highlightId: post.root_id || post.id, threadRootId: post.root_id || null });
  navigate(`/${name}/channels/${channel.name}`, replace);
}
