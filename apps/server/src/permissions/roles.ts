/** Roles strings of memberships: explicit roles plus those implied by the scheme flags. */

interface SchemeFlags {
  roles: string;
  scheme_guest: boolean;
  scheme_user: boolean;
  scheme_admin: boolean;
}

function withSchemeRoles(scope: 'team' | 'channel', m: SchemeFlags): string {
  const out = m.roles.split(' ').filter(Boolean);
  if (m.scheme_guest) out.push(`${scope}_guest`);
  if (m.scheme_user) out.push(`${scope}_user`);
  if (m.scheme_admin) out.push(`${scope}_admin`);
  return [...new Set(out)].join(' ');
}

export const teamMemberRoles = (m: SchemeFlags) => withSchemeRoles('team', m);
export const channelMemberRoles = (m: SchemeFlags) => withSchemeRoles('channel', m);

/**
 * Splits a roles string sent by a client into explicit roles and scheme flags, as Mattermost
 * does on member role updates. Returns null if a role does not belong to the scope.
 */
export function parseMemberRoles(
  scope: 'team' | 'channel',
  roles: string,
): { roles: string; scheme_guest: boolean; scheme_user: boolean; scheme_admin: boolean } | null {
  const names = roles.split(' ').filter(Boolean);
  const result = { roles: '', scheme_guest: false, scheme_user: false, scheme_admin: false };
  const explicit: string[] = [];
  for (const name of names) {
    if (name === `${scope}_guest`) result.scheme_guest = true;
    else if (name === `${scope}_user`) result.scheme_user = true;
    else if (name === `${scope}_admin`) result.scheme_admin = true;
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
