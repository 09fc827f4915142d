import type { App, Session } from '../../app.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { rolesFromColumns, standingGrants } from '../../permissions/roles.ts';
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
  const roles = new Map([...rows.values()].map((r) => [r.id, rolesFromColumns(r)]));
  const grants = (names: string, permission: string) => app.roles.grants(names, permission);
  const teamRoles = (r: ChannelAccessRow) => roles.get(r.id)?.teamRoles ?? null;
  const can = (channelId: string, permission: string) => {
    if (hasPermissionToSystem(app, session, permission)) return true;
    const r = roles.get(channelId);
    if (!r) return false;
    if (r.channel !== null && standingGrants(grants, r.channel, permission)) return true;
    return r.teamRoles !== null && grants(r.teamRoles, permission);
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
