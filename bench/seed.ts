import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { connect } from '../apps/server/src/db/connection.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import { defaultConfig } from '../apps/server/src/config/defaults.ts';
import { hashPassword } from '../apps/server/src/platform/password.ts';
import { defaultNotifyProps } from '../apps/server/src/domains/users/present.ts';
import { defaultChannelMemberNotifyProps } from '../apps/server/src/domains/channels/membership.ts';
import { openBenchDatabase } from './lib/database.ts';
import * as q from './seed-sql.ts';

/**
 * The benchmark data set, written straight into the database with bulk SQL (a fixture, not a
 * workload): users with sessions, teams, public/private channels with skewed membership, direct
 * channels, posts with replies and reactions over a year, threads, and consistent counters.
 *
 * Passwords: hashing 10,000 passwords with PBKDF2 at 600,000 iterations would take most of an
 * hour of CPU, so ONE hash is made with the server's own hashPassword at the configured iteration
 * count and stored for every user. Every user's password is BENCH_PASSWORD; logins verify that
 * hash exactly as they would any other.
 */
export const BENCH_PASSWORD = 'Bench-password-1';
export const SEED_MARKER = 'ParleyBenchSeed';

export const DEFAULT_SHAPE: q.SeedShape = {
  users: 10_000,
  teams: 10,
  channelsPerTeam: 100,
  directChannels: 10_000,
  posts: 1_000_000,
};

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
/** The same ids and session tokens the SQL derives, for the load generator. */
export const benchUserId = (i: number) => md5(`user${i}`).slice(0, 26);
export const benchToken = (i: number) => md5(`token${i}`).slice(0, 26);

const WORDS = (
  'the a to and of in is it you that for on this we with be have are not i at can will do but ' +
  'so if just what about deploy build test review merge branch release fix bug issue ticket meeting ' +
  'today tomorrow yesterday morning afternoon lunch coffee team project customer design api server ' +
  'client database query index cache latency error log metrics dashboard alert incident update ' +
  'thanks please great sounds good agree done ready looks works broken check later now soon maybe ' +
  'sure ok yes no cool nice idea plan sprint demo docs spec draft feedback question answer help ' +
  'channel thread message post reply mention call sync standup retro roadmap goal estimate priority'
).split(' ');

export interface SeedReport {
  shape: q.SeedShape;
  seconds: number;
  steps: { step: string; seconds: number }[];
  rows: Record<string, number>;
  databaseBytes: number;
}

export async function seedDatabase(
  dataSource: string,
  shape: q.SeedShape,
  opts: { force?: boolean; log?: (m: string) => void; hashIterations?: number } = {},
): Promise<SeedReport | null> {
  const log = opts.log ?? (() => {});
  const conn = connect(dataSource, 2, (err) => log(`database: ${err.message}`));
  const started = performance.now();
  try {
    await migrateToLatest(conn.db);
    const client = await conn.pool.connect();
    try {
      const marker = await client.query('SELECT value FROM systems WHERE name = $1', [SEED_MARKER]);
      const users = await client.query('SELECT count(*)::int AS n FROM users');
      if (!opts.force && (marker.rowCount || users.rows[0].n > 0)) {
        log(marker.rowCount ? `already seeded: ${marker.rows[0].value}` : 'database has users; use --force');
        return null;
      }
      if (opts.force) {
        await client.query(
          'TRUNCATE users, sessions, teams, team_members, channels, channel_members, posts, post_edits, ' +
            'threads, thread_memberships, reactions, status, preferences, sidebar_categories, sidebar_channels CASCADE',
        );
        await client.query('DELETE FROM systems WHERE name = $1', [SEED_MARKER]);
      }
      const iterations = opts.hashIterations ?? defaultConfig().ParleySettings.PasswordHashIterations;
      const values: Record<string, string> = {
        now: String(Date.now()),
        hash: client.escapeLiteral(await hashPassword(BENCH_PASSWORD, iterations)),
        userNotify: client.escapeLiteral(JSON.stringify(defaultNotifyProps())),
        memberNotify: client.escapeLiteral(JSON.stringify(defaultChannelMemberNotifyProps())),
      };
      const steps: SeedReport['steps'] = [];
      const run = async (step: string, sql: string) => {
        const t = performance.now();
        await client.query(
          sql
            .replace(/\{(\w+)\}::/g, (_, name: string) => `${values[name]}::`)
            .replace(/\{hash\}/g, values.hash),
        );
        steps.push({ step, seconds: (performance.now() - t) / 1000 });
        log(`seed: ${step} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      };
      await client.query('BEGIN');
      // A fixture: losing it in a crash only means seeding again, so skip the per-commit flush.
      await client.query('SET LOCAL synchronous_commit = off');
      await run('users', q.usersSql(shape));
      await run('sessions', q.sessionsSql(shape));
      await run('teams', q.teamsSql(shape));
      await run('channels', q.channelsSql(shape));
      await run('channel members', q.channelMembersSql(shape));
      await run('direct channels', q.directChannelsSql(shape));
      await run('post plan', q.postPlanSql(shape, WORDS));
      await run('posts', q.postsSql());
      await run('reactions', q.reactionsSql());
      await run('threads', q.threadsSql());
      await run('counters', q.countersSql());
      await client.query('INSERT INTO systems (name, value) VALUES ($1, $2)', [
        SEED_MARKER,
        JSON.stringify({ ...shape, at: new Date().toISOString(), password: BENCH_PASSWORD }),
      ]);
      await client.query('COMMIT');
      await run('analyze', 'ANALYZE');
      const rows: Record<string, number> = {};
      for (const table of ['users', 'channels', 'channel_members', 'posts', 'reactions', 'threads']) {
        rows[table] = (await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
      }
      const size = await client.query('SELECT pg_database_size(current_database())::bigint AS b');
      return {
        shape,
        seconds: (performance.now() - started) / 1000,
        steps,
        rows,
        databaseBytes: Number(size.rows[0].b),
      };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  } finally {
    await conn.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      teams: { type: 'string' },
      'channels-per-team': { type: 'string' },
      'direct-channels': { type: 'string' },
      posts: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
  const shape: q.SeedShape = {
    users: num(values.users, DEFAULT_SHAPE.users),
    teams: num(values.teams, DEFAULT_SHAPE.teams),
    channelsPerTeam: num(values['channels-per-team'], DEFAULT_SHAPE.channelsPerTeam),
    directChannels: num(values['direct-channels'], DEFAULT_SHAPE.directChannels),
    posts: num(values.posts, DEFAULT_SHAPE.posts),
  };
  const log = (m: string) => console.error(m);
  const db = await openBenchDatabase(log);
  try {
    const report = await seedDatabase(db.dataSource, shape, { force: values.force, log });
    if (report) {
      console.log(`seeded in ${report.seconds.toFixed(1)} s: ${JSON.stringify(report.rows)}`);
      console.log(`database size ${(report.databaseBytes / 2 ** 20).toFixed(0)} MB`);
    }
  } finally {
    await db.stop();
  }
}
