import { badRequest, invalidBodyParam } from '../../errors/app-error.ts';
import { isValidId } from '../../platform/ids.ts';

/** A preference as on the wire (all strings). */
export interface Preference {
  user_id: string;
  category: string;
  name: string;
  value: string;
}

/** Bounds one save or delete request; clients send a handful at a time. */
export const MAX_PREFERENCES_PER_REQUEST = 100;
/** Mattermost's MaxPreferenceValueLength, counted in runes. */
export const MAX_VALUE_RUNES = 20000;
/** Mattermost measures category and name in bytes (Go's len). */
const MAX_CATEGORY_BYTES = 32;
const MAX_NAME_BYTES = 32;
const MAX_VISIBLE_DMS_GMS = 40;

export const FLAGGED_POST = 'flagged_post';
const THEME = 'theme';

/** Path segments as Mattermost's router accepts them for category and preference name. */
export const PATH_SEGMENT = /^[A-Za-z0-9_]+$/;

const invalid = (field: string, message: string) =>
  badRequest(`model.preference.is_valid.${field}.app_error`, message);

/**
 * Reads a request body as a list of preferences: an array of objects whose four fields are strings
 * (missing fields are empty, as Go decodes them). Anything else is a 400.
 */
export function parsePreferenceList(body: unknown, max = MAX_PREFERENCES_PER_REQUEST): Preference[] {
  if (!Array.isArray(body)) throw invalidBodyParam('preferences');
  if (body.length > max) {
    throw badRequest('api.context.invalid_body_param.app_error', `At most ${max} preferences per request.`);
  }
  return body.map((raw) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidBodyParam('preferences');
    const p = raw as Record<string, unknown>;
    const field = (name: string): string => {
      const v = p[name];
      if (v === undefined || v === null) return '';
      if (typeof v !== 'string') throw invalidBodyParam(`preferences.${name}`);
      return v;
    };
    return {
      user_id: field('user_id'),
      category: field('category'),
      name: field('name'),
      value: field('value'),
    };
  });
}

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
const runeLength = (s: string) => [...s].length;

/** Mattermost's Preference.IsValid: the problem of one preference as an AppError, or null. */
export function preferenceProblem(p: Preference) {
  if (!isValidId(p.user_id)) return invalid('id', 'Invalid user id.');
  if (p.category === '' || byteLength(p.category) > MAX_CATEGORY_BYTES) {
    return invalid('category', 'Invalid category.');
  }
  if (byteLength(p.name) > MAX_NAME_BYTES) return invalid('name', 'Invalid name.');
  if (runeLength(p.value) > MAX_VALUE_RUNES) return invalid('value', 'Value is too long.');
  if (p.category === THEME && themeProps(p.value) === null) return invalid('theme', 'Invalid theme.');
  if (p.category === 'sidebar_settings' && p.name === 'limit_visible_dms_gms') {
    const n = /^-?\d+$/.test(p.value) ? Number(p.value) : NaN;
    if (!(n >= 1 && n <= MAX_VISIBLE_DMS_GMS)) {
      return invalid('limit_visible_dms_gms', 'Invalid limit of visible direct and group messages.');
    }
  }
  return null;
}

/** A theme value is a JSON object of strings; null when it is not. */
function themeProps(value: string): Record<string, string> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const props = parsed as Record<string, unknown>;
  return Object.values(props).every((v) => typeof v === 'string') ? (props as Record<string, string>) : null;
}

const COLOR = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/;
/** Theme keys that are not colours. */
const NON_COLOR_KEYS = new Set(['image', 'type', 'codeTheme']);

/**
 * Mattermost's Preference.PreUpdate: theme colours that are not #rgb/#rrggbb become #ffffff, so a
 * stored theme can never carry CSS injected through another client's style sheet.
 */
export function sanitizePreference(p: Preference): Preference {
  if (p.category !== THEME) return p;
  const props = themeProps(p.value);
  if (!props) return p;
  const clean = Object.fromEntries(
    Object.entries(props).map(([k, v]) => [k, NON_COLOR_KEYS.has(k) || COLOR.test(v) ? v : '#ffffff']),
  );
  return { ...p, value: JSON.stringify(clean) };
}

/** Keeps the last of several entries for the same key, so one upsert statement never hits a row twice. */
export function lastPerKey(list: Preference[]): Preference[] {
  const byKey = new Map<string, Preference>();
  for (const p of list) byKey.set(`${p.category}\u0000${p.name}`, p);
  return [...byKey.values()];
}
