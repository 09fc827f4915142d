import type { Db } from '../db/connection.ts';
import { channelMemberIds } from './store.ts';

/**
 * The hub's reads of channel membership, at most `limit` at a time (the size of the hub's pool).
 * Events for a channel whose read is still waiting for its turn share that read: it has not been
 * sent yet, so it sees every change committed before any of those events was published — as fresh
 * as a read of their own. A read already running is never shared with a later event, which could
 * otherwise be routed on membership older than its own transaction. Under a posting burst this
 * turns a backlog of per-event queries on busy channels into one query per channel.
 */
export class ChannelMemberReader {
  private readonly db: Db;
  private readonly limit: number;
  private running = 0;
  private readonly turns: (() => void)[] = [];
  private readonly waiting = new Map<string, Promise<string[]>>();

  constructor(db: Db, limit: number) {
    this.db = db;
    this.limit = limit;
  }

  read(channelId: string): Promise<string[]> {
    const shared = this.waiting.get(channelId);
    if (shared) return shared;
    const read = this.turn()
      .then(() => {
        this.waiting.delete(channelId);
        return channelMemberIds(this.db, channelId);
      })
      .finally(() => this.release());
    this.waiting.set(channelId, read);
    return read;
  }

  private turn(): Promise<void> {
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((go) => this.turns.push(go));
  }

  private release(): void {
    const next = this.turns.shift();
    if (next) next();
    else this.running--;
  }
}
