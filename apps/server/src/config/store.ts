import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EventEmitter } from 'node:events';
import { defaultConfig, FAKE_SETTING, SECRET_SETTINGS, type Config } from './defaults.ts';
import { readEnvOverrides } from './env.ts';
import {
  deepClone,
  deepMerge,
  getPath,
  isPlainObject,
  setPath,
  shapeMismatch,
  type Json,
  type JsonObject,
} from './merge.ts';
import { validateConfig } from './validate.ts';

/**
 * The config file (Mattermost's config.json layout) plus MM_* environment overrides.
 * The file is written with defaults on first start; env values win and are never written back.
 */
export class ConfigStore {
  private readonly events = new EventEmitter();
  private fileConfig: Config;
  private effective: Config;
  private readonly overrides: Map<string, Json>;
  private saving: Promise<unknown> = Promise.resolve();
  readonly path: string;

  private constructor(path: string, fileConfig: Config, overrides: Map<string, Json>) {
    this.path = path;
    this.overrides = overrides;
    this.fileConfig = fileConfig;
    this.effective = this.applyOverrides(fileConfig);
  }

  static async open(path: string, env: NodeJS.ProcessEnv = process.env): Promise<ConfigStore> {
    const overrides = readEnvOverrides(defaultConfig() as unknown as JsonObject, env);
    const fileConfig = await readConfigFile(path);
    const store = new ConfigStore(path, fileConfig, overrides);
    const problem = validateConfig(store.effective);
    if (problem) throw new Error(`Invalid configuration (${path} and MM_* variables): ${problem}`);
    await store.write(fileConfig);
    return store;
  }

  get(): Config {
    return this.effective;
  }

  /** Dotted paths of settings set by environment variables. */
  overriddenPaths(): string[] {
    return [...this.overrides.keys()];
  }

  /** `{Section: {Setting: true}}` for every env-set value, as GET /config/environment returns. */
  environmentTree(): JsonObject {
    const tree: JsonObject = {};
    for (const path of this.overrides.keys()) setPath(tree, path, true);
    return tree;
  }

  /**
   * Replaces the file config with `incoming` (a whole config as returned by GET /config, masked
   * secrets included). Returns an error message for invalid input, or null once written.
   */
  replace(incoming: unknown): Promise<string | null> {
    return this.serial(() => this.replaceNow(incoming));
  }

  /**
   * Saves run one at a time: two at once shared the temporary file (the second rename failed
   * with ENOENT, a 500) and a patch could be laid over a config another save was replacing
   * (found by test/malformed-sweep.test.ts).
   */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.saving.then(fn);
    this.saving = run.catch(() => undefined);
    return run;
  }

  private async replaceNow(incoming: unknown): Promise<string | null> {
    if (!isPlainObject(incoming)) return 'config must be an object';
    const mismatch = shapeMismatch(defaultConfig(), incoming);
    if (mismatch) return mismatch;
    const next = deepMerge(defaultConfig(), incoming) as Config;
    for (const path of SECRET_SETTINGS) {
      const sent = getPath(next, path);
      if (sent === FAKE_SETTING || (Array.isArray(sent) && sent.includes(FAKE_SETTING))) {
        setPath(next as unknown as JsonObject, path, getPath(this.fileConfig, path) as Json);
      }
    }
    // Values set by the environment stay as they are in the file: the environment owns them.
    for (const path of this.overrides.keys()) {
      setPath(next as unknown as JsonObject, path, getPath(this.fileConfig, path) as Json);
    }
    const problem = validateConfig(this.applyOverrides(next));
    if (problem) return problem;
    await this.write(next);
    this.fileConfig = next;
    this.effective = this.applyOverrides(next);
    this.events.emit('change', this.effective);
    return null;
  }

  /**
   * Lays a partial config (PUT /config/patch) over the current file config and saves the result
   * as replace() does. Returns an error message for invalid input, or null once written.
   */
  patch(partial: unknown): Promise<string | null> {
    return this.serial(async () => {
      if (!isPlainObject(partial)) return 'config must be an object';
      return this.replaceNow(deepMerge(this.fileConfig, partial));
    });
  }

  /** Re-reads the file, as POST /config/reload does. */
  reload(): Promise<string | null> {
    return this.serial(() => this.reloadNow());
  }

  private async reloadNow(): Promise<string | null> {
    const fileConfig = await readConfigFile(this.path);
    const effective = this.applyOverrides(fileConfig);
    const problem = validateConfig(effective);
    if (problem) return problem;
    this.fileConfig = fileConfig;
    this.effective = effective;
    this.events.emit('change', this.effective);
    return null;
  }

  onChange(listener: (config: Config) => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  private applyOverrides(fileConfig: Config): Config {
    const out = deepClone(fileConfig) as unknown as JsonObject;
    for (const [path, value] of this.overrides) setPath(out, path, value);
    return out as unknown as Config;
  }

  private async write(config: Config): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    await writeFile(tmp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, this.path);
  }
}

async function readConfigFile(path: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return defaultConfig();
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`The config file ${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const mismatch = shapeMismatch(defaultConfig(), parsed);
  if (mismatch) throw new Error(`The config file ${path} is invalid: ${mismatch}`);
  return deepMerge(defaultConfig(), parsed);
}

/** The config with secrets replaced by Mattermost's fake value, for GET /config. */
export function maskSecrets(config: Config): JsonObject {
  const out = deepClone(config) as unknown as JsonObject;
  for (const path of SECRET_SETTINGS) {
    const value = getPath(out, path);
    if (Array.isArray(value))
      setPath(
        out,
        path,
        value.map(() => FAKE_SETTING),
      );
    else if (value) setPath(out, path, FAKE_SETTING);
  }
  return out;
}
