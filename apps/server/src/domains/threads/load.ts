import type { App, Session } from '../../app.ts';
import { findPostsByIds } from '../posts/store.ts';
import { viewerOf } from '../users/service.ts';
import { presentUser } from '../users/present.ts';
import { findUsersByIds } from '../users/store.ts';
import { presentUserThread, type UserThreadJson } from './present.ts';
import type { UserThreadRow } from './store.ts';

/**
 * Threads with their root posts and participants, loaded in two queries for a whole list.
 * Participants are user objects when `extended`, otherwise only their ids (as upstream).
 */
export async function loadThreads(
  app: App,
  session: Session | null,
  rows: readonly UserThreadRow[],
  extended: boolean,
): Promise<UserThreadJson[]> {
  const roots = new Map(
    (
      await findPostsByIds(
        app.db,
        rows.map((r) => r.post_id),
      )
    ).map((p) => [p.id, p]),
  );
  const users = new Map<string, unknown>();
  if (extended) {
    const ids = [...new Set(rows.flatMap((r) => r.participants))];
    const viewer = viewerOf(app, session);
    for (const u of await findUsersByIds(app.db, ids))
      users.set(u.id, presentUser(u, viewer, app.config.get()));
  }
  return rows.map((r) =>
    presentUserThread(
      r,
      roots.get(r.post_id),
      r.participants.map((id) => (extended ? (users.get(id) ?? { id }) : { id })),
    ),
  );
}
