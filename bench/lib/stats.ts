/**
 * A log-bucketed latency histogram: constant memory and O(1) per sample, so the generator can
 * record millions of deliveries without sorting arrays. Buckets grow by 2 %, so percentiles are
 * accurate to about 1 % of the value — finer than the noise of a shared 2-core machine.
 */
const GROWTH = Math.log(1.02);
const FLOOR_MS = 0.01;
const BUCKETS = 1000; // 0.01 ms × 1.02^1000 ≈ 4 000 s: nothing we time is slower

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  sum = 0;
  max = 0;

  record(ms: number): void {
    const v = ms < FLOOR_MS ? FLOOR_MS : ms;
    const i = Math.min(BUCKETS - 1, Math.floor(Math.log(v / FLOOR_MS) / GROWTH));
    this.counts[i]++;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  /** The value below which `p` percent of the samples fall (upper edge of its bucket). */
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.max, FLOOR_MS * Math.exp((i + 1) * GROWTH));
    }
    return this.max;
  }

  mean(): number {
    return this.count ? this.sum / this.count : NaN;
  }
}

/** Percentiles of a small array of samples (a few dozen broadcasts). */
export function percentileOf(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtMs(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n < 10 ? `${n.toFixed(2)} ms` : `${fmt(n, n < 100 ? 1 : 0)} ms`;
}

/** "74 %" of a limit, or "n/a" when either side is missing. */
export function share(value: number, limit: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(limit) || limit <= 0) return 'n/a';
  const pct = (value / limit) * 100;
  return `${pct < 1 ? pct.toFixed(2) : pct < 10 ? pct.toFixed(1) : pct.toFixed(0)} %`;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
