import { newId } from '../src/platform/ids.ts';
import type { TestServer } from './harness.ts';

/**
 * Inserts a post row directly. The posts API (POST /posts) is written in parallel with the
 * reactions and preferences areas; until it is registered, these suites need posts to react to
 * and to save, and only the row matters to them, not how it was created.
 */
export async function insertPost(
  server: TestServer,
  fields: { channelId: string; userId: string; message?: string; deleteAt?: number },
): Promise<{ id: string; update_at: number }> {
  const now = Date.now();
  const row = {
    id: newId(),
    create_at: now,
    update_at: now,
    delete_at: fields.deleteAt ?? 0,
    user_id: fields.userId,
    channel_id: fields.channelId,
    message: fields.message ?? 'hello',
  };
  await server.parley.app.db.insertInto('posts').values(row).execute();
  return { id: row.id, update_at: row.update_at };
}
