import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, notFound } from '../../errors/app-error.ts';
import { canReadChannel } from '../channels/service.ts';
import { findChannel, type ChannelRow } from '../channels/store.ts';
import * as store from './store.ts';

/** Finding posts and their channels, and the read rule shared by every post route. */

export const postNotFound = () => notFound('app.post.get.app_error', 'Unable to get the post.');

export const archivedChannel = (action: 'create' | 'update' | 'delete') =>
  badRequest(
    action === 'create'
      ? 'api.post.create_post.can_not_post_to_deleted.error'
      : action === 'update'
        ? 'api.post.update_post.can_not_update_post_in_deleted.error'
        : 'api.post.delete_post.can_not_delete_post_in_deleted.error',
    'Can not modify posts in an archived channel.',
  );

export async function postChannel(app: App, channelId: string): Promise<ChannelRow> {
  const channel = await findChannel(app.db, channelId);
  // A post without its channel cannot exist (cascade), so this is only reachable in a race.
  if (!channel) throw postNotFound();
  return channel;
}

/**
 * A live post the caller may read, with its channel. A post in a channel the caller cannot read is
 * refused with 403 as upstream does (it checks channel permission before loading the post).
 */
export async function readablePost(
  app: App,
  session: Session,
  postId: string,
  includeDeleted = false,
): Promise<{ post: store.PostRow; channel: ChannelRow }> {
  const post = await store.findPost(app.db, postId);
  if (!post) throw forbidden();
  const channel = await postChannel(app, post.channel_id);
  if (!(await canReadChannel(app, session, channel))) throw forbidden();
  if (post.delete_at > 0 && !includeDeleted) throw postNotFound();
  return { post, channel };
}
