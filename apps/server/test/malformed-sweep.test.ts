import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { logRingOf } from '../src/domains/audit/log-ring.ts';
import { allRoutes } from '../src/routes.ts';
import { pool } from './authz/cases.ts';
import { buildWorld, type World } from './authz/world.ts';
import { startSmtpPeer } from './smtp-peer.ts';
import { createChecks, malformedBodies, rowCount } from './sweep/creates.ts';
import { sendVariant, sweepIds } from './sweep/run.ts';
import { variantsFor } from './sweep/variants.ts';

/**
 * Security measure 8: every route gets wrong types, missing and extra fields, huge values,
 * prototype keys, invalid UTF-8, wrong content types, repeated query params and bad ids, from a
 * system admin (so permission checks hide nothing) and anonymously. No 5xx (501 = feature off),
 * every error in Mattermost's JSON with its request id, no hang, no pollution, no half-written
 * rows, and no error-level line in the server log.
 */
/** One line per route and answer, with how many variants got it (the first one named). */
function summarize(problems: string[]): string[] {
  const groups = new Map<string, { first: string; n: number }>();
  for (const p of problems) {
    const key = p.replace(/ \([^)]*\)/, '').replace(/"request_id":"[a-z0-9]+"/, '');
    const g = groups.get(key);
    if (g) g.n += 1;
    else groups.set(key, { first: p, n: 1 });
  }
  return [...groups.values()].map((g) => (g.n > 1 ? `${g.first} [and ${g.n - 1} more variants]` : g.first));
}

describe('malformed-input sweep', () => {
  let w: World;
  let adminToken: string;
  const errorLines: string[] = [];
  let config: unknown;

  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;

  before(async () => {
    // A real mail peer, so POST /email/test and password resets succeed rather than fail upstream.
    smtp = await startSmtpPeer();
    w = await buildWorld({ EmailSettings: { SMTPServer: '127.0.0.1', SMTPPort: String(smtp.port) } });
    adminToken = w.admin.token;
    config = structuredClone(w.server.parley.app.config.get());
    // Every log line also goes to the ring GET /logs reads: listening there sees them all.
    const ring = logRingOf(w.server.parley.app.log)!;
    const write = ring.write.bind(ring);
    ring.write = (line: string) => {
      if ((JSON.parse(line) as { level: number }).level >= 50) errorLines.push(line);
      write(line);
    };
  });
  after(async () => {
    await w.server.close();
    await smtp.close();
    await rm(w.dir, { recursive: true, force: true });
  });

  /** The sweep logs the admin out or revokes its sessions on the way; it logs back in. */
  const keepAdmin = async () => {
    const res = await fetch(`${w.server.url}/api/v4/users/me`, {
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    await res.arrayBuffer();
    if (res.status === 401) {
      const c = w.server.client();
      await c.login(w.admin.user.username, w.admin.password);
      adminToken = c.getToken();
    }
  };

  test('every route × malformed request: no 5xx, no hang, Mattermost error JSON', async () => {
    const problems: string[] = [];
    const adminStatuses = new Map<number, number>();
    let sent = 0;
    // Deletes are swept last, so the objects the other routes name are still there.
    const routes = [...allRoutes].sort(
      (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
    );
    for (const route of routes) {
      const ids = sweepIds(w, route);
      for (const token of [adminToken, null]) {
        const variants = variantsFor(route, ids, token !== null);
        const answers = await pool(variants, 4, (v) => sendVariant(w, route, v, token));
        sent += answers.length;
        for (const a of answers) {
          if (a.problem) problems.push(a.problem);
          if (token) adminStatuses.set(a.status, (adminStatuses.get(a.status) ?? 0) + 1);
        }
      }
      // A swept PUT /config may have replaced the whole configuration: put it back.
      if (route.url.startsWith('/config')) await w.server.parley.app.config.replace(config);
      await keepAdmin();
    }
    console.log(`malformed sweep: ${sent} requests over ${routes.length} routes`);
    console.log(`admin answers by status: ${JSON.stringify(Object.fromEntries(adminStatuses))}`);
    assert.deepEqual(summarize(problems), []);
    // The admin's requests must reach the parsers: a lost session would make the sweep vacuous.
    const adminTotal = [...adminStatuses.values()].reduce((a, b) => a + b, 0);
    assert.ok((adminStatuses.get(401) ?? 0) < adminTotal * 0.05, 'the admin was mostly refused with 401');
  });

  test('malformed creates write nothing: rows added = 2xx answers, per kind', async () => {
    await keepAdmin();
    const problems: string[] = [];
    let sent = 0;
    for (const check of createChecks(w)) {
      const before = await rowCount(w, check.table);
      let created = 0;
      for (const { label, body } of malformedBodies(check)) {
        sent += 1;
        const res = await fetch(`${w.server.url}/api/v4${check.url}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.timeout(5000),
        });
        const text = await res.text();
        if (res.status >= 500)
          problems.push(`POST ${check.url} (${label}): ${res.status} ${text.slice(0, 200)}`);
        if (res.status >= 200 && res.status < 300) created += 1;
      }
      const added = (await rowCount(w, check.table)) - before;
      if (added !== created)
        problems.push(`POST ${check.url}: ${added} ${check.table} rows for ${created} successes`);
    }
    console.log(`malformed creates: ${sent} requests`);
    assert.deepEqual(problems, []);
  });

  test('afterwards: no prototype pollution, server log clean', () => {
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
    assert.equal((Object.create(null) as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(errorLines, []);
  });
});
