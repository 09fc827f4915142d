import { Histogram } from '../lib/stats.ts';

/**
 * What the load run measures: latency per endpoint, errors by route and status, and
 * send→deliver latency of every post at every online member of its channel.
 */
export class Metrics {
  readonly routes = new Map<string, Histogram>();
  readonly errors = new Map<string, number>();
  /** Search latency per query kind (load.ts --search-rate), successful searches only. */
  readonly searches = new Map<string, Histogram>();
  searchErrors = 0;
  /** Latency of one delivery: POST /posts sent → `posted` frame at one member's socket. */
  readonly delivery = new Histogram();
  /** Latency until the LAST online member of the channel had the post. */
  readonly allDelivered = new Histogram();
  posts = 0;
  deliveries = 0;
  missedDeliveries = 0;
  private readonly pending = new Map<string, { t0: number; expected: number; received: number }>();

  request(route: string, status: number, ms: number): void {
    let h = this.routes.get(route);
    if (!h) this.routes.set(route, (h = new Histogram()));
    h.record(ms);
    if (status < 200 || status >= 300) {
      const key = `${route} → ${status || 'network error'}`;
      this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
    }
  }

  search(kind: string, status: number, ms: number): void {
    if (status !== 200) {
      this.searchErrors++;
      return;
    }
    let h = this.searches.get(kind);
    if (!h) this.searches.set(kind, (h = new Histogram()));
    h.record(ms);
  }

  /** A post is about to be sent; `expected` sockets (its channel's online members) should get it. */
  expect(pendingPostId: string, expected: number): void {
    if (expected > 0) this.pending.set(pendingPostId, { t0: performance.now(), expected, received: 0 });
  }

  /** The create failed: nobody will receive it. */
  forget(pendingPostId: string): void {
    this.pending.delete(pendingPostId);
  }

  delivered(pendingPostId: string, at: number): void {
    const p = this.pending.get(pendingPostId);
    if (!p) return;
    const ms = at - p.t0;
    this.delivery.record(ms);
    this.deliveries++;
    if (++p.received === p.expected) {
      this.allDelivered.record(ms);
      this.pending.delete(pendingPostId);
    }
  }

  /** Posts still waiting for members after the grace period count their missing deliveries. */
  settle(): void {
    for (const p of this.pending.values()) this.missedDeliveries += p.expected - p.received;
    this.pending.clear();
  }

  totalRequests(): number {
    let n = 0;
    for (const h of this.routes.values()) n += h.count;
    return n;
  }

  totalErrors(): number {
    let n = 0;
    for (const v of this.errors.values()) n += v;
    return n;
  }
}
