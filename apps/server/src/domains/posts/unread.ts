import type { App, Session } from '../../app.ts';
import { forbidden } from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { countMentions } from './mentions.ts';
import { findCandidate } from './mentions-store.ts';
import { readablePost } from './access.ts';
import * as ustore from './unread-store.ts';

/** POST /users/{user_id}/posts/{post_id}/set_unread: the channel unread again from a post on. */

/** Posts recounted for mentions after the unread point; more is beyond any client's badge. */
const RECOUNT_LIMIT = 1000;

export async function markPostUnread(app: App, session: Session, userId: string, postId: string) {
  if (userId !== session.userId && !hasPermissionToSystem(app, session, 'edit_other_users'))
    throw forbidden();
  const { post, channel } = await readablePost(app, session, postId);
  const user = await findCandidate(app.db, channel.id, userId);
  if (!user) throw forbidden();
  const createAt = Number(post.create_at);
  const before = await ustore.countPostsBefore(app.db, channel.id, createAt);
  const after = await ustore.postsFrom(app.db, channel.id, createAt, RECOUNT_LIMIT);
  const state: ustore.ChannelUnreadState = {
    lastViewedAt: createAt - 1,
    msgCount: before.all,
    msgCountRoot: before.roots,
    mentionCount: countMentions(user, channel.type, after),
    mentionCountRoot: countMentions(
      user,
      channel.type,
      after.filter((p) => p.root_id === ''),
    ),
  };
  await ustore.setChannelUnread(app.db, channel.id, userId, state, Date.now());
  const unread = {
    team_id: channel.team_id,
    channel_id: channel.id,
    user_id: userId,
    msg_count: state.msgCount,
    mention_count: state.mentionCount,
    mention_count_root: state.mentionCountRoot,
    urgent_mention_count: 0,
    msg_count_root: state.msgCountRoot,
    last_viewed_at: state.lastViewedAt,
  };
  app.events.publish({
    event: 'post_unread',
    data: { ...unread, post_id: postId },
    broadcast: { userId, channelId: channel.id },
  });
  return unread;
}
