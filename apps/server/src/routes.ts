import type { Route } from './http/route.ts';
import { userRoutes } from './domains/users/routes.ts';
import { teamRoutes } from './domains/teams/routes.ts';
import { categoryRoutes } from './domains/categories/routes.ts';
import { systemRoutes } from './domains/system/routes.ts';
import { roleRoutes } from './domains/roles/routes.ts';
import { channelRoutes } from './domains/channels/routes.ts';

/** Every /api/v4 route, one list per area. */
export const allRoutes: Route[] = [
  ...userRoutes,
  ...teamRoutes,
  ...categoryRoutes,
  ...channelRoutes,
  ...systemRoutes,
  ...roleRoutes,
];
