import { mkdtemp, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { defaultConfig } from '../apps/server/src/config/defaults.ts';
import { freePort } from '../apps/server/src/db/embedded.ts';
import { spawnNode, stopChild } from './lib/child.ts';
import { openBenchDatabase } from './lib/database.ts';
import { ApiClient } from './lib/http.ts';
import { Histogram, fmt, fmtMs, sleep } from './lib/stats.ts';
import { DEFAULT_SHAPE, benchToken, seedDatabase } from './seed.ts';
import { enrichForSearch } from './search-seed.ts';

/**
 * Search latency over the seeded data set (bench/seed.ts, ~1,000,000 posts): for each kind of
 * query, `--concurrency` searchers in a closed loop for `--duration` seconds through
 * POST /teams/{team_id}/posts/search, each as a different seeded user in their own team, so the
 * permission filter is real. Latency is the client's round trip (HTTP, the query, 60 posts of
 * JSON). Measured, never asserted.
 *
 * The seed's text is 150 common words, so bench/search-seed.ts adds rare words, CJK text and a
 * hashtag once.
 */

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '4' },
    duration: { type: 'string', default: '8' },
    searchers: { type: 'string', default: '200' },
    only: { type: 'string' },
    json: { type: 'string' },
  },
});
const log = (m: string) => console.error(`[search-bench] ${m}`);

interface Kind {
  name: string;
  /** The terms for searcher number `i` (1-based seeded user). */
  terms: (i: number) => string;
  or?: boolean;
}

const KINDS: Kind[] = [
  { name: 'most common word ("the")', terms: () => 'the' },
  { name: 'typical word ("deploy")', terms: () => 'deploy' },
  { name: 'two words AND ("deploy review")', terms: () => 'deploy review' },
  { name: 'rare word (~100 posts)', terms: () => 'zanzibar' },
  { name: 'rare words OR', terms: () => 'zanzibar kilimanjaro', or: true },
  { name: 'prefix ("dashb*")', terms: () => 'dashb*' },
  { name: 'prefix, common ("t*")', terms: () => 't*' },
  { name: 'phrase ("\\"review the\\"")', terms: () => '"review the"' },
  // Users i and i + teams share a team, so from: names someone the searcher can see.
  { name: 'from: + word', terms: (i) => `from:user${i + DEFAULT_SHAPE.teams} deploy` },
  { name: 'from: alone', terms: (i) => `from:user${i + DEFAULT_SHAPE.teams}` },
  { name: 'in: + common word', terms: () => 'in:town-square the' },
  { name: 'in: + word', terms: () => 'in:off-topic deploy' },
  { name: 'CJK substring ("東京")', terms: () => '東京' },
  { name: 'CJK substring ("タワーで")', terms: () => 'タワーで' },
  { name: 'hashtag (#release)', terms: () => '#release' },
  { name: 'word, excluded word', terms: () => 'deploy -the' },
];

