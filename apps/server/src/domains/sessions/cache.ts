import type { App } from '../../app.ts';
import type { ServerEvent } from '../../realtime/bus.ts';
import type { findSessionByTokenHash } from './store.ts';

/** A session row as read with its user's roles and state. */
export type CachedSessionRow = NonNullable<Awaited<ReturnType<typeof findSessionByTokenHash>>>;

/** Bounds memory: beyond this many sessions the oldest cached ones are forgotten. */
const MAX_ENTRIES = 100_000;

/**
 * Sessions by token hash for ServiceSettings.SessionCacheInMinutes, so an authenticated request
 * does not read the sessions ⋈ users join every time (Mattermost's session cache). Only a positive
 * answer is ever taken from here: anything the cache says is expired or idle is read again.
 *
 * Entries go at once when the bus says they are stale: `session_revoked` (every revoke, logout,
 * deactivation, password change, token disable publishes it), `user_role_updated`, `user_updated`
 * and `user_activation_status_change`. A read that raced with such an event (it began before the
 * event and ends after) is not stored: every invalidation moves `epoch`, and `put` refuses a row
 * read under an older epoch, so a revoked session can never be put back by a slow lookup.
 */
export class SessionCache {
  private readonly app: App;
  private readonly byHash = new Map<string, { row: CachedSessionRow; cachedAt: number }>();
  private readonly hashById = new Map<string, string>();
  private readonly hashesByUser = new Map<string, Set<string>>();
  epoch = 0;

  constructor(app: App) {
    this.app = app;
    app.events.subscribe((event) => this.onEvent(event));
  }

  private ttl(): number {
    return this.app.config.get().ServiceSettings.SessionCacheInMinutes * 60_000;
  }

  get(tokenHash: string, now: number): CachedSessionRow | undefined {
    const entry = this.byHash.get(tokenHash);
    if (!entry) return undefined;
    if (now - entry.cachedAt >= this.ttl()) {
      this.forget(tokenHash);
      return undefined;
    }
    return entry.row;
  }

  /** Stores a row read under `epoch` unless something was invalidated since the read began. */
  put(tokenHash: string, row: CachedSessionRow, epoch: number, now: number): void {
    if (epoch !== this.epoch || this.ttl() <= 0 || row.user_delete_at !== 0) return;
    if (this.byHash.size >= MAX_ENTRIES) {
      const oldest = this.byHash.keys().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
    this.byHash.set(tokenHash, { row, cachedAt: now });
    this.hashById.set(row.id, tokenHash);
    let hashes = this.hashesByUser.get(row.user_id);
    if (!hashes) this.hashesByUser.set(row.user_id, (hashes = new Set()));
    hashes.add(tokenHash);
  }

  dropSession(sessionId: string): void {
    this.epoch++;
    const hash = this.hashById.get(sessionId);
    if (hash !== undefined) this.forget(hash);
  }

  dropUser(userId: string): void {
    this.epoch++;
    for (const hash of [...(this.hashesByUser.get(userId) ?? [])]) this.forget(hash);
  }

  clear(): void {
    this.epoch++;
    this.byHash.clear();
    this.hashById.clear();
    this.hashesByUser.clear();
  }

  private forget(tokenHash: string): void {
    const entry = this.byHash.get(tokenHash);
    if (!entry) return;
    this.byHash.delete(tokenHash);
    this.hashById.delete(entry.row.id);
    const hashes = this.hashesByUser.get(entry.row.user_id);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.hashesByUser.delete(entry.row.user_id);
  }

  private onEvent(event: ServerEvent): void {
    switch (event.event) {
      case 'session_revoked':
        this.dropSession(String(event.data.session_id ?? ''));
        break;
      case 'user_role_updated':
        this.dropUser(String(event.data.user_id ?? ''));
        break;
      case 'user_updated': {
        const user = event.data.user as { id?: unknown } | undefined;
        // Without a user id nothing can be matched: forget everything rather than keep a stale row.
        if (typeof user?.id === 'string') this.dropUser(user.id);
        else this.clear();
        break;
      }
      case 'user_activation_status_change':
        this.clear();
        break;
    }
  }
}

const caches = new WeakMap<App, SessionCache>();

/** The server's session cache, created (and subscribed to the bus) on first use. */
export function sessionCacheOf(app: App): SessionCache {
  let cache = caches.get(app);
  if (!cache) {
    cache = new SessionCache(app);
    caches.set(app, cache);
  }
  return cache;
}
