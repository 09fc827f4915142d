import type { App, Session } from '../../app.ts';
import { badRequest, invalidParam } from '../../errors/app-error.ts';
import { requireTeamPermission } from '../../permissions/authorize.ts';

/**
 * In-product notices (Mattermost's app/product_notices.go). Upstream fetches a notice feed from
 * mattermost.com and records which ones each user has seen; Parley calls no outside service and
 * has no notices, so there is never anything to show or record. The routes still answer as
 * upstream does because the web and mobile apps call them at start-up.
 */

const CLIENTS = new Set(['web', 'mobile-ios', 'mobile-android', 'desktop']);

/** GET /system/notices/{team_id}: always [] for a member of the team (or a system admin). */
export async function productNotices(
  app: App,
  session: Session,
  teamId: string,
  client: string,
): Promise<unknown[]> {
  // Upstream only needs a session; the team is checked here so a team id cannot be probed.
  await requireTeamPermission(app, session, teamId, 'view_team');
  if (!CLIENTS.has(client)) throw invalidParam('client');
  return [];
}

/** PUT /system/notices/view: the body must be an array of notice ids; nothing is stored. */
export function markNoticesViewed(body: unknown): void {
  if (!Array.isArray(body) || !body.every((id) => typeof id === 'string'))
    throw badRequest('api.payload.parse_error', 'Unable to parse the request payload.');
}
