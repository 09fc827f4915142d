import type { OAuthAppRow } from './store.ts';

/**
 * An app as model.OAuthApp. Only a hash of the client secret is kept, so `client_secret` carries
 * the secret only in the answers that created it (registration, regeneration) and is "" otherwise,
 * as in Mattermost's sanitized app.
 */
export function presentApp(row: OAuthAppRow, secret = '') {
  return {
    id: row.id,
    creator_id: row.creator_id,
    create_at: row.create_at,
    update_at: row.update_at,
    client_secret: secret,
    name: row.name,
    description: row.description,
    icon_url: row.icon_url,
    callback_urls: row.callback_urls,
    homepage: row.homepage,
    is_trusted: row.is_trusted,
    mattermost_app_id: '',
  };
}
