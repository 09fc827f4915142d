import type { App } from '../../app.ts';
import { noteOnline, setStatus, sweepIdle } from './service.ts';

/** Automatic statuses were written at most this often per user; still the floor. */
const MIN_ACTIVITY_WRITE_INTERVAL = 30_000;
/** Mattermost's StatusMinUpdateTime: last activity need not be written more often than this. */
const MAX_ACTIVITY_WRITE_INTERVAL = 120_000;
/** A reconnect within this delay (page reload, network blip) keeps the user online. */
export const OFFLINE_DELAY = 5_000;
const SWEEP_INTERVAL = 30_000;

/**
 * Turns activity (REST requests, websocket connections) into automatic status changes, with the
 * throttling and timers that keep that cheap. One per running server, found through its App.
 */
export class Presence {
  private readonly app: App;
  private readonly lastWrite = new Map<string, number>();
  private readonly offlineTimers = new Map<string, NodeJS.Timeout>();
  private readonly sweep: NodeJS.Timeout;
  private closed = false;

  constructor(app: App) {
    this.app = app;
    this.sweep = setInterval(() => this.runSweep(), SWEEP_INTERVAL);
    this.sweep.unref();
  }

  /**
   * Each write is a commit (an fsync), once per active user per interval: write as rarely as the
   * away sweep allows — half the away timeout, so an active user never looks idle to it.
   */
  private activityWriteInterval(): number {
    const away = this.app.config.get().TeamSettings.UserStatusAwayTimeout * 1000;
    return Math.min(MAX_ACTIVITY_WRITE_INTERVAL, Math.max(MIN_ACTIVITY_WRITE_INTERVAL, away / 2));
  }

  private enabled(): boolean {
    return !this.closed && this.app.config.get().ServiceSettings.EnableUserStatuses;
  }

  private write(userId: string, run: () => Promise<void>): void {
    run().catch((err: Error) => this.app.log.warn({ err: err.message, userId }, 'status update failed'));
  }

  /** An authenticated request (unless `set_online=false`): online, at most one write per interval. */
  noteActivity(userId: string): void {
    if (!this.enabled()) return;
    const now = Date.now();
    if (now - (this.lastWrite.get(userId) ?? 0) < this.activityWriteInterval()) return;
    this.lastWrite.set(userId, now);
    this.write(userId, () => noteOnline(this.app, userId));
  }

  /** A websocket connection opened: online now, and any pending offline is cancelled. */
  connected(userId: string): void {
    const timer = this.offlineTimers.get(userId);
    if (timer) {
      clearTimeout(timer);
      this.offlineTimers.delete(userId);
    }
    if (!this.enabled()) return;
    this.lastWrite.set(userId, Date.now());
    this.write(userId, () => setStatus(this.app, userId, 'online', false));
  }

  /** The user's last socket closed: offline after a short delay unless `stillGone()` turns false. */
  disconnected(userId: string, stillGone: () => boolean): void {
    if (!this.enabled() || this.offlineTimers.has(userId)) return;
    const timer = setTimeout(() => {
      this.offlineTimers.delete(userId);
      if (!stillGone() || !this.enabled()) return;
      this.lastWrite.delete(userId);
      this.write(userId, () => setStatus(this.app, userId, 'offline', false));
    }, OFFLINE_DELAY);
    timer.unref();
    this.offlineTimers.set(userId, timer);
  }

  private runSweep(): void {
    const cutoff = Date.now() - this.activityWriteInterval();
    for (const [userId, at] of this.lastWrite) if (at < cutoff) this.lastWrite.delete(userId);
    if (!this.enabled()) return;
    sweepIdle(this.app).catch((err: Error) => this.app.log.warn({ err: err.message }, 'status sweep failed'));
  }

  close(): void {
    this.closed = true;
    clearInterval(this.sweep);
    for (const timer of this.offlineTimers.values()) clearTimeout(timer);
    this.offlineTimers.clear();
    this.lastWrite.clear();
  }
}

const running = new WeakMap<App, Presence>();

/** The server's Presence, created on first use. */
export function presenceOf(app: App): Presence {
  let presence = running.get(app);
  if (!presence) {
    presence = new Presence(app);
    running.set(app, presence);
  }
  return presence;
}
