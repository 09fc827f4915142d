import type { Client4 } from '@mattermost/client';
import type { Post } from '@mattermost/types/posts';

/** A post made through the API by `author`; `deleted` deletes it again, for the refusal cases. */
export async function makePost(
  author: Client4,
  channelId: string,
  options: { message?: string; deleted?: boolean } = {},
): Promise<{ id: string; update_at: number }> {
  const post = await author.createPost({
    channel_id: channelId,
    message: options.message ?? 'hello',
  } as Post);
  if (options.deleted) await author.deletePost(post.id);
  return { id: post.id, update_at: post.update_at };
}
