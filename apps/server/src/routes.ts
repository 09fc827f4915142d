import type { Route } from './http/route.ts';
import { userRoutes } from './domains/users/routes.ts';
import { teamRoutes } from './domains/teams/routes.ts';
import { categoryRoutes } from './domains/categories/routes.ts';
import { systemRoutes } from './domains/system/routes.ts';
import { roleRoutes } from './domains/roles/routes.ts';
import { channelRoutes } from './domains/channels/routes.ts';
import { postRoutes } from './domains/posts/routes.ts';
import { statusRoutes } from './domains/status/routes.ts';
import { preferenceRoutes } from './domains/preferences/routes.ts';
import { reactionRoutes } from './domains/reactions/routes.ts';
import { threadRoutes } from './domains/threads/routes.ts';
import { unreadRoutes } from './domains/posts/unread-routes.ts';

/** Every /api/v4 route, one list per area. */
export const allRoutes: Route[] = [
  ...userRoutes,
  ...teamRoutes,
  ...categoryRoutes,
  ...channelRoutes,
  ...postRoutes,
  ...statusRoutes,
  ...systemRoutes,
  ...roleRoutes,
  ...preferenceRoutes,
  ...reactionRoutes,
  ...threadRoutes,
  ...unreadRoutes,
];
