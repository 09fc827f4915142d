import type { App, Session } from '../../app.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { channelMemberRoles, teamMemberRoles } from '../../permissions/roles.ts';
import { channelAccessRows, type ChannelAccessRow } from './access-store.ts';

/**
 * The caller's standing in a set of channels, loaded in one query. `can` answers as
 * hasPermissionToChannel does (system roles, then channel roles, then the channel's team roles);
 * `canRead` also lets team members read public channels they have not joined, as Mattermost does.
 */
export interface ChannelAccess {
  channel(id: string): ChannelAccessRow | undefined;
  can(channelId: string, permission: string): boolean;
  canRead(channelId: string): boolean;
}

export async function channelAccess(
  app: App,
  session: Session,
  channelIds: string[],
): Promise<ChannelAccess> {
  const rows = new Map(
    (await channelAccessRows(app.db, [...new Set(channelIds)], session.userId)).map((r) => [r.id, r]),
  );
  const channelRoles = (r: ChannelAccessRow) =>
    r.c_roles === null
      ? null
      : channelMemberRoles({
          roles: r.c_roles,
          scheme_guest: !!r.c_guest,
          scheme_user: !!r.c_user,
          scheme_admin: !!r.c_admin,
        });
  const teamRoles = (r: ChannelAccessRow) =>
    r.t_roles === null
      ? null
      : teamMemberRoles({
          roles: r.t_roles,
          scheme_guest: !!r.t_guest,
          scheme_user: !!r.t_user,
          scheme_admin: !!r.t_admin,
        });
  const can = (channelId: string, permission: string) => {
    if (hasPermissionToSystem(app, session, permission)) return true;
    const r = rows.get(channelId);
    if (!r) return false;
    const c = channelRoles(r);
    if (c !== null && app.roles.grants(c, permission)) return true;
    const t = teamRoles(r);
    return t !== null && app.roles.grants(t, permission);
  };
  return {
    channel: (id) => rows.get(id),
    can,
    canRead: (channelId) => {
      if (can(channelId, 'read_channel_content')) return true;
      const r = rows.get(channelId);
      if (!r || r.type !== 'O') return false;
      if (hasPermissionToSystem(app, session, 'read_public_channel')) return true;
      const t = teamRoles(r);
      return t !== null && app.roles.grants(t, 'read_public_channel');
    },
  };
}
