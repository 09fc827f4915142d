import { Value } from '@sinclair/typebox/value';
import type { Route } from '../../src/http/route.ts';
import { EXCLUDED, objectsFor, type Obj } from './rules.ts';
import { DEAD_ACTORS, type Actor, type ActorName, type World } from './world.ts';

/** One request of the matrix: a route, its path filled with world objects, and who calls. */
export interface Case {
  route: Route;
  path: string;
  objects: Obj[];
  actor: Actor;
  /** Whether the policy lets this actor through (then only reads are sent). */
  allowed: boolean;
  body?: unknown;
}

const PARAM = /:([a-z_]+)/g;

function cartesian<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]]);
}

/**
 * A plausible minimal body: the route's schema defaults, with the ids it names pointing at this
 * case's objects and user_id at the caller (the usual attack: "add me", "make me admin").
 */
function bodyFor(route: Route, binding: Record<string, string>, actor: Actor): unknown {
  let base: Record<string, unknown> = {};
  if (route.body) {
    try {
      const made = Value.Create(route.body) as unknown;
      if (Array.isArray(made))
        return (binding.channel_id ?? binding.post_id) ? [binding.channel_id ?? binding.post_id] : made;
      if (made && typeof made === 'object') base = made as Record<string, unknown>;
    } catch {
      // A schema Value.Create cannot fill (formats, patterns): the generic body below stands.
    }
  }
  const overlay: Record<string, unknown> = {
    ...binding,
    user_id: actor.userId ?? binding.user_id ?? '',
    message: 'matrix write',
    display_name: 'matrix',
    name: 'matrixname',
    roles: 'system_admin',
    active: true,
  };
  // With a schema, only the fields it knows (an unknown one would be refused before any check).
  const known = (route.body as { properties?: Record<string, unknown> } | undefined)?.properties;
  for (const [k, v] of Object.entries(overlay)) if (!known || k in known) base[k] = v;
  return base;
}

function applies(objects: Obj[], actor: ActorName, isRead: boolean): boolean {
  return objects.every((o) => (isRead ? o.readers : (o.writers ?? o.readers)).has(actor));
}

/**
 * Every route with an id parameter × each object its parameters can name × every actor. Allowed
 * actors only read (so the world stays as built); refused actors also try every write.
 */
export function buildCases(world: World, routes: Route[]): { cases: Case[]; skipped: string[] } {
  const cases: Case[] = [];
  const skipped: string[] = [];
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const params = [...route.url.matchAll(PARAM)].map((m) => m[1]!);
    if (params.length === 0 || EXCLUDED[key]) continue;
    const perParam = params.map((p) => objectsFor(world, route, p));
    if (perParam.some((list) => list === null)) {
      skipped.push(key);
      continue;
    }
    const isRead = route.method === 'GET';
    for (const combo of cartesian(perParam as Obj[][])) {
      const binding: Record<string, string> = {};
      params.forEach((p, i) => (binding[p] = combo[i]!.id));
      const path = route.url.replace(PARAM, (_m, p: string) => encodeURIComponent(binding[p]!));
      for (const actor of Object.values(world.actors)) {
        const dead = DEAD_ACTORS.includes(actor.name);
        const allowed = !dead && applies(combo, actor.name, isRead);
        // Writes by entitled callers would change the world under the later cases.
        if (allowed && !isRead) continue;
        cases.push({
          route,
          path,
          objects: combo,
          actor,
          allowed,
          body: isRead || route.streamBody ? undefined : bodyFor(route, binding, actor),
        });
      }
    }
  }
  return { cases, skipped };
}

export interface Outcome {
  status: number;
  text: string;
  requestText: string;
}

/** Sends one case over HTTP with the actor's Bearer token; bounded at 5 s. */
export async function send(world: World, c: Case): Promise<Outcome> {
  const url = (c.route.absolute ? world.server.url : `${world.server.url}/api/v4`) + c.path;
  const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest' };
  if (c.actor.token) headers.Authorization = `Bearer ${c.actor.token}`;
  const body = c.body === undefined ? undefined : JSON.stringify(c.body);
  if (body) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {
    method: c.route.method,
    headers,
    body,
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.text();
  return { status: res.status, text, requestText: `${c.path} ${body ?? ''}` };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
