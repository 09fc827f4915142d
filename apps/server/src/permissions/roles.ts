/** Roles strings of memberships: explicit roles plus those implied by the scheme flags. */

interface SchemeFlags {
  roles: string;
  scheme_guest: boolean;
  scheme_user: boolean;
  scheme_admin: boolean;
}

/**
 * The role names a permission scheme gives the three scheme flags. A null or empty name falls
 * back to the built-in role of the scope (team_guest, channel_user, ...).
 */
export interface SchemeRoles {
  guest: string | null;
  user: string | null;
  admin: string | null;
}

function withSchemeRoles(scope: 'team' | 'channel', m: SchemeFlags, scheme?: SchemeRoles | null): string {
  const out = m.roles.split(' ').filter(Boolean);
  if (m.scheme_guest) out.push(scheme?.guest || `${scope}_guest`);
  if (m.scheme_user) out.push(scheme?.user || `${scope}_user`);
  if (m.scheme_admin) out.push(scheme?.admin || `${scope}_admin`);
  return [...new Set(out)].join(' ');
}

export const teamMemberRoles = (m: SchemeFlags, scheme?: SchemeRoles | null) =>
  withSchemeRoles('team', m, scheme);
export const channelMemberRoles = (m: SchemeFlags, scheme?: SchemeRoles | null) =>
  withSchemeRoles('channel', m, scheme);

/**
 * Mattermost's ChannelModeratedPermissionsMap: the permissions a channel's moderation settings
 * can take away from its members and guests, each with the moderation name it is listed under.
 */
export const CHANNEL_MODERATED_PERMISSIONS: Readonly<Record<string, string>> = Object.freeze({
  create_post: 'create_post',
  add_reaction: 'create_reactions',
  remove_reaction: 'create_reactions',
  manage_public_channel_members: 'manage_members',
  manage_private_channel_members: 'manage_members',
  use_channel_mentions: 'use_channel_mentions',
});

export function isModeratedPermission(permission: string): boolean {
  return Object.hasOwn(CHANNEL_MODERATED_PERMISSIONS, permission);
}

/**
 * A member's standing in a channel, as Mattermost's MergeChannelHigherScopedPermissions makes it:
 * the scheme flags resolve through the team's scheme (or the built-ins) — the "higher-scoped"
 * roles. When the channel has its own scheme, a moderated permission held through the member or
 * guest role must also be in that scheme's role (`moderatedBy`); channel admins and explicit roles
 * are never moderated.
 */
export interface ChannelStanding {
  /** Explicit roles and the admin role: grant as they are. */
  free: string;
  /** The member/guest role of the higher scope. */
  moderated: string;
  /** The channel scheme's member/guest role, or null when the channel has no scheme. */
  moderatedBy: string | null;
  /** The roles string clients see on the channel member. */
  display: string;
  /**
   * A channel or team admin: not held back by the channel's moderation. (Mattermost's permission
   * migrations give admin roles every moderated permission their members have.)
   */
  admin: boolean;
}

export function channelStanding(
  m: SchemeFlags,
  higher: SchemeRoles | null,
  own: SchemeRoles | null,
  teamAdmin = false,
): ChannelStanding {
  const admin = m.scheme_admin
    ? channelMemberRoles({ ...m, roles: '', scheme_guest: false, scheme_user: false }, higher)
    : '';
  const base = { roles: '', scheme_admin: false };
  return {
    free: [m.roles, admin].filter(Boolean).join(' '),
    moderated: channelMemberRoles({ ...m, ...base }, higher),
    moderatedBy: own ? channelMemberRoles({ ...m, ...base }, own) : null,
    display: channelMemberRoles(m, own ?? higher),
    admin: m.scheme_admin || teamAdmin,
  };
}

/** Whether the standing grants `permission`, given the role catalog's `grants`. */
export function standingGrants(
  grants: (roles: string, permission: string) => boolean,
  s: ChannelStanding,
  permission: string,
): boolean {
  if (s.free && grants(s.free, permission)) return true;
  if (!s.moderated || !grants(s.moderated, permission)) return false;
  if (s.moderatedBy === null || s.admin || !isModeratedPermission(permission)) return true;
  return grants(s.moderatedBy, permission);
}

/** The nullable columns of a channel joined with the caller's memberships and both schemes. */
export interface ChannelRolesColumns {
  c_roles: string | null;
  c_guest: boolean | null;
  c_user: boolean | null;
  c_admin: boolean | null;
  t_roles: string | null;
  t_guest: boolean | null;
  t_user: boolean | null;
  t_admin: boolean | null;
  /** The channel's own scheme's channel roles. */
  cs_guest: string | null;
  cs_user: string | null;
  cs_admin: string | null;
  /** The team scheme's channel roles. */
  tsc_guest: string | null;
  tsc_user: string | null;
  tsc_admin: string | null;
  /** The team scheme's team roles. */
  tst_guest: string | null;
  tst_user: string | null;
  tst_admin: string | null;
}

/** A scheme's roles, or null when it names none (the built-ins apply). */
export function schemeRoles(
  guest: string | null,
  user: string | null,
  admin: string | null,
): SchemeRoles | null {
  return guest || user || admin ? { guest, user, admin } : null;
}

/** The caller's channel standing (null when not a member) and team roles (null when not a member). */
export function rolesFromColumns(r: ChannelRolesColumns): {
  channel: ChannelStanding | null;
  teamRoles: string | null;
} {
  const channel =
    r.c_roles === null
      ? null
      : channelStanding(
          { roles: r.c_roles, scheme_guest: !!r.c_guest, scheme_user: !!r.c_user, scheme_admin: !!r.c_admin },
          schemeRoles(r.tsc_guest, r.tsc_user, r.tsc_admin),
          schemeRoles(r.cs_guest, r.cs_user, r.cs_admin),
          !!r.t_admin,
        );
  const teamRoles =
    r.t_roles === null
      ? null
      : teamMemberRoles(
          { roles: r.t_roles, scheme_guest: !!r.t_guest, scheme_user: !!r.t_user, scheme_admin: !!r.t_admin },
          schemeRoles(r.tst_guest, r.tst_user, r.tst_admin),
        );
  return { channel, teamRoles };
}

/**
 * Splits a roles string sent by a client into explicit roles and scheme flags, as Mattermost
 * does on member role updates: the built-in scheme roles of the scope and, when the team or
 * channel has a scheme, that scheme's role names both set the flags. Returns null if a role does
 * not belong to the scope.
 */
export function parseMemberRoles(
  scope: 'team' | 'channel',
  roles: string,
  scheme?: SchemeRoles | null,
): { roles: string; scheme_guest: boolean; scheme_user: boolean; scheme_admin: boolean } | null {
  const names = roles.split(' ').filter(Boolean);
  const result = { roles: '', scheme_guest: false, scheme_user: false, scheme_admin: false };
  const explicit: string[] = [];
  for (const name of names) {
    if (name === `${scope}_guest` || (scheme?.guest && name === scheme.guest)) result.scheme_guest = true;
    else if (name === `${scope}_user` || (scheme?.user && name === scheme.user)) result.scheme_user = true;
    else if (name === `${scope}_admin` || (scheme?.admin && name === scheme.admin))
      result.scheme_admin = true;
    else if (!name.startsWith(`${scope}_`)) return null;
    else explicit.push(name);
  }
  if (result.scheme_guest && (result.scheme_user || result.scheme_admin)) return null;
  result.roles = explicit.join(' ');
  return result;
}

export function hasRole(roles: string, role: string): boolean {
  return roles.split(' ').includes(role);
}
