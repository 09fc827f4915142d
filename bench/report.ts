import type { Histogram } from './lib/stats.ts';
import { fmt, fmtMs, share } from './lib/stats.ts';
import type { RawLimits } from './raw-limits.ts';
import { describeRawLimits } from './raw-limits.ts';
import type { SeedReport } from './seed.ts';
import type { Metrics } from './sim/metrics.ts';

/** The benchmark's printed report: every figure beside the same machine's raw limit. */
export interface PhaseResult {
  name: string;
  seconds: number;
  metrics: Metrics;
  sockets: number;
  serverCpuPercent: number;
  pgCpuPercent: number;
  generatorCpuPercent: number;
  serverRssBytes: number;
  pgRssBytes: number;
  /** Statements PostgreSQL was running most often (sampled), with the average backends busy on each. */
  pgTop: { query: string; busyBackends: number }[];
}

export interface RunReport {
  users: number;
  raw: RawLimits | null;
  seed: SeedReport | null;
  phases: PhaseResult[];
  idle: {
    opened: number;
    failed: number;
    rssBefore: number;
    rssAfter: number;
    bytesPerSocket: number;
    socketsPerGB: number;
  } | null;
  logins: { histogram: Histogram; perSecond: number } | null;
  startErrors: number;
  /** Load average (1, 5, 15 min) when the mix started and when it ended. */
  loadAverage?: { before: number[]; after: number[] };
}

const MB = 2 ** 20;

function printPhase(p: PhaseResult, raw: RawLimits | null): void {
  const m = p.metrics;
  const rps = m.totalRequests() / p.seconds;
  const postsPerSecond = m.posts / p.seconds;
  const framesPerSecond = m.deliveries / p.seconds;
  console.log(`\n## Phase "${p.name}" (${p.seconds.toFixed(1)} s, ${fmt(p.sockets)} open sockets)`);
  console.log(
    `API requests: ${fmt(m.totalRequests())} = ${fmt(rps)}/s = ${share(rps, raw?.helloRequestsPerSecond ?? NaN)} of hello-world req/s`,
  );
  console.log(
    `errors (non-2xx or network): ${fmt(m.totalErrors())} = ${share(m.totalErrors(), m.totalRequests())} of requests`,
  );
  console.log(
    `posts: ${fmt(m.posts)} = ${fmt(postsPerSecond, 1)}/s = ${share(postsPerSecond, raw?.pgCommitsPerSecond1 ?? NaN)} of single-row PG commits/s (1 connection), ` +
      `${share(postsPerSecond, raw?.pgCommitsPerSecondN ?? NaN)} of ${raw?.pgConnectionsN ?? '?'} connections`,
  );
  console.log(
    `send→deliver (each member): p50 ${fmtMs(m.delivery.percentile(50))}, p99 ${fmtMs(m.delivery.percentile(99))}` +
      (raw
        ? ` (bare ws per delivery p50 ${fmtMs(raw.wsDeliveryP50Ms)}, p99 ${fmtMs(raw.wsDeliveryP99Ms)})`
        : ''),
  );
  console.log(
    `send→deliver (last member of the channel): p50 ${fmtMs(m.allDelivered.percentile(50))}, p99 ${fmtMs(m.allDelivered.percentile(99))}; ` +
      `deliveries ${fmt(m.deliveries)} = ${fmt(framesPerSecond)}/s = ${share(framesPerSecond, raw?.wsFramesPerSecond ?? NaN)} of bare ws frames/s; missed ${fmt(m.missedDeliveries)}`,
  );
  console.log(
    `CPU (100 % = one core): server ${p.serverCpuPercent.toFixed(0)} %, PostgreSQL ${p.pgCpuPercent.toFixed(0)} %, generator ${p.generatorCpuPercent.toFixed(0)} %; ` +
      `RSS server ${fmt(p.serverRssBytes / MB)} MB, PostgreSQL ${fmt(p.pgRssBytes / MB)} MB (PSS summed over its processes)`,
  );
  console.log('\n| endpoint | requests | p50 | p99 |');
  console.log('|---|---:|---:|---:|');
  const rows = [...m.routes.entries()].sort((a, b) => b[1].count - a[1].count);
  for (const [route, h] of rows) {
    console.log(`| ${route} | ${fmt(h.count)} | ${fmtMs(h.percentile(50))} | ${fmtMs(h.percentile(99))} |`);
  }
  if (m.searches.size) {
    console.log(`\nSearches beside the mix (open loop; ${fmt(m.searchErrors)} failed):`);
    console.log('\n| query kind | searches | p50 | p99 | max |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [kind, h] of m.searches) {
      console.log(
        `| ${kind} | ${fmt(h.count)} | ${fmtMs(h.percentile(50))} | ${fmtMs(h.percentile(99))} | ${fmtMs(h.max)} |`,
      );
    }
  }
  if (p.pgTop.length) {
    console.log('\nPostgreSQL, statements running most often (average busy backends, sampled every 250 ms):');
    for (const t of p.pgTop) console.log(`  ${t.busyBackends.toFixed(2)}  ${t.query}`);
  }
  if (m.errors.size) {
    console.log('\nerrors by route:');
    for (const [k, v] of [...m.errors.entries()].sort((a, b) => b[1] - a[1]))
      console.log(`  ${k}: ${fmt(v)}`);
  }
}

export function printReport(r: RunReport): void {
  console.log('# Parley load benchmark');
  if (r.raw) {
    console.log('\n## Raw limits of this machine');
    for (const line of describeRawLimits(r.raw)) console.log(`- ${line}`);
  }
  if (r.seed) console.log(`\nseeded in ${r.seed.seconds.toFixed(1)} s: ${JSON.stringify(r.seed.rows)}`);
  if (r.logins) {
    const h = r.logins.histogram;
    console.log(
      `\npassword logins (PBKDF2, 4 concurrent): ${fmt(h.count)} ok, ${fmt(r.logins.perSecond, 1)}/s, p50 ${fmtMs(h.percentile(50))}, p99 ${fmtMs(h.percentile(99))}`,
    );
  }
  console.log(`\nsimulated users: ${fmt(r.users)} (failed to start: ${fmt(r.startErrors)})`);
  if (r.loadAverage) {
    const f = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
    console.log(
      `load average (1/5/15 min): ${f(r.loadAverage.before)} at the mix's start, ${f(r.loadAverage.after)} at its end`,
    );
  }
  for (const p of r.phases) printPhase(p, r.raw);
  if (r.idle) {
    const i = r.idle;
    console.log(`\n## Idle sockets`);
    console.log(
      `${fmt(i.opened)} extra authenticated idle sockets (${fmt(i.failed)} failed): server RSS ${fmt(i.rssBefore / MB)} → ${fmt(i.rssAfter / MB)} MB, ` +
        `${fmt(i.bytesPerSocket / 1024, 1)} KB per socket = ${fmt(i.socketsPerGB)} sockets per GB`,
    );
  }
}
