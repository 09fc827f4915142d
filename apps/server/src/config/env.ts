import { isPlainObject, type Json, type JsonObject } from './merge.ts';

/**
 * Mattermost's environment overrides: MM_<SECTION>_<SETTING> (the JSON path upper-cased and joined
 * by `_`), typed by the default value. DATABASE_URL is an alias for SqlSettings.DataSource.
 * Returns the overriding values keyed by dotted path.
 */
export function readEnvOverrides(defaults: JsonObject, env: NodeJS.ProcessEnv): Map<string, Json> {
  const found = new Map<string, Json>();
  const walk = (node: JsonObject, prefix: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      const path = [...prefix, key];
      if (isPlainObject(value)) {
        walk(value, path);
        continue;
      }
      const raw = env[`MM_${path.join('_').toUpperCase()}`];
      if (raw === undefined) continue;
      found.set(path.join('.'), parseEnvValue(value, raw, path.join('.')));
    }
  };
  walk(defaults, []);
  if (env.DATABASE_URL && !found.has('SqlSettings.DataSource')) {
    found.set('SqlSettings.DataSource', env.DATABASE_URL);
  }
  return found;
}

function parseEnvValue(reference: Json, raw: string, path: string): Json {
  if (typeof reference === 'boolean') {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw new Error(`Environment setting for ${path} must be "true" or "false", got "${raw}".`);
  }
  if (typeof reference === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) {
      throw new Error(`Environment setting for ${path} must be a number, got "${raw}".`);
    }
    return n;
  }
  if (Array.isArray(reference)) return raw.split(' ').filter(Boolean);
  return raw;
}
