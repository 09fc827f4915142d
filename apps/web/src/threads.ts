import type { UserThread } from '@mattermost/types/threads';
import { client } from './api.ts';
import { loadMissingUsers, mergePosts } from './data.ts';
import { get, set } from './store.ts';

/** The followed threads of the current team (collapsed reply threads), newest reply first. */
export async function loadThreads(unreadOnly: boolean): Promise<UserThread[]> {
  const { me, currentTeamId } = get();
  if (!me || !currentTeamId) return [];
  const list = await client.getUserThreads(me.id, currentTeamId, {
    perPage: 50,
    extended: false,
    unread: unreadOnly,
  });
  const roots = list.threads.map((t) => t.post).filter((p) => p && 'message' in p);
  mergePosts(roots as never, { full: true });
  await loadMissingUsers(list.threads.flatMap((t) => t.participants.map((p) => p.id)));
  set({ unreadThreads: list.total_unread_threads ?? 0 });
  return list.threads;
}

/** Only the counts, for the Threads item of the sidebar. */
export async function loadThreadTotals(): Promise<void> {
  const { me, currentTeamId } = get();
  if (!me || !currentTeamId) return;
  const list = await client.getUserThreads(me.id, currentTeamId, { totalsOnly: true, threadsOnly: false });
  set({ unreadThreads: list.total_unread_threads ?? 0 });
}

export async function markThreadRead(threadId: string): Promise<void> {
  const { me, currentTeamId } = get();
  if (!me || !currentTeamId) return;
  await client.updateThreadReadForUser(me.id, currentTeamId, threadId, Date.now());
  set((s) => ({ threadsVersion: s.threadsVersion + 1 }));
}
