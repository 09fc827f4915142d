import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/**
 * Mattermost's OpenAPI definitions, as JSON Schema, for checking that Parley's responses have the
 * shapes the official clients expect. The YAML lives outside the repository: in CI the repo is
 * cloned to `<dir>/main` with `<dir>/shared` beside it, so from apps/server/test it is four levels up.
 */
export const OPENAPI_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/reference/mattermost-openapi',
);

type Schema = { [key: string]: unknown };

export interface OpenApi {
  /** The names of every component schema. */
  names(): string[];
  /**
   * Ajv's error messages for `value` against component `name` (empty when it conforms). Errors at
   * the instance paths in `allowed` (JSON pointers without array indices, e.g. "/timezone/x") are
   * left out.
   */
  errors(name: string, value: unknown, allowed?: readonly string[]): string[];
  /**
   * Dotted paths of properties the schema lists that `value` lacks, looking into nested objects and
   * array items the response does have. `allowed` holds paths Parley may leave out.
   */
  missing(name: string, value: unknown, allowed?: readonly string[]): string[];
}

const COMPONENT_REF = '#/components/schemas/';

/**
 * OpenAPI 3.0 → JSON Schema (draft-07, as ajv reads it): component refs point into `definitions`,
 * `nullable: true` widens the type to admit null, and keywords JSON Schema lacks are dropped.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)) {
      out.$ref = `#/definitions/${value.slice(COMPONENT_REF.length)}`;
    } else if (key === 'nullable' || key === 'example' || key === 'xml' || key === 'discriminator') {
      continue;
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  const src = node as Schema;
  if (src.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (out.enum) out.enum = [...(out.enum as unknown[]), null];
  }
  return out;
}

function isObject(v: unknown): v is Schema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Loads `<dir>/definitions.yaml`; fails, naming the path, when it is not there. */
export async function loadOpenApi(dir = OPENAPI_DIR): Promise<OpenApi> {
  const file = resolve(dir, 'definitions.yaml');
  if (!existsSync(file)) {
    throw new Error(
      `Mattermost OpenAPI definitions not found: looked for ${file} ` +
        `(expected the shared/ folder beside the repository checkout, i.e. <dir>/shared next to <dir>/main)`,
    );
  }
  const doc = parse(await readFile(file, 'utf8')) as { components?: { schemas?: Schema } };
  const raw = doc.components?.schemas;
  if (!raw) throw new Error(`${file} has no components.schemas`);
  const definitions = toJsonSchema(raw) as Record<string, Schema>;

  const ajv = new Ajv({ strict: false, allErrors: true });
  // int64 counts milliseconds; JSON numbers carry them exactly while they stay safe integers.
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ $id: 'mattermost', definitions }, 'mattermost');

  const validators = new Map<string, ValidateFunction>();
  const validator = (name: string) => {
    let v = validators.get(name);
    if (!v) {
      if (!definitions[name]) throw new Error(`no component schema ${name} in ${file}`);
      v = ajv.compile({ $ref: `mattermost#/definitions/${name}` });
      validators.set(name, v);
    }
    return v;
  };

  const deref = (schema: unknown): Schema => {
    let s = isObject(schema) ? schema : {};
    while (typeof s.$ref === 'string') s = definitions[s.$ref.replace('#/definitions/', '')] ?? {};
    return s;
  };
  /** The properties a schema lists, allOf branches included. */
  const propertiesOf = (schema: unknown): Record<string, unknown> => {
    const s = deref(schema);
    const own = isObject(s.properties) ? s.properties : {};
    const inherited = Array.isArray(s.allOf) ? s.allOf.map(propertiesOf) : [];
    return Object.assign({}, ...inherited, own);
  };

  const collectMissing = (schema: unknown, value: unknown, path: string, out: string[]) => {
    const s = deref(schema);
    if (Array.isArray(value)) {
      if (s.type === 'array' && s.items) {
        value.forEach((item, i) => collectMissing(s.items, item, `${path}[${i}]`, out));
      }
      return;
    }
    if (!isObject(value)) return;
    for (const [prop, propSchema] of Object.entries(propertiesOf(s))) {
      const at = path ? `${path}.${prop}` : prop;
      if (!(prop in value)) out.push(at);
      else collectMissing(propSchema, value[prop], at, out);
    }
  };

  return {
    names: () => Object.keys(definitions),
    errors: (name, value, allowed = []) => {
      const v = validator(name);
      if (v(value)) return [];
      return (v.errors ?? [])
        .filter((e) => !allowed.includes(e.instancePath.replace(/\/\d+(?=\/|$)/g, '')))
        .map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
    },
    missing: (name, value, allowed = []) => {
      if (!definitions[name]) throw new Error(`no component schema ${name} in ${file}`);
      const out: string[] = [];
      collectMissing(definitions[name], value, '', out);
      // Array indices are dropped for the allow-list, so "categories.id" covers every category.
      return out.filter((p) => !allowed.includes(p.replace(/\[\d+\]/g, '')));
    },
  };
}
