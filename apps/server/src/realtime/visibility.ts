import type { App } from '../app.ts';
import type { Db } from '../db/connection.ts';
import { hasPermissionToSystem } from '../permissions/authorize.ts';
import { teamMemberRoles } from '../permissions/roles.ts';
import type { ServerEvent } from './bus.ts';
import type { WebConn } from './connection.ts';
import { channelMatesAmong, sharedTeamMemberships } from './store.ts';

/** The user an event describes, for the events whose payload is a user's profile (api.md §C). */
function subjectOf(event: ServerEvent): string | null {
  if (event.event === 'new_user') return typeof event.data.user_id === 'string' ? event.data.user_id : null;
  if (event.event === 'user_updated') {
    const user = event.data.user as { id?: unknown } | undefined;
    return typeof user?.id === 'string' ? user.id : null;
  }
  return null;
}

/**
 * Keeps from `conns` those allowed to learn about the user an event describes: a connection whose
 * session lacks the system-wide view_members permission (a guest) gets `user_updated`/`new_user`
 * only for users it could read over REST (guests/visibility.ts: channel-mates, or members of a team
 * where a team role grants view_members). The check runs at send time with one bounded query for
 * all the guest connections of the event (a second only for guests no channel explains), so it is
 * never stale, unlike a cached set that membership events would have to keep in step. Regular
 * users cost an in-memory role check and no query; other events pass through untouched.
 */
export async function visibleRecipients(
  app: App,
  db: Db,
  event: ServerEvent,
  conns: WebConn[],
): Promise<WebConn[]> {
  const subject = subjectOf(event);
  if (subject === null || conns.length === 0) return conns;
  const restricted = (c: WebConn) =>
    c.userId !== subject && !hasPermissionToSystem(app, c.session, 'view_members');
  const limited = new Set(conns.filter(restricted));
  if (limited.size === 0) return conns;
  const guests = [...new Set([...limited].map((c) => c.userId))];
  const allowed = new Set(await channelMatesAmong(db, subject, guests));
  const rest = guests.filter((g) => !allowed.has(g));
  for (const m of await sharedTeamMemberships(db, subject, rest))
    if (app.roles.grants(teamMemberRoles(m), 'view_members')) allowed.add(m.user_id);
  return conns.filter((c) => !limited.has(c) || allowed.has(c.userId));
}
