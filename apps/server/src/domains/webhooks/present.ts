import type { IncomingRow, OutgoingRow } from './store.ts';

/** IncomingWebhook and OutgoingWebhook JSON as Mattermost returns them. */

export function presentIncoming(h: IncomingRow) {
  return {
    id: h.id,
    create_at: Number(h.create_at),
    update_at: Number(h.update_at),
    delete_at: Number(h.delete_at),
    user_id: h.user_id,
    channel_id: h.channel_id,
    team_id: h.team_id,
    display_name: h.display_name,
    description: h.description,
    username: h.username,
    icon_url: h.icon_url,
    channel_locked: h.channel_locked,
    last_used: Number(h.last_used),
  };
}

/** The token is shown: only those who may manage the hook ever receive it. */
export function presentOutgoing(h: OutgoingRow) {
  return {
    id: h.id,
    token: h.token,
    create_at: Number(h.create_at),
    update_at: Number(h.update_at),
    delete_at: Number(h.delete_at),
    creator_id: h.creator_id,
    channel_id: h.channel_id,
    team_id: h.team_id,
    trigger_words: h.trigger_words,
    trigger_when: h.trigger_when,
    callback_urls: h.callback_urls,
    display_name: h.display_name,
    description: h.description,
    content_type: h.content_type,
    username: h.username,
    icon_url: h.icon_url,
  };
}
