import type { App } from '../../app.ts';
import { announceRevoked } from '../sessions/service.ts';
import { deleteSessionsOfUsers } from '../sessions/store.ts';
import * as store from './store.ts';

/**
 * Turning GuestAccountsSettings.Enable off deactivates every guest and ends their sessions, as
 * Mattermost's config listener does (DeactivateGuests, then `guests_deactivated` to everyone).
 * Returns the function that stops watching.
 */
export function watchGuestAccounts(app: App): () => void {
  let enabled = app.config.get().GuestAccountsSettings.Enable;
  return app.config.onChange((config) => {
    const now = config.GuestAccountsSettings.Enable;
    const turnedOff = enabled && !now;
    enabled = now;
    if (turnedOff)
      deactivateGuests(app).catch((err) =>
        app.log.error({ err: (err as Error).message }, 'guest accounts not deactivated'),
      );
  });
}

export async function deactivateGuests(app: App): Promise<string[]> {
  const { ids, sessionIds } = await app.db.transaction().execute(async (trx) => {
    const ids = await store.deactivateAllGuests(trx);
    return { ids, sessionIds: await deleteSessionsOfUsers(trx, ids) };
  });
  announceRevoked(app, sessionIds);
  app.events.publish({ event: 'guests_deactivated', data: {}, broadcast: {} });
  return ids;
}