async function startServer(dataSource: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const config = defaultConfig();
  config.ServiceSettings.ListenAddress = `127.0.0.1:${port}`;
  config.SqlSettings.DataSource = dataSource;
  config.LogSettings.ConsoleLevel = 'WARN';
  const dir = await mkdtemp(join(tmpdir(), 'parley-search-bench-'));
  const configPath = join(dir, 'config.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const main = fileURLToPath(new URL('../apps/server/src/main.ts', import.meta.url));
  const env = { ...process.env, MM_CONFIG: configPath, DATABASE_URL: '' };
  const { child } = await spawnNode(main, [], env, resolve(dir), false);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const probe = new ApiClient(url, 1);
  let up = false;
  for (let i = 0; i < 300 && !up && child.exitCode === null; i++) {
    up = (await probe.request('GET', '/system/ping', null)).status === 200;
    if (!up) await sleep(100);
  }
  probe.close();
  if (!up) throw new Error(`the server did not answer /system/ping within 30 s:\n${stderr}`);
  return { child, url };
}

interface Searcher {
  index: number;
  token: string;
  teamId: string;
}

async function loadSearchers(api: ApiClient, count: number): Promise<Searcher[]> {
  const out: Searcher[] = [];
  for (let i = 2; i < 2 + count; i++) {
    const token = benchToken(i);
    const res = await api.request('GET', '/users/me/teams', token);
    if (res.status !== 200) throw new Error(`user${i}: GET /users/me/teams → ${res.status} ${res.body}`);
    const teams = JSON.parse(res.body) as { id: string }[];
    out.push({ index: i, token, teamId: teams[0].id });
  }
  return out;
}

interface KindResult {
  name: string;
  terms: string;
  searches: number;
  errors: number;
  meanHits: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

async function measure(
  api: ApiClient,
  searchers: Searcher[],
  kind: Kind,
  concurrency: number,
  seconds: number,
) {
  const hist = new Histogram();
  let errors = 0;
  let hits = 0;
  let next = 0;
  const run = async (until: number, record: boolean) => {
    while (performance.now() < until) {
      const s = searchers[next++ % searchers.length];
      const body = { terms: kind.terms(s.index), is_or_search: kind.or ?? false, page: 0, per_page: 60 };
      const res = await api.request('POST', `/teams/${s.teamId}/posts/search`, s.token, body);
      if (!record) continue;
      if (res.status !== 200) {
        errors++;
        if (errors === 1) log(`${kind.name}: ${res.status} ${res.body.slice(0, 200)}`);
        continue;
      }
      hist.record(res.ms);
      hits += (JSON.parse(res.body) as { order: string[] }).order.length;
    }
  };
  const warm = performance.now() + 1000;
  await Promise.all(Array.from({ length: concurrency }, () => run(warm, false)));
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, () => run(until, true)));
  const elapsed = (performance.now() - started) / 1000;
  return {
    name: kind.name,
    terms: kind.terms(searchers[0].index),
    searches: hist.count,
    errors,
    meanHits: hist.count ? hits / hist.count : 0,
    p50: hist.percentile(50),
    p99: hist.percentile(99),
    max: hist.max,
    perSecond: hist.count / elapsed,
  } satisfies KindResult;
}

async function main() {
  const concurrency = Number(values.concurrency);
  const seconds = Number(values.duration);
  const db = await openBenchDatabase(log);
  let server: ChildProcess | null = null;
  try {
    await seedDatabase(db.dataSource, DEFAULT_SHAPE, { log });
    await enrichForSearch(db.dataSource, log);
    const counted = new pg.Client({ connectionString: db.dataSource });
    await counted.connect();
    const posts = (await counted.query('SELECT count(*)::int AS n FROM posts')).rows[0].n as number;
    await counted.end();
    const started = await startServer(db.dataSource);
    server = started.child;
    const api = new ApiClient(started.url, concurrency);
    const searchers = await loadSearchers(api, Number(values.searchers));
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(', ');
    log(
      `${fmt(posts)} posts, ${searchers.length} searchers, ${concurrency} concurrent, ${seconds} s per kind; load average ${load}`,
    );
    const only = values.only ? new RegExp(values.only, 'iu') : null;
    const results: KindResult[] = [];
    for (const kind of KINDS.filter((k) => !only || only.test(k.name))) {
      const r = await measure(api, searchers, kind, concurrency, seconds);
      log(
        `${r.name}: p50 ${fmtMs(r.p50)}, p99 ${fmtMs(r.p99)}, ${fmt(r.perSecond, 1)}/s, ${fmt(r.meanHits, 1)} hits`,
      );
      results.push(r);
    }
    api.close();
    const loadAfter = loadavg()
      .map((l) => l.toFixed(2))
      .join(', ');
    console.log(
      `\nSearch over ${fmt(posts)} posts — ${concurrency} concurrent searchers, ${seconds} s each; load average before ${load}, after ${loadAfter}\n`,
    );
    console.log('| query | terms | p50 | p99 | max | searches/s | hits (of 60) | errors |');
    console.log('|---|---|--:|--:|--:|--:|--:|--:|');
    for (const r of results) {
      console.log(
        `| ${r.name} | \`${r.terms}\` | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} | ${fmtMs(r.max)} | ${fmt(r.perSecond, 1)} | ${fmt(r.meanHits, 1)} | ${r.errors} |`,
      );
    }
    if (values.json)
      await writeFile(
        values.json,
        JSON.stringify({ posts, concurrency, seconds, load, loadAfter, results }, null, 2),
      );
  } finally {
    if (server) await stopChild(server);
    await db.stop();
  }
}

await main();
