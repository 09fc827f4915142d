import type { App, Session } from '../../app.ts';
import { badRequest, invalidParam } from '../../errors/app-error.ts';
import { requireSystemPermission } from '../../permissions/authorize.ts';
import type { RoleRow } from '../../permissions/catalog.ts';
import { newId } from '../../platform/ids.ts';
import { presentRole } from '../roles/present.ts';
import {
  applyModerationPatch,
  MODERATION_NAMES,
  moderationValues,
  parseModerationPatch,
  sameModerated,
} from './policy.ts';
import {
  channelNotFound,
  deleteSchemeRows,
  insertSchemeWithRoles,
  publishChannelSchemeUpdated,
} from './service.ts';
import * as store from './store.ts';

/**
 * Channel moderation (Mattermost's GetChannelModerationsForChannel / PatchChannelModerations):
 * members' and guests' moderated permissions in one channel, kept in a channel scheme created on
 * demand. A permission the team's scheme (or the built-in roles) withholds cannot be turned on.
 */

interface ModeratedRole {
  value: boolean;
  enabled: boolean;
}

export interface ChannelModeration {
  name: string;
  roles: { members: ModeratedRole; guests: ModeratedRole | null };
}

interface Roles {
  member: RoleRow;
  guest: RoleRow | null;
}

/** buildChannelModerations: `value` from the channel's roles, `enabled` from the higher scope. */
function build(type: string, own: Roles, higher: Roles): ChannelModeration[] {
  const member = moderationValues(own.member.permissions, type);
  const guest = moderationValues(own.guest?.permissions ?? [], type);
  const hMember = moderationValues(higher.member.permissions, type);
  const hGuest = moderationValues(higher.guest?.permissions ?? [], type);
  return MODERATION_NAMES.map((name) => ({
    name,
    roles: {
      members: { value: member.has(name), enabled: hMember.has(name) },
      guests: name === 'manage_members' ? null : { value: guest.has(name), enabled: hGuest.has(name) },
    },
  }));
}

async function loadChannel(app: App, channelId: string) {
  const c = await store.findChannelWithSchemes(app.db, channelId);
  if (!c || c.delete_at > 0) throw channelNotFound();
  if (c.type !== 'O' && c.type !== 'P') {
    throw badRequest(
      'api.channel.patch_channel_moderations.invalid_channel_type.app_error',
      'Direct and group messages have no moderation settings.',
    );
  }
  return c;
}

function role(app: App, name: string | null, fallback: string): RoleRow {
  const found = (name && app.roles.get(name)) || app.roles.get(fallback);
  if (!found) throw new Error(`role ${fallback} missing from the catalog`);
  return found;
}

function higherRoles(app: App, c: { team_user: string | null; team_guest: string | null }): Roles {
  return { member: role(app, c.team_user, 'channel_user'), guest: role(app, c.team_guest, 'channel_guest') };
}

/** GET /channels/{id}/moderations. */
export async function getModerations(app: App, session: Session, channelId: string) {
  requireSystemPermission(app, session, 'sysconsole_read_user_management_channels');
  const c = await loadChannel(app, channelId);
  const higher = higherRoles(app, c);
  const own = c.own_scheme_id
    ? { member: role(app, c.own_user, 'channel_user'), guest: role(app, c.own_guest, 'channel_guest') }
    : higher;
  return build(c.type, own, higher);
}

/**
 * PUT /channels/{id}/moderations/patch. Creates the channel's scheme when it has none; removes
 * it again when the result equals the higher scope. Members' open sessions see the change at
 * once (permission checks read the catalog, refreshed here) and clients get role_updated.
 */
export async function patchModerations(app: App, session: Session, channelId: string, body: unknown) {
  const patch = parseModerationPatch(body);
  if (!patch) throw invalidParam('channel_moderations_patch');
  requireSystemPermission(app, session, 'sysconsole_write_user_management_channels');
  const c = await loadChannel(app, channelId);
  const higher = higherRoles(app, c);
  const hMember = moderationValues(higher.member.permissions, c.type);
  const hGuest = moderationValues(higher.guest?.permissions ?? [], c.type);
  for (const e of patch) {
    if ((e.members === true && !hMember.has(e.name)) || (e.guests === true && !hGuest.has(e.name))) {
      throw badRequest(
        'api.channel.patch_channel_moderations.restricted_permission.app_error',
        'Cannot add a permission that is restricted by the team or system permission scheme.',
      );
    }
  }

  const changed: RoleRow[] = [];
  let schemeChanged = false;
  let own: Roles = higher;
  await app.db.transaction().execute(async (trx) => {
    let memberName = c.own_user;
    let guestName = c.own_guest;
    let scheme = c.own_scheme_id ? await store.findScheme(trx, c.own_scheme_id) : undefined;
    if (!scheme) {
      const name = newId();
      scheme = await insertSchemeWithRoles(app, trx, {
        name,
        display_name: name,
        description: '',
        scope: 'channel',
      });
      await store.setChannelScheme(trx, c.id, scheme.id, Date.now());
      memberName = scheme.default_channel_user_role;
      guestName = scheme.default_channel_guest_role;
      schemeChanged = true;
    }
    const currentMember = (memberName && app.roles.get(memberName)?.permissions) || null;
    const currentGuest = (guestName && app.roles.get(guestName)?.permissions) || null;
    // A scheme created just now is not in the catalog yet: its roles start from the built-ins.
    const memberPerms = applyModerationPatch(
      currentMember ?? moderatedBase(app, 'channel_user'),
      patch,
      'members',
    );
    const guestPerms = applyModerationPatch(
      currentGuest ?? moderatedBase(app, 'channel_guest'),
      patch,
      'guests',
    );
    if (
      sameModerated(memberPerms, higher.member.permissions) &&
      sameModerated(guestPerms, higher.guest?.permissions ?? [])
    ) {
      await deleteSchemeRows(trx, scheme);
      schemeChanged = true;
      return;
    }
    const now = Date.now();
    const m = await store.updateRolePermissions(trx, scheme.default_channel_user_role, memberPerms, now);
    const g = await store.updateRolePermissions(trx, scheme.default_channel_guest_role, guestPerms, now);
    if (m) changed.push(m);
    if (g) changed.push(g);
    if (m) own = { member: m, guest: g ?? null };
  });
  await app.roles.refresh();
  for (const r of changed) {
    app.events.publish({
      event: 'role_updated',
      data: { role: JSON.stringify(presentRole(r)) },
      broadcast: {},
    });
  }
  if (schemeChanged) publishChannelSchemeUpdated(app, c.id);
  return build(c.type, own, higher);
}

function moderatedBase(app: App, builtin: string): string[] {
  return [...(app.roles.get(builtin)?.permissions ?? [])];
}
