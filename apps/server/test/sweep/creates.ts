import { sql } from 'kysely';
import type { World } from '../authz/world.ts';
import { unique } from '../harness.ts';
import { HUGE } from './variants.ts';

/**
 * The create routes checked for half-written rows: a valid body each, the table its rows land
 * in, and the wrong values tried on every field of it.
 */
export interface CreateCheck {
  url: string;
  table: string;
  body: Record<string, unknown>;
}

export function createChecks(w: World): CreateCheck[] {
  const name = () => unique('sw').toLowerCase();
  return [
    {
      url: '/channels',
      table: 'channels',
      body: { team_id: w.teamA.id, name: name(), display_name: 'S', type: 'O' },
    },
    { url: '/teams', table: 'teams', body: { name: name(), display_name: 'S', type: 'O' } },
    {
      url: '/posts',
      table: 'posts',
      body: { channel_id: w.pub.id, message: 'sweep', props: {}, file_ids: [] },
    },
    { url: '/hooks/incoming', table: 'incoming_webhooks', body: { channel_id: w.pub.id, display_name: 'h' } },
    {
      url: '/hooks/outgoing',
      table: 'outgoing_webhooks',
      body: {
        team_id: w.teamA.id,
        channel_id: w.pub.id,
        display_name: 'o',
        trigger_words: ['sweep'],
        callback_urls: ['http://127.0.0.1:9/x'],
      },
    },
    {
      url: '/commands',
      table: 'commands',
      body: { team_id: w.teamA.id, trigger: name(), method: 'P', url: 'http://127.0.0.1:9/c' },
    },
    {
      url: '/users',
      table: 'users',
      body: { username: name(), email: `${name()}@example.com`, password: 'password-123' },
    },
    { url: '/bots', table: 'bots', body: { username: name(), display_name: 'b' } },
    { url: `/users/${w.owner.user.id}/tokens`, table: 'user_access_tokens', body: { description: 'd' } },
    {
      url: '/reactions',
      table: 'reactions',
      body: { user_id: w.admin.user.id, post_id: w.posts.pub, emoji_name: 'smile' },
    },
  ];
}

/** Wrong values for one field: types no create accepts, a 100 KB string, a prototype key. */
export const WRONG: [string, string][] = [
  ['array', '[]'],
  ['object', '{}'],
  ['1e308', '1e308'],
  ['bool', 'true'],
  ['huge', JSON.stringify(HUGE)],
  ['proto', '{"__proto__":{"polluted":1}}'],
];

/** The bodies sent to one create route: whole-body mistakes, then each field made wrong. */
export function malformedBodies(check: CreateCheck): { label: string; body: string }[] {
  const base = JSON.stringify(check.body);
  const out = [
    { label: 'array', body: `[${base}]` },
    { label: 'string', body: '"x"' },
    { label: 'null', body: 'null' },
    { label: '__proto__', body: base.replace(/^\{/, '{"__proto__":{"polluted":1},') },
  ];
  for (const field of Object.keys(check.body))
    for (const [label, raw] of WRONG) {
      const fields = Object.entries(check.body).map(
        ([k, v]) => `${JSON.stringify(k)}:${k === field ? raw : JSON.stringify(v)}`,
      );
      out.push({ label: `${field}=${label}`, body: `{${fields.join(',')}}` });
    }
  return out;
}

export async function rowCount(w: World, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
    w.server.parley.app.db,
  );
  return rows[0]!.n;
}
