import type { EmojiRow } from './store.ts';

/** CustomEmoji JSON as Mattermost returns it. */
export function presentEmoji(e: EmojiRow) {
  return {
    id: e.id,
    create_at: Number(e.create_at),
    update_at: Number(e.update_at),
    delete_at: Number(e.delete_at),
    creator_id: e.creator_id,
    name: e.name,
  };
}
