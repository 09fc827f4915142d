import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import { ApiClient } from './lib/http.ts';
import { spawnNode, stopChild } from './lib/child.ts';
import { openBenchDatabase } from './lib/database.ts';
import { fmt, fmtMs, percentileOf } from './lib/stats.ts';

/**
 * The machine's raw ceilings, measured on 127.0.0.1 in a few seconds each, so the benchmark can
 * print every result as a share of what this box can do at all (performance.md §4 and §6).
 */
export interface RawLimits {
  /** node:http hello-world requests/s with the same generator technique as the load test. */
  helloRequestsPerSecond: number;
  helloConcurrency: number;
  /** Bare `ws`: time until all clients received one 300-byte broadcast. */
  wsClients: number;
  wsBroadcastAllP50Ms: number;
  wsBroadcastAllP99Ms: number;
  /** Per-client delivery latency over all broadcasts. */
  wsDeliveryP50Ms: number;
  wsDeliveryP99Ms: number;
  wsFramesPerSecond: number;
  /** Durable single-row INSERT commits/s (synchronous_commit on). */
  pgCommitsPerSecond1: number;
  pgCommitsPerSecondN: number;
  pgConnectionsN: number;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export async function measureHello(seconds: number, concurrency: number): Promise<number> {
  const { child, firstLine } = await spawnNode(here('./lib/hello-server.ts'));
  const client = new ApiClient(`http://127.0.0.1:${firstLine}`, concurrency);
  try {
    // Warm-up opens the keep-alive sockets and lets V8 optimise both sides.
    await loop(client, concurrency, 1);
    return (await loop(client, concurrency, seconds)) / seconds;
  } finally {
    client.close();
    await stopChild(child);
  }
}

async function loop(client: ApiClient, concurrency: number, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const r = await client.request('GET', '/system/ping', null);
      if (r.status === 200) done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done;
}

export async function measureWsBroadcast(clients: number, rounds: number) {
  const { child, firstLine } = await spawnNode(here('./lib/ws-broadcast-server.ts'));
  const url = `ws://127.0.0.1:${firstLine}`;
  const sockets: WebSocket[] = [];
  try {
    for (let i = 0; i < clients; i += 200) {
      const batch = Array.from({ length: Math.min(200, clients - i) }, () => openSocket(url));
      sockets.push(...(await Promise.all(batch)));
    }
    const control = await openSocket(url);
    sockets.push(control);
    const allTimes: number[] = [];
    const deliveries: number[] = [];
    for (let round = 0; round < rounds + 2; round++) {
      let pending = clients;
      let started = 0;
      const done = new Promise<void>((resolve) => {
        for (let i = 0; i < clients; i++) {
          sockets[i].once('message', () => {
            const ms = performance.now() - started;
            if (round >= 2) deliveries.push(ms); // the first two rounds warm up
            if (--pending === 0) resolve();
          });
        }
      });
      started = performance.now();
      control.send('go');
      await done;
      if (round >= 2) allTimes.push(performance.now() - started);
    }
    const allP50 = percentileOf(allTimes, 50);
    return {
      allP50,
      allP99: percentileOf(allTimes, 99),
      deliveryP50: percentileOf(deliveries, 50),
      deliveryP99: percentileOf(deliveries, 99),
      framesPerSecond: clients / (allP50 / 1000),
    };
  } finally {
    for (const s of sockets) s.terminate();
    await stopChild(child);
  }
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/**
 * Single-row INSERT commits on a table shaped like §4.5's (posts-like row, btree on
 * channel+time), each its own transaction with synchronous_commit on: one connection, then
 * `connections` in parallel (group commit). The table is dropped afterwards.
 */
export async function measurePgCommits(dataSource: string, seconds: number, connections: number) {
  const table = `bench_commit_probe_${process.pid}`;
  const admin = new pg.Client({ connectionString: dataSource });
  await admin.connect();
  try {
    await admin.query(
      `CREATE TABLE ${table} (id bigserial PRIMARY KEY, channel_id varchar(26) NOT NULL,
         user_id varchar(26) NOT NULL, message text NOT NULL, create_at bigint NOT NULL);
       CREATE INDEX ON ${table} (channel_id, create_at)`,
    );
    const run = async (n: number) => {
      const clients = await Promise.all(
        Array.from({ length: n }, async () => {
          const c = new pg.Client({ connectionString: dataSource });
          await c.connect();
          await c.query('SET synchronous_commit = on');
          return c;
        }),
      );
      const end = performance.now() + seconds * 1000;
      let commits = 0;
      await Promise.all(
        clients.map(async (c, i) => {
          while (performance.now() < end) {
            await c.query({
              name: 'probe',
              text: `INSERT INTO ${table} (channel_id, user_id, message, create_at) VALUES ($1, $2, $3, $4)`,
              values: [
                `channel${i % 8}`.padEnd(26, '0'),
                'u'.padEnd(26, '1'),
                'hello world '.repeat(5),
                Date.now(),
              ],
            });
            commits++;
          }
        }),
      );
      await Promise.all(clients.map((c) => c.end()));
      return commits / seconds;
    };
    return { one: await run(1), many: await run(connections) };
  } finally {
    await admin.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    await admin.end();
  }
}

export async function measureRawLimits(
  dataSource: string,
  opts: { seconds?: number; wsClients?: number; log?: (m: string) => void } = {},
): Promise<RawLimits> {
  const seconds = opts.seconds ?? 3;
  const wsClients = opts.wsClients ?? 2000;
  const log = opts.log ?? (() => {});
  log('raw limits: hello-world HTTP');
  const helloConcurrency = 64;
  const hello = await measureHello(seconds, helloConcurrency);
  log(`raw limits: bare ws broadcast to ${wsClients} clients`);
  const ws = await measureWsBroadcast(wsClients, 20);
  log('raw limits: PostgreSQL single-row commits');
  const pgConnections = 16;
  const commits = await measurePgCommits(dataSource, seconds, pgConnections);
  return {
    helloRequestsPerSecond: hello,
    helloConcurrency,
    wsClients,
    wsBroadcastAllP50Ms: ws.allP50,
    wsBroadcastAllP99Ms: ws.allP99,
    wsDeliveryP50Ms: ws.deliveryP50,
    wsDeliveryP99Ms: ws.deliveryP99,
    wsFramesPerSecond: ws.framesPerSecond,
    pgCommitsPerSecond1: commits.one,
    pgCommitsPerSecondN: commits.many,
    pgConnectionsN: pgConnections,
  };
}

export function describeRawLimits(r: RawLimits): string[] {
  return [
    `hello-world HTTP (node:http, ${r.helloConcurrency} keep-alive connections): ${fmt(r.helloRequestsPerSecond)} req/s`,
    `bare ws broadcast, 300 B to ${fmt(r.wsClients)} clients: all delivered p50 ${fmtMs(r.wsBroadcastAllP50Ms)}, ` +
      `p99 ${fmtMs(r.wsBroadcastAllP99Ms)}; per delivery p50 ${fmtMs(r.wsDeliveryP50Ms)}, p99 ${fmtMs(r.wsDeliveryP99Ms)}; ` +
      `${fmt(r.wsFramesPerSecond)} frames/s`,
    `PostgreSQL single-row INSERT commits (synchronous_commit on): ${fmt(r.pgCommitsPerSecond1)}/s on 1 connection, ` +
      `${fmt(r.pgCommitsPerSecondN)}/s on ${r.pgConnectionsN}`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const log = (m: string) => console.error(m);
  const db = await openBenchDatabase(log);
  try {
    const limits = await measureRawLimits(db.dataSource, { log });
    for (const line of describeRawLimits(limits)) console.log(line);
  } finally {
    await db.stop();
  }
}
