import type { BotRow } from './store.ts';

/** Bot JSON (model.Bot). */
export function presentBot(b: BotRow) {
  return {
    user_id: b.user_id,
    username: b.username,
    display_name: b.display_name,
    description: b.description,
    owner_id: b.owner_id,
    last_icon_update: b.last_icon_update,
    create_at: b.create_at,
    update_at: b.update_at,
    delete_at: b.delete_at,
  };
}
