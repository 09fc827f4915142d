import { mkdtemp, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { defaultConfig } from '../apps/server/src/config/defaults.ts';
import { freePort } from '../apps/server/src/db/embedded.ts';
import { ApiClient } from './lib/http.ts';
import { spawnNode, stopChild } from './lib/child.ts';
import { openBenchDatabase } from './lib/database.ts';
import { postgresPids, sampleProcess, sampleProcesses, selfCpuSeconds } from './lib/procstat.ts';
import { Histogram, sleep } from './lib/stats.ts';
import { PgSampler } from './lib/pg-sampler.ts';
import { measureRawLimits, type RawLimits } from './raw-limits.ts';
import { BENCH_PASSWORD, DEFAULT_SHAPE, benchToken, benchUserId, seedDatabase } from './seed.ts';
import { Metrics } from './sim/metrics.ts';
import { SimUser, type SimChannel, type SimShared } from './sim/user.ts';
import { runSearches } from './sim/searches.ts';
import { enrichForSearch } from './search-seed.ts';
import { printReport, type PhaseResult, type RunReport } from './report.ts';

/**
 * The load benchmark: raw limits of this machine, the seeded data set, the server as a child
 * process, then three phases against it — the SimulController-like action mix of N users, a
 * posting burst (closed loop, no idle time) for sustained posts/s, and idle sockets for memory
 * per connection. Bounded by --duration; prints each result beside the matching raw limit.
 */
const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '60' },
    'burst-duration': { type: 'string', default: '20' },
    posters: { type: 'string', default: '100' },
    'idle-sockets': { type: 'string', default: '10000' },
    'avg-idle-ms': { type: 'string', default: '20000' },
    'min-idle-ms': { type: 'string', default: '1000' },
    ramp: { type: 'string', default: '15' },
    logins: { type: 'string', default: '20' },
    /** Comma-separated actions to leave out of the mix (e.g. "threads"), to isolate a slow one. */
    without: { type: 'string' },
    /** Searches per second beside the mix (open loop, as random online users); 0 = none. */
    'search-rate': { type: 'string', default: '0' },
    'skip-raw': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const n = (v: string | undefined) => Number(v);
const log = (m: string) => console.error(`[bench] ${m}`);

