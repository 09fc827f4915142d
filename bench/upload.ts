import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { defaultConfig } from '../apps/server/src/config/defaults.ts';
import { freePort, startEmbeddedPostgres } from '../apps/server/src/db/embedded.ts';
import { spawnNode, stopChild } from './lib/child.ts';
import { ApiClient } from './lib/http.ts';
import { Histogram, fmt, fmtMs, sleep } from './lib/stats.ts';
import { measureHello } from './raw-limits.ts';

/**
 * Upload throughput (issue 7): `--concurrency` uploaders in a closed loop through POST /files
 * (multipart, one file per request, as the web app sends them) for `--duration` seconds per file
 * size, against a server started here on its own throw-away database and file directory. The
 * files are random bytes (`.bin`), so this measures the upload path itself — parsing, storing,
 * the file_infos row — not thumbnailing. Printed beside this machine's raw limits measured in
 * the same run: plain disk writes of the same sizes and a hello-world HTTP server.
 */

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '8' },
    duration: { type: 'string', default: '10' },
    'skip-raw': { type: 'boolean', default: false },
  },
});
const log = (m: string) => console.error(`[upload-bench] ${m}`);
const concurrency = Number(values.concurrency);
const seconds = Number(values.duration);
const SIZES = [
  { label: '100 KB', bytes: 100 * 1024 },
  { label: '5 MB', bytes: 5 * 1024 * 1024 },
];

