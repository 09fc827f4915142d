import type { UserStatus } from '@mattermost/types/users';
import { background, client } from './api.ts';
import { get, set } from './store.ts';

export type Presence = 'online' | 'away' | 'dnd' | 'offline';
export const PRESENCE_LABEL: Record<Presence, string> = {
  online: 'Online',
  away: 'Away',
  dnd: 'Do not disturb',
  offline: 'Offline',
};

export function setStatus(userId: string, status: string): void {
  set((s) => ({ statuses: { ...s.statuses, [userId]: status } }));
}

// Avatars ask for the statuses they show; the asks of one render are sent as one POST /users/status/ids.
const wanted = new Set<string>();
const asked = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;

export function requestStatus(userId: string): void {
  if (!userId || asked.has(userId)) return;
  wanted.add(userId);
  timer ??= setTimeout(flush, 30);
}

function flush(): void {
  timer = null;
  const ids = [...wanted].slice(0, 200);
  ids.forEach((id) => {
    wanted.delete(id);
    asked.add(id);
  });
  if (wanted.size > 0) timer = setTimeout(flush, 30);
  if (ids.length === 0) return;
  background(
    client.getStatusesByIds(ids).then((list) =>
      set((s) => ({
        statuses: { ...s.statuses, ...Object.fromEntries(list.map((st) => [st.user_id, st.status])) },
      })),
    ),
  );
}

/**
 * The server tells only the person concerned about their own status changes (as Mattermost does);
 * everyone else's are polled: every minute, and whenever the window regains focus.
 */
const POLL_MS = 60_000;
let poller: ReturnType<typeof setInterval> | null = null;

export function refreshStatuses(): void {
  [...asked].slice(-200).forEach((id) => {
    asked.delete(id);
    wanted.add(id);
  });
  timer ??= setTimeout(flush, 30);
}

export function startStatusPolling(): void {
  if (poller) return;
  poller = setInterval(refreshStatuses, POLL_MS);
  window.addEventListener('focus', refreshStatuses);
}

export function stopStatusPolling(): void {
  if (poller) clearInterval(poller);
  poller = null;
  window.removeEventListener('focus', refreshStatuses);
}

/** After a reconnect, statuses may have changed while the socket was down. */
export function forgetStatuses(): void {
  asked.clear();
  set({ statuses: {} });
}

export async function setMyStatus(status: Presence): Promise<void> {
  const me = get().me;
  if (!me) return;
  const saved = await client.updateStatus({ user_id: me.id, status } as UserStatus);
  setStatus(me.id, saved.status);
}