async function startServer(dataSource: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const config = defaultConfig();
  config.ServiceSettings.ListenAddress = `127.0.0.1:${port}`;
  config.SqlSettings.DataSource = dataSource;
  config.LogSettings.ConsoleLevel = 'WARN';
  config.TeamSettings.MaxUsersPerTeam = 100_000;
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
  const configPath = join(dir, 'config.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const main = fileURLToPath(new URL('../apps/server/src/main.ts', import.meta.url));
  const { child } = await spawnNode(
    main,
    [],
    { ...process.env, MM_CONFIG: configPath, DATABASE_URL: '' },
    resolve(dir),
    false,
  );
  const url = `http://127.0.0.1:${port}`;
  const probe = new ApiClient(url, 1);
  let up = false;
  for (let i = 0; i < 300 && !up; i++) {
    up = (await probe.request('GET', '/system/ping', null)).status === 200;
    if (!up) await sleep(100);
  }
  probe.close();
  if (!up) throw new Error('the server did not answer /system/ping within 30 s');
  return { child, url };
}

/** The simulated users' ids, tokens, teams and channels, recomputed or read from the seed. */
async function loadUsers(dataSource: string, count: number, shared: SimShared): Promise<SimUser[]> {
  const ids = Array.from({ length: count }, (_, i) => benchUserId(i + 1));
  const client = new pg.Client({ connectionString: dataSource });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT cm.user_id, c.id, c.name, c.team_id, c.type FROM channel_members cm
       JOIN channels c ON c.id = cm.channel_id WHERE cm.user_id = ANY($1)`,
      [ids],
    );
    // Refresh the seeded sessions so an old seed is not past its idle timeout.
    await client.query('UPDATE sessions SET last_activity_at = $1 WHERE user_id = ANY($2)', [
      Date.now(),
      ids,
    ]);
    const byUser = new Map<string, SimChannel[]>();
    for (const r of rows) {
      const list = byUser.get(r.user_id) ?? [];
      list.push({ id: r.id, name: r.name, teamId: r.team_id, type: r.type.trim() });
      byUser.set(r.user_id, list);
    }
    return ids.map((id, i) => {
      const channels = byUser.get(id) ?? [];
      const teamId = channels.find((c) => c.teamId)?.teamId ?? '';
      return new SimUser(id, benchToken(i + 1), teamId, channels, shared);
    });
  } finally {
    await client.end();
  }
}

function sampleAll(serverPid: number, pgRoot?: number) {
  return {
    at: performance.now(),
    server: sampleProcess(serverPid) ?? { cpuSeconds: 0, rssBytes: 0 },
    pg: sampleProcesses(postgresPids(pgRoot)),
    self: selfCpuSeconds(),
  };
}

function phaseResult(
  name: string,
  metrics: Metrics,
  before: ReturnType<typeof sampleAll>,
  after: ReturnType<typeof sampleAll>,
  sockets: number,
): PhaseResult {
  const seconds = (after.at - before.at) / 1000;
  return {
    name,
    seconds,
    pgTop: [],
    metrics,
    sockets,
    serverCpuPercent: ((after.server.cpuSeconds - before.server.cpuSeconds) / seconds) * 100,
    pgCpuPercent: ((after.pg.cpuSeconds - before.pg.cpuSeconds) / seconds) * 100,
    generatorCpuPercent: ((after.self - before.self) / seconds) * 100,
    serverRssBytes: after.server.rssBytes,
    pgRssBytes: after.pg.rssBytes,
  };
}

async function passwordLogins(url: string, count: number): Promise<Histogram> {
  const api = new ApiClient(url, 4);
  const h = new Histogram();
  let next = 1;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next <= count) {
        const i = next++;
        const r = await api.request('POST', '/users/login', null, {
          login_id: `user${i}`,
          password: BENCH_PASSWORD,
        });
        if (r.status === 200) h.record(r.ms);
      }
    }),
  );
  api.close();
  return h;
}

async function main(): Promise<void> {
  const users = n(args.users);
  const db = await openBenchDatabase(log);
  let server: ChildProcess | null = null;
  try {
    const raw: RawLimits | null = args['skip-raw']
      ? null
      : await measureRawLimits(db.dataSource, { log, wsClients: 2000 });
    const seeded = await seedDatabase(db.dataSource, DEFAULT_SHAPE, { log });
    if (seeded) log(`seeded in ${seeded.seconds.toFixed(1)} s`);
    const searchRate = n(args['search-rate']);
    if (searchRate > 0) await enrichForSearch(db.dataSource, log);
    const started = await startServer(db.dataSource);
    server = started.child;
    const serverPid = server.pid ?? 0;
    log(`server pid ${serverPid} at ${started.url}`);
    const report: RunReport = {
      users,
      raw,
      phases: [],
      seed: seeded,
      idle: null,
      logins: null,
      startErrors: 0,
    };

    const loginCount = n(args.logins);
    const loginStart = performance.now();
    const logins = await passwordLogins(started.url, loginCount);
    report.logins = {
      histogram: logins,
      perSecond: logins.count / ((performance.now() - loginStart) / 1000),
    };

    const metrics = new Metrics();
    const api = new ApiClient(started.url, 256);
    const shared: SimShared = {
      api,
      metrics,
      wsUrl: `${started.url.replace('http', 'ws')}/api/v4/websocket`,
      online: new Map(),
      minIdleMs: n(args['min-idle-ms']),
      avgIdleMs: n(args['avg-idle-ms']),
      stopAt: Infinity,
      without: new Set((args.without ?? '').split(',').filter(Boolean)),
    };
    const sims = await loadUsers(db.dataSource, users, shared);

    // Phase 1: idle sockets on a fresh server (a settled heap); RSS growth per socket.
    report.idle = await idleSockets(shared, serverPid, n(args['idle-sockets']));

    // Phase 2: the action mix. Users start spread over the ramp, as load-test-ng adds them.
    const sampler = new PgSampler(db.dataSource);
    await sampler.start();
    log(`mix: ${users} users for ${args.duration} s (ramp ${args.ramp} s)`);
    const before = sampleAll(serverPid, db.postmasterPid);
    const loadBefore = loadavg();
    shared.stopAt = performance.now() + n(args.duration) * 1000;
    const searches =
      searchRate > 0
        ? runSearches(api, sims, searchRate, shared.stopAt, () => shared.metrics)
        : Promise.resolve();
    const mixEnd = sleep(n(args.duration) * 1000).then(() => sampleAll(serverPid, db.postmasterPid));
    const rampMs = n(args.ramp) * 1000;
    const loops = sims.map(async (u, i) => {
      await sleep((i / users) * rampMs);
      try {
        await u.start();
      } catch {
        report.startErrors++;
        return;
      }
      await u.loop();
    });
    const after = await mixEnd;
    report.loadAverage = { before: loadBefore, after: loadavg() };
    const mixTop = sampler.top(6);
    sampler.reset();
    const online = sims.filter((u) => u.socket?.open).length;
    // Requests still in flight finish (bounded), then deliveries get a grace period.
    await Promise.race([Promise.all([...loops, searches]), sleep(15_000)]);
    await sleep(2000);
    metrics.settle();
    report.phases.push({ ...phaseResult('mix', metrics, before, after, online), pgTop: mixTop });
    sampler.reset();

    // Phase 3: sustained posting — posters in a closed loop, everybody else online and receiving.
    const burst = new Metrics();
    shared.metrics = burst;
    const posters = sims.filter((u) => u.socket?.open && u.channels.length).slice(0, n(args.posters));
    log(`burst: ${posters.length} posters without idle time for ${args['burst-duration']} s`);
    const b0 = sampleAll(serverPid, db.postmasterPid);
    const burstEnd = performance.now() + n(args['burst-duration']) * 1000;
    const burstAfter = sleep(n(args['burst-duration']) * 1000).then(() =>
      sampleAll(serverPid, db.postmasterPid),
    );
    await Promise.all(
      posters.map(async (u) => {
        while (performance.now() < burstEnd)
          await u.createPost(u.channels[Math.floor(Math.random() * u.channels.length)]);
      }),
    );
    const b1 = await burstAfter;
    const burstTop = sampler.top(6);
    await sampler.stop();
    await sleep(2000);
    burst.settle();
    report.phases.push({
      ...phaseResult('burst', burst, b0, b1, sims.filter((u) => u.socket?.open).length),
      pgTop: burstTop,
    });

    for (const u of sims) u.stop();
    api.close();
    printReport(report);
    if (args.json)
      await writeFile(
        args.json,
        JSON.stringify(report, (_k, v) => (v instanceof Map ? Object.fromEntries(v) : v), 2),
      );
  } finally {
    if (server) await stopChild(server);
    await db.stop();
  }
}

async function idleSockets(shared: SimShared, serverPid: number, count: number) {
  const { SimSocket } = await import('./sim/socket.ts');
  log(`idle: opening ${count} authenticated idle sockets`);
  await sleep(2000);
  const rssBefore = sampleProcess(serverPid)?.rssBytes ?? 0;
  const sockets: InstanceType<typeof SimSocket>[] = [];
  let failed = 0;
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) => {
      const s = new SimSocket(shared.wsUrl, benchToken(((i + j) % DEFAULT_SHAPE.users) + 1), () => {});
      sockets.push(s);
      return s.connect().catch(() => failed++);
    });
    await Promise.all(batch);
  }
  await sleep(5000);
  const rssAfter = sampleProcess(serverPid)?.rssBytes ?? 0;
  for (const s of sockets) s.close();
  const opened = count - failed;
  const perSocket = opened > 0 ? (rssAfter - rssBefore) / opened : NaN;
  return {
    opened,
    failed,
    rssBefore,
    rssAfter,
    bytesPerSocket: perSocket,
    socketsPerGB: 2 ** 30 / perSocket,
  };
}

await main();