async function startServer(
  dataSource: string,
  filesDir: string,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const config = defaultConfig();
  config.ServiceSettings.ListenAddress = `127.0.0.1:${port}`;
  config.SqlSettings.DataSource = dataSource;
  config.LogSettings.ConsoleLevel = 'WARN';
  config.FileSettings.Directory = filesDir;
  const configPath = join(filesDir, '..', 'config.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const main = fileURLToPath(new URL('../apps/server/src/main.ts', import.meta.url));
  const { child } = await spawnNode(
    main,
    [],
    { ...process.env, MM_CONFIG: configPath, DATABASE_URL: '' },
    resolve(filesDir, '..'),
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

/** The first user (system admin), a team, and its town-square: where the files go. */
async function setUp(url: string): Promise<{ token: string; channelId: string }> {
  const api = new ApiClient(url, 1);
  try {
    const user = { email: 'uploader@example.com', username: 'uploader', password: 'Upload-bench-1!' };
    const created = await api.request('POST', '/users', null, user);
    if (created.status !== 201) throw new Error(`create user: ${created.status} ${created.body}`);
    const login = await api.request('POST', '/users/login', null, {
      login_id: user.username,
      password: user.password,
    });
    const token = String(login.headers.token ?? '');
    if (!token) throw new Error(`login: ${login.status} ${login.body}`);
    const team = await api.request('POST', '/teams', token, {
      name: 'uploads',
      display_name: 'Uploads',
      type: 'O',
    });
    if (team.status !== 201) throw new Error(`create team: ${team.status} ${team.body}`);
    const teamId = (JSON.parse(team.body) as { id: string }).id;
    const channel = await api.request('GET', `/teams/${teamId}/channels/name/town-square`, token);
    if (channel.status !== 200) throw new Error(`town-square: ${channel.status} ${channel.body}`);
    return { token, channelId: (JSON.parse(channel.body) as { id: string }).id };
  } finally {
    api.close();
  }
}

/** One multipart body (channel_id, client_ids, files) built once per size and sent many times. */
function multipart(channelId: string, data: Buffer): { body: Buffer; type: string } {
  const boundary = `----parley-bench-${randomBytes(8).toString('hex')}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head =
    field('channel_id', channelId) +
    field('client_ids', 'bench-0') +
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="blob.bin"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  return {
    body: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

function post(agent: http.Agent, url: URL, token: string, form: { body: Buffer; type: string }) {
  const started = performance.now();
  return new Promise<{ status: number; ms: number }>((done) => {
    const req = http.request(
      {
        host: url.hostname,
        port: Number(url.port),
        method: 'POST',
        path: '/api/v4/files',
        agent,
        headers: {
          Authorization: `Bearer ${token}`,
          'X-Requested-With': 'XMLHttpRequest',
          'Content-Type': form.type,
          'Content-Length': form.body.length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => done({ status: res.statusCode ?? 0, ms: performance.now() - started }));
        res.on('error', () => done({ status: 0, ms: performance.now() - started }));
      },
    );
    req.on('error', () => done({ status: 0, ms: performance.now() - started }));
    req.end(form.body);
  });
}

interface Result {
  label: string;
  bytes: number;
  ok: number;
  failed: number;
  seconds: number;
  latency: Histogram;
}

async function run(
  url: string,
  token: string,
  channelId: string,
  size: (typeof SIZES)[number],
): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const form = multipart(channelId, randomBytes(size.bytes));
  const target = new URL(url);
  const latency = new Histogram();
  let ok = 0;
  let failed = 0;
  // Warm-up: a few uploads so sockets are open and both sides are optimised.
  await Promise.all(Array.from({ length: concurrency }, () => post(agent, target, token, form)));
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const r = await post(agent, target, token, form);
        if (r.status === 201) {
          ok++;
          latency.record(r.ms);
        } else failed++;
      }
    }),
  );
  agent.destroy();
  return { ...size, ok, failed, seconds: (performance.now() - started) / 1000, latency };
}

/** Plain writeFile + rename of the same sizes into a directory on the same disk, one writer per uploader. */
async function rawDiskMBps(dir: string, bytes: number, forSeconds: number): Promise<number> {
  await mkdir(dir, { recursive: true });
  const data = randomBytes(bytes);
  const deadline = performance.now() + forSeconds * 1000;
  const started = performance.now();
  let written = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; performance.now() < deadline; i++) {
        await writeFile(join(dir, `${w}-${i}`), data);
        written += bytes;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await rm(dir, { recursive: true, force: true });
  return written / 1e6 / elapsed;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

const work = await mkdtemp(join(tmpdir(), 'parley-upload-bench-'));
// As root, the embedded PostgreSQL runs as `postgres`, which must be able to enter the folder.
await chmod(work, 0o755);
const filesDir = join(work, 'files');
await mkdir(filesDir);
let db: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
let server: { child: ChildProcess; url: string } | null = null;
try {
  log(`load average before (1/5/15 min): ${load()}`);
  const raw: { hello?: number; disk: Map<number, number> } = { disk: new Map() };
  if (!values['skip-raw']) {
    log('raw limits: hello-world HTTP and plain disk writes');
    raw.hello = await measureHello(3, 64);
    for (const s of SIZES) raw.disk.set(s.bytes, await rawDiskMBps(join(work, 'raw'), s.bytes, 3));
  }
  const dataSource =
    process.env.DATABASE_URL ?? (db = await startEmbeddedPostgres(join(work, 'db'), log)).dataSource;
  server = await startServer(dataSource, filesDir);
  const { token, channelId } = await setUp(server.url);
  const results: Result[] = [];
  for (const size of SIZES) {
    log(`${size.label}: ${concurrency} uploaders for ${seconds} s`);
    results.push(await run(server.url, token, channelId, size));
  }
  console.log(`\nUploads: ${concurrency} concurrent uploaders, ${seconds} s per size, POST /files multipart`);
  console.log('| file | files/s | MB/s | p50 | p99 | failed | raw disk writes |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const mbps = (r.ok * r.bytes) / 1e6 / r.seconds;
    const disk = raw.disk.get(r.bytes);
    console.log(
      `| ${r.label} | ${fmt(r.ok / r.seconds, 1)} | ${fmt(mbps, 1)} | ${fmtMs(r.latency.percentile(50))} | ` +
        `${fmtMs(r.latency.percentile(99))} | ${r.failed} | ${disk === undefined ? 'n/a' : `${fmt(disk)} MB/s`} |`,
    );
  }
  if (raw.hello !== undefined)
    console.log(`\nRaw: hello-world HTTP (node:http, 64 connections) ${fmt(raw.hello)} req/s`);
  console.log(`Load average after (1/5/15 min): ${load()}`);
} finally {
  if (server) await stopChild(server.child);
  if (db) await db.stop();
  await rm(work, { recursive: true, force: true });
}
