import type { Selectable } from 'kysely';
import type { ReactionsTable } from '../../db/schema.ts';

export type ReactionRow = Selectable<ReactionsTable>;

/**
 * Mattermost's Reaction JSON. Reactions are deleted outright here rather than soft-deleted, so a
 * reaction is never updated: update_at is its create_at and delete_at is 0.
 */
export function presentReaction(r: ReactionRow) {
  return {
    user_id: r.user_id,
    post_id: r.post_id,
    emoji_name: r.emoji_name,
    create_at: r.create_at,
    update_at: r.create_at,
    delete_at: 0,
    remote_id: '',
    channel_id: r.channel_id,
  };
}
