import { Value } from '@sinclair/typebox/value';
import type { Route } from '../../src/http/route.ts';

/**
 * The malformed requests of the sweep (security measure 8): for one route, every way of getting
 * its body, query and ids wrong that a parser or a handler could trip on.
 */
export interface Variant {
  label: string;
  path: string;
  query?: string;
  /** Sent as is; undefined = no body. */
  body?: string | Buffer;
  contentType?: string;
}

export const HUGE = 'x'.repeat(100_000);
/** Valid-length ids the server must refuse with 400/404, never stumble on. */
export const BAD_IDS = [
  'ZZZZZZZZZZZZZZZZZZZZZZZZZ!',
  'abcdefghijklmnopqrstuvwxyz1',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '',
];

/** Values that are the wrong type or size for any field. */
export const FIELD_VALUES: [string, unknown][] = [
  ['array', []],
  // JSON.parse keeps __proto__ as an own key, so it is sent on the wire.
  ['nested-proto', JSON.parse('{"__proto__":{"polluted":1}}')],
  ['$ne', { $ne: null }],
  ['1e308', 1e308],
  ['-1', -1],
  ['NaN-string', 'NaN'],
  ['huge-string', HUGE],
  ['null', null],
];

/** Fields the generic body carries for routes without a schema (the usual names in api v4). */
const GENERIC_FIELDS = [
  'id',
  'user_id',
  'team_id',
  'channel_id',
  'post_id',
  'message',
  'name',
  'display_name',
  'type',
  'props',
  'roles',
  'term',
  'user_ids',
  'active',
];

const PARAM = /:([a-z_]+)/g;

export function fillPath(route: Route, ids: Record<string, string>, bad?: string): string {
  return route.url.replace(PARAM, (_m, p: string) => encodeURIComponent(bad ?? ids[p] ?? 'x'));
}

/** The route's plausible body: its schema's defaults, or the generic fields pointing at `ids`. */
export function baseBody(route: Route, ids: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (route.body) {
    try {
      const made = Value.Create(route.body) as unknown;
      if (made && typeof made === 'object' && !Array.isArray(made)) Object.assign(out, made);
    } catch {
      // An unfillable schema: the field list below still exercises it.
    }
    const props = (route.body as { properties?: Record<string, unknown> }).properties ?? {};
    for (const k of Object.keys(props)) if (!(k in out)) out[k] = ids[k] ?? 'x';
    return out;
  }
  for (const k of GENERIC_FIELDS) out[k] = ids[k] ?? (k.endsWith('s') ? [] : 'sweep');
  return out;
}

/** All variants for one route, with the world's ids in the path unless a variant says otherwise. */
export function variantsFor(route: Route, ids: Record<string, string>, withFields: boolean): Variant[] {
  const path = fillPath(route, ids);
  const out: Variant[] = [];
  const hasParams = PARAM.test(route.url);
  PARAM.lastIndex = 0;
  if (hasParams)
    for (const bad of BAD_IDS) out.push({ label: `bad id "${bad}"`, path: fillPath(route, ids, bad) });
  out.push({ label: 'repeated query', path, query: 'page=1&page=2&per_page=x&per_page=-1&since=1&since=a' });
  out.push({
    label: 'odd query values',
    path,
    query: `page=1e308&per_page=NaN&since=-1&before=%00&term[$ne]=1&q[]=a&__proto__[polluted]=1&constructor[prototype][polluted]=1`,
  });
  if (route.method === 'GET') return out;

  const base = baseBody(route, ids);
  const json = (label: string, body: string, contentType = 'application/json') =>
    out.push({ label, path, body, contentType });
  out.push({ label: 'no body', path });
  json('empty string', '', 'application/json');
  json('array', '[]');
  json('array of objects', JSON.stringify([base]));
  json('string', '"sweep"');
  json('number', '1e308');
  json('null', 'null');
  json('true', 'true');
  json('truncated json', '{"a":');
  json('__proto__', '{"__proto__":{"polluted":1}}');
  json('constructor.prototype', '{"constructor":{"prototype":{"polluted":1}}}');
  json('__proto__ in base', JSON.stringify(base).replace(/^\{/, '{"__proto__":{"polluted":1},'));
  json(
    'extra fields',
    JSON.stringify({ ...base, extra_field: 1, create_at: 1, delete_at: 1, roles: 'system_admin' }),
  );
  out.push({
    label: 'invalid utf-8',
    path,
    contentType: 'application/json',
    body: Buffer.concat([
      Buffer.from('{"message":"'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from('","name":"a"}'),
    ]),
  });
  json('form content type', 'a=1&b=2', 'application/x-www-form-urlencoded');
  json('multipart without boundary', JSON.stringify(base), 'multipart/form-data');
  json(
    'multipart garbage',
    '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n',
    'multipart/form-data; boundary=xyz',
  );
  json('xml', '<a>1</a>', 'text/xml');
  json('huge string body', JSON.stringify(HUGE));
  // Eight fields per route keep the sweep within its time budget; the generic list puts the
  // id fields first, where a wrong type would reach a query.
  if (withFields)
    for (const field of Object.keys(base).slice(0, 8))
      for (const [label, value] of FIELD_VALUES)
        json(`${field}=${label}`, JSON.stringify({ ...base, [field]: value }));
  return out;
}
