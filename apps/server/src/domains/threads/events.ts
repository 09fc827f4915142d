import type { App } from '../../app.ts';
import type { ServerEvent } from '../../realtime/bus.ts';
import { listFollowers, MAX_MENTION_CANDIDATES } from '../posts/mentions-store.ts';
import { loadThreads } from './load.ts';
import * as store from './store.ts';

/**
 * After a reply: its thread's followers other than the author. Each gets `thread_updated` with the
 * thread as they now see it and the unread counts it had before this reply.
 */
export async function followersOf(app: App, rootId: string, authorId: string): Promise<string[]> {
  return (await listFollowers(app.db, rootId, MAX_MENTION_CANDIDATES)).filter((id) => id !== authorId);
}

export async function threadUpdatedEvents(
  app: App,
  m: { rootId: string; followers: readonly string[]; mentioned: readonly string[] },
): Promise<ServerEvent[]> {
  const rows = await store.findThreadForUsers(app.db, m.rootId, m.followers);
  const threads = await loadThreads(app, null, rows, true);
  return rows.map((row, i) => {
    const userId = row.user_id;
    const thread = threads[i];
    const mentioned = m.mentioned.includes(userId);
    return {
      event: 'thread_updated',
      data: {
        thread: JSON.stringify(thread),
        previous_unread_mentions: Math.max(row.unread_mentions - (mentioned ? 1 : 0), 0),
        previous_unread_replies: Math.max(row.unread_replies - 1, 0),
      },
      broadcast: { userId },
    };
  });
}
