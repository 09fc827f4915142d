import { Client4, WebSocketClient } from '@mattermost/client';
import type { Reaction } from '@mattermost/types/reactions';

type Fetch = ParleyClient['doFetch'];

/**
 * Client4 as the web app uses it: cookie auth (the server sets MMAUTHTOKEN and MMCSRF; Client4 sends
 * the CSRF header from the cookie), plus a hook so that any 401 ends the session in the UI.
 */
class ParleyClient extends Client4 {
  onUnauthorized: () => void = () => undefined;

  constructor() {
    super();
    const inner = this.doFetch as Fetch;
    const wrapped: Fetch = async (url, options) => {
      try {
        return await inner(url, options);
      } catch (err) {
        if ((err as { status_code?: number }).status_code === 401) this.onUnauthorized();
        throw err;
      }
    };
    this.doFetch = wrapped;
  }

  /** POST /posts/ids/reactions: reactions of many posts in one request (no Client4 method yet). */
  getReactionsForPostIds(postIds: string[]): Promise<Record<string, Reaction[]>> {
    return this.doFetch(`${this.getPostsRoute()}/ids/reactions`, {
      method: 'post',
      body: JSON.stringify(postIds),
    });
  }
}

export const client = new ParleyClient();
client.setUrl(window.location.origin);
client.setIncludeCookies(true);

export const socket = new WebSocketClient();

export function socketUrl(): string {
  return client.getWebSocketUrl().replace(/^http/, 'ws');
}

/** The message of a Mattermost error (ClientError), or a generic one for network failures. */
export function errorText(err: unknown): string {
  const e = err as { message?: string; status_code?: number };
  if (e?.message && e.message !== 'Failed to fetch') return e.message;
  return 'Cannot reach the server. Check your connection and try again.';
}

/**
 * For background loads nobody awaits: a failure is logged, never an unhandled rejection (a 401 has
 * already sent the user to the login page through onUnauthorized).
 */
export function background(work: Promise<unknown>): void {
  work.catch((err) => console.warn('background request failed:', errorText(err)));
}
