import type { App } from '../../app.ts';
import type { Db } from '../../db/connection.ts';
import type { ChannelRow } from '../channels/store.ts';
import { mentionedUsers } from './mentions.ts';
import * as mstore from './mentions-store.ts';
import { SYSTEM_PREFIX } from './policy.ts';

/** What a new post's mentions change: members' mention counters and, for replies, thread follows. */

/** Read before the post's transaction: the channel's members decide who the text mentions. */
export async function mentionsForPost(
  app: App,
  channel: ChannelRow,
  post: { userId: string; message: string; type: string },
  allowChannelMentions: boolean,
): Promise<string[]> {
  const isSystem = post.type.startsWith(SYSTEM_PREFIX);
  if (isSystem) return [];
  // Without an "@" (and outside DMs/GMs, where every post mentions the others) only members with
  // mention keys or first-name mentions can be mentioned: read just those, not the whole channel.
  const everyone = channel.type === 'D' || channel.type === 'G' || post.message.includes('@');
  const candidates = await mstore.listCandidates(app.db, channel.id, mstore.MAX_MENTION_CANDIDATES + 1, {
    keywordsOnly: !everyone,
  });
  return mentionedUsers({
    channelType: channel.type,
    authorId: post.userId,
    message: post.message,
    isSystem,
    // Mattermost turns channel-wide mentions off from MaxNotificationsPerChannel members on.
    allowChannelMentions: allowChannelMentions && candidates.length < mstore.MAX_MENTION_CANDIDATES,
    candidates,
  });
}

/**
 * Inside the post's transaction: mentioned members count one more mention; in a reply they also
 * follow the thread with one more unread mention. Runs after the thread row exists.
 */
export async function recordMentions(
  trx: Db,
  m: { channelId: string; rootId: string; mentioned: readonly string[]; urgent: boolean; at: number },
): Promise<void> {
  const isRoot = m.rootId === '';
  await mstore.incrementMentionCounts(trx, m.channelId, m.mentioned, isRoot, m.urgent && isRoot, m.at);
  if (!isRoot) await mstore.followByMention(trx, m.rootId, m.mentioned, m.at);
}
