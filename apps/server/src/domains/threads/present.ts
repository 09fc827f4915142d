import { presentPost } from '../posts/present.ts';
import type { PostRow } from '../posts/store.ts';
import type { UserThreadRow } from './store.ts';

/** UserThread JSON (Mattermost's model.ThreadResponse). */
export function presentUserThread(row: UserThreadRow, root: PostRow | undefined, participants: unknown[]) {
  return {
    id: row.post_id,
    reply_count: row.reply_count,
    last_reply_at: row.last_reply_at,
    last_viewed_at: row.last_viewed,
    participants,
    post: root ? presentPost(root) : null,
    unread_replies: row.unread_replies,
    unread_mentions: row.unread_mentions,
    is_following: row.following,
    is_urgent: false,
    delete_at: row.thread_delete_at,
  };
}

export type UserThreadJson = ReturnType<typeof presentUserThread>;
