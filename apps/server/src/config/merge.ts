/** Plain-object helpers for nested config: merging, flattening to dotted paths, type checks. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with every value of `over` laid on top, recursively; neither argument is changed. */
export function deepMerge<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return out as T;
}

export function deepClone<T>(value: T): T {
  return structuredClone(value);
}

/** Describes why `value` does not fit the shape of `reference` (same keys, same JSON types), or null. */
export function shapeMismatch(reference: unknown, value: unknown, path = ''): string | null {
  if (isPlainObject(reference)) {
    if (!isPlainObject(value)) return `${path || 'config'} must be an object`;
    for (const key of Object.keys(value)) {
      if (!(key in reference)) continue; // unknown settings are kept, as Mattermost does
      const problem = shapeMismatch(reference[key], value[key], path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    return null;
  }
  if (Array.isArray(reference)) {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      return `${path} must be a list of strings`;
    return null;
  }
  if (typeof reference === 'number') {
    return typeof value === 'number' && Number.isFinite(value) ? null : `${path} must be a number`;
  }
  return typeof value === typeof reference ? null : `${path} must be a ${typeof reference}`;
}

export function getPath(obj: unknown, path: string): unknown {
  let cursor: unknown = obj;
  for (const part of path.split('.')) {
    if (!isPlainObject(cursor)) return undefined;
    cursor = cursor[part];
  }
  return cursor;
}

export function setPath(obj: JsonObject, path: string, value: Json): void {
  const parts = path.split('.');
  let cursor = obj;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cursor[part])) cursor[part] = {};
    cursor = cursor[part] as JsonObject;
  }
  cursor[parts[parts.length - 1]] = value;
}
