import { hasPermissionToSystem, requireSystemPermission } from '../../permissions/authorize.ts';
import { query, sessionOf, type Route } from '../../http/route.ts';
import { notImplemented } from '../../errors/app-error.ts';
import * as store from './store.ts';

export const analyticsRoutes: Route[] = [
  {
    // Everyone signed in may ask; a viewer without view_members counts only the people of their teams.
    method: 'GET',
    url: '/users/stats',
    auth: 'session',
    handler: async (_req, _reply, ctx) => {
      const session = sessionOf(ctx);
      const total = hasPermissionToSystem(ctx.app, session, 'view_members')
        ? await store.countActiveUsers(ctx.app.db)
        : await store.countActiveUsersSharingTeam(ctx.app.db, session.userId);
      return { total_users_count: total };
    },
  },
  {
    method: 'GET',
    url: '/analytics/old',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      requireSystemPermission(ctx.app, sessionOf(ctx), 'manage_system');
      const name = query(req).name || 'standard';
      if (name !== 'standard' || query(req).team_id) {
        throw notImplemented(
          'api.analytics.not_implemented.app_error',
          'Only the server-wide "standard" analytics are available.',
        );
      }
      const c = await store.standardCounts(ctx.app.db, Date.now());
      // Mattermost's rows; connection counts are per node and not tracked here, so they read 0.
      return [
        { name: 'channel_open_count', value: c.open_channels },
        { name: 'channel_private_count', value: c.private_channels },
        { name: 'post_count', value: c.posts },
        { name: 'unique_user_count', value: c.users },
        { name: 'team_count', value: c.teams },
        { name: 'total_websocket_connections', value: 0 },
        { name: 'total_master_db_connections', value: 0 },
        { name: 'total_read_db_connections', value: 0 },
        { name: 'daily_active_users', value: c.daily_active },
        { name: 'monthly_active_users', value: c.monthly_active },
        { name: 'inactive_user_count', value: c.inactive_users },
      ];
    },
  },
];
