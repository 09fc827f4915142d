import { CHANNEL_MODERATED_PERMISSIONS } from '../../permissions/roles.ts';

/** Mattermost's scheme rules (model/scheme.go) and channel moderation rules (model/role.go). */

export type SchemeScope = 'team' | 'channel';

const SCHEME_NAME = /^[a-z0-9_]{2,64}$/;
const MAX_DISPLAY_NAME = 128;
const MAX_DESCRIPTION = 1024;

export interface SchemeFields {
  name?: string;
  display_name?: string;
  description?: string;
}

/** Reads name/display_name/description from a body; null when one of them is not a string. */
export function schemeFields(body: Record<string, unknown>): SchemeFields | null {
  const out: SchemeFields = {};
  for (const key of ['name', 'display_name', 'description'] as const) {
    const v = body[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return null;
    out[key] = v;
  }
  return out;
}

/** What is wrong with a scheme's fields as they would be saved, or null (IsValidForCreate). */
export function schemeProblem(s: { name: string; display_name: string; description: string }): string | null {
  if (!SCHEME_NAME.test(s.name)) return 'Scheme name must be 2–64 lowercase letters, digits or underscores.';
  if (s.display_name === '' || [...s.display_name].length > MAX_DISPLAY_NAME)
    return `Scheme display name must be 1–${MAX_DISPLAY_NAME} characters.`;
  if ([...s.description].length > MAX_DESCRIPTION)
    return `Scheme description must be at most ${MAX_DESCRIPTION} characters.`;
  return null;
}

export function isSchemeScope(v: unknown): v is SchemeScope {
  return v === 'team' || v === 'channel';
}

/** The moderation names in the order Mattermost lists them (model.ChannelModeratedPermissions). */
export const MODERATION_NAMES = ['create_post', 'create_reactions', 'manage_members', 'use_channel_mentions'];

/** A channel scheme's member/guest roles keep only moderated permissions (filterModerated). */
export function moderatedOnly(permissions: readonly string[]): string[] {
  return permissions.filter((p) => Object.hasOwn(CHANNEL_MODERATED_PERMISSIONS, p));
}

/**
 * The moderation names a role's permissions turn on in a channel of `type`
 * (Role.GetChannelModeratedPermissions): manage_members follows the channel's privacy.
 */
export function moderationValues(permissions: readonly string[], type: string): Set<string> {
  const out = new Set<string>();
  for (const p of permissions) {
    const name = CHANNEL_MODERATED_PERMISSIONS[p];
    if (!name) continue;
    if (p === 'manage_public_channel_members' && type !== 'O') continue;
    if (p === 'manage_private_channel_members' && type !== 'P') continue;
    out.add(name);
  }
  return out;
}

export interface ModerationPatch {
  name: string;
  members?: boolean;
  guests?: boolean;
}

/** Most entries one moderation patch may carry: four names, a few repeats at most. */
const MAX_PATCH_ENTRIES = 16;

/** Parses PUT /channels/{id}/moderations/patch; null when malformed or naming an unknown permission. */
export function parseModerationPatch(body: unknown): ModerationPatch[] | null {
  if (!Array.isArray(body) || body.length > MAX_PATCH_ENTRIES) return null;
  const out: ModerationPatch[] = [];
  for (const entry of body) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return null;
    const { name, roles } = entry as { name?: unknown; roles?: unknown };
    if (typeof name !== 'string' || !MODERATION_NAMES.includes(name)) return null;
    if (!roles || typeof roles !== 'object' || Array.isArray(roles)) return null;
    const { members, guests } = roles as { members?: unknown; guests?: unknown };
    if (members !== undefined && members !== null && typeof members !== 'boolean') return null;
    if (guests !== undefined && guests !== null && typeof guests !== 'boolean') return null;
    out.push({
      name,
      ...(typeof members === 'boolean' ? { members } : {}),
      ...(typeof guests === 'boolean' ? { guests } : {}),
    });
  }
  return out;
}

/**
 * The permissions of a channel scheme's member or guest role after a moderation patch
 * (Role.RolePatchFromChannelModerationsPatch): moderated permissions the patch turns off are
 * dropped, those it turns on are added; only moderated permissions are kept.
 */
export function applyModerationPatch(
  current: readonly string[],
  patch: readonly ModerationPatch[],
  who: 'members' | 'guests',
): string[] {
  const out = new Set<string>();
  for (const p of current) {
    const name = CHANNEL_MODERATED_PERMISSIONS[p];
    if (!name) continue;
    if (patch.some((e) => e.name === name && e[who] === false)) continue;
    out.add(p);
  }
  for (const e of patch) {
    if (e[who] !== true) continue;
    for (const [p, name] of Object.entries(CHANNEL_MODERATED_PERMISSIONS)) if (name === e.name) out.add(p);
  }
  return [...out].sort();
}

/** Whether two roles hold the same moderated permissions (ChannelModeratedPermissionsChangedByPatch empty). */
export function sameModerated(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(moderatedOnly(a));
  const y = new Set(moderatedOnly(b));
  return x.size === y.size && [...x].every((p) => y.has(p));
}
