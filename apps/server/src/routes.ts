import type { Route } from './http/route.ts';
import { userRoutes } from './domains/users/routes.ts';
import { teamRoutes } from './domains/teams/routes.ts';

/** Every /api/v4 route, one list per area. */
export const allRoutes: Route[] = [...userRoutes, ...teamRoutes];
