import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, invalidBodyParam, invalidParam, notFound } from '../../errors/app-error.ts';
import { hasPermissionToChannel } from '../../permissions/authorize.ts';
import { newId } from '../../platform/ids.ts';
import type { ChannelRow } from '../channels/store.ts';
import { deleteWithPost, filesForPosts, replacePostFiles } from '../files/for-posts.ts';
import { archivedChannel, postChannel, readablePost } from './access.ts';
import {
  parseHashtags,
  postFieldsProblem,
  stringArray,
  SYSTEM_PREFIX,
  withinEditTimeLimit,
} from './policy.ts';
import { presentEdit, presentPost } from './present.ts';
import * as store from './store.ts';
import * as write from './store-write.ts';

/** Changing posts: edit (full and patch) with history, pin/unpin, soft delete. */

type Input = Record<string, unknown>;

export interface PostChanges {
  message?: string;
  props?: Record<string, unknown>;
  fileIds?: string[];
  isPinned?: boolean;
}

const cannotFind = () =>
  badRequest(
    'api.post.update_post.find.app_error',
    "We couldn't find the existing post or comment to update.",
  );

/** The fields of a PUT /posts/{id} or /patch body that a client may change. */
export function changesFromInput(input: Input): PostChanges {
  const changes: PostChanges = {};
  if (input.message !== undefined) {
    if (typeof input.message !== 'string') throw invalidBodyParam('message');
    changes.message = input.message;
  }
  if (input.props !== undefined && input.props !== null) {
    if (typeof input.props !== 'object' || Array.isArray(input.props)) throw invalidBodyParam('props');
    changes.props = input.props as Record<string, unknown>;
  }
  if (input.file_ids !== undefined) {
    const ids = stringArray(input.file_ids);
    if (!ids) throw invalidBodyParam('file_ids');
    changes.fileIds = ids;
  }
  if (input.is_pinned !== undefined) {
    if (typeof input.is_pinned !== 'boolean') throw invalidBodyParam('is_pinned');
    changes.isPinned = input.is_pinned;
  }
  return changes;
}

/**
 * The post `permission` (edit_post / delete_post) lets its author change; someone else's needs the
 * *_others_posts permission too (Mattermost checks both). A missing post is a 403, as upstream.
 */
async function changeablePost(
  app: App,
  session: Session,
  postId: string,
  permission: 'edit' | 'delete',
): Promise<{ post: store.PostRow; channel: ChannelRow }> {
  const post = await store.findPost(app.db, postId);
  if (!post) throw forbidden();
  const own = permission === 'edit' ? 'edit_post' : 'delete_post';
  const others = permission === 'edit' ? 'edit_others_posts' : 'delete_others_posts';
  const allowed =
    (await hasPermissionToChannel(app, session, post.channel_id, own)) &&
    (post.user_id === session.userId ||
      (await hasPermissionToChannel(app, session, post.channel_id, others)));
  if (!allowed) throw forbidden();
  return { post, channel: await postChannel(app, post.channel_id) };
}

async function publishEdited(app: App, post: store.PostRow) {
  const files = await filesForPosts(app, [post]);
  app.events.publish({
    event: 'post_edited',
    data: { post: JSON.stringify(presentPost(post, files)) },
    broadcast: { channelId: post.channel_id },
  });
}

/** PUT /posts/{id} (full: `id` must match) and PUT /posts/{id}/patch. */
export async function editPost(
  app: App,
  session: Session,
  postId: string,
  input: Input,
  full: boolean,
): Promise<store.PostRow> {
  if (full && input.id !== postId) throw invalidParam('id');
  const changes = changesFromInput(input);
  const { post, channel } = await changeablePost(app, session, postId, 'edit');
  if (post.delete_at > 0) throw cannotFind();
  if (post.type.startsWith(SYSTEM_PREFIX))
    throw badRequest('api.post.update_post.system_message.app_error', 'Unable to update system message.');
  if (channel.delete_at > 0) throw archivedChannel('update');
  const now = Date.now();
  const messageChanged = changes.message !== undefined && changes.message !== post.message;
  if (
    messageChanged &&
    !withinEditTimeLimit(app.config.get().ServiceSettings.PostEditTimeLimit, post.create_at, now)
  )
    throw badRequest(
      'api.post.update_post.permissions_time_limit.app_error',
      'Post edit is only allowed for a limited time. Please ask your System Administrator for details.',
    );
  const next = {
    message: changes.message ?? post.message,
    props: changes.props ?? post.props,
    fileIds: changes.fileIds ?? post.file_ids,
  };
  const problem = postFieldsProblem(next);
  if (problem) throw badRequest(problem[0], problem[1]);
  await app.db.transaction().execute(async (trx) => {
    // New files must be the author's unattached uploads in this channel; removed ones are deleted.
    const fileIds = changes.fileIds
      ? await replacePostFiles(trx, post.file_ids, changes.fileIds, {
          id: post.id,
          userId: post.user_id,
          channelId: post.channel_id,
          at: now,
        })
      : post.file_ids;
    if (messageChanged)
      await write.insertEdit(trx, {
        id: newId(),
        post_id: post.id,
        message: post.message,
        props: write.jsonb(post.props),
        file_ids: write.jsonb(post.file_ids),
        create_at: post.create_at,
        edit_at: now,
      });
    await write.updatePost(trx, post.id, {
      message: next.message,
      hashtags: messageChanged ? parseHashtags(next.message) : post.hashtags,
      props: write.jsonb(next.props),
      file_ids: write.jsonb(fileIds),
      is_pinned: changes.isPinned ?? post.is_pinned,
      edit_at: messageChanged ? now : post.edit_at,
      update_at: now,
    });
  });
  const updated = await store.findPost(app.db, post.id);
  if (!updated) throw cannotFind();
  await publishEdited(app, updated);
  return updated;
}

/** POST /posts/{id}/pin and /unpin: anyone who can read the channel, as upstream. */
export async function setPinned(app: App, session: Session, postId: string, pinned: boolean): Promise<void> {
  const { post, channel } = await readablePost(app, session, postId);
  if (channel.delete_at > 0) throw archivedChannel('update');
  if (post.is_pinned === pinned) return;
  await write.updatePost(app.db, post.id, { is_pinned: pinned, update_at: Date.now() });
  const updated = await store.findPost(app.db, post.id);
  if (updated) await publishEdited(app, updated);
}

/** DELETE /posts/{id}: a soft delete; a root's replies go with it. */
export async function deletePost(app: App, session: Session, postId: string): Promise<void> {
  const { post, channel } = await changeablePost(app, session, postId, 'delete');
  if (post.delete_at > 0) throw notFound('app.post.get.app_error', 'Unable to get the post.');
  if (channel.delete_at > 0) throw archivedChannel('delete');
  const now = Date.now();
  await app.db.transaction().execute(async (trx) => {
    await write.softDeletePostAndReplies(trx, post.id, now);
    await deleteWithPost(trx, post.id, now);
    if (post.root_id === '') await write.markThreadDeleted(trx, post.id, now);
    else await write.decrementThreadReplies(trx, post.root_id);
  });
  app.events.publish({
    event: 'post_deleted',
    data: { post: JSON.stringify(presentPost({ ...post, delete_at: now, update_at: now })) },
    broadcast: { channelId: post.channel_id },
  });
}

/** GET /posts/{id}/edit_history: earlier versions, for the author only. */
export async function editHistory(app: App, session: Session, postId: string) {
  const { post } = await readablePost(app, session, postId);
  if (post.user_id !== session.userId)
    throw forbidden(
      'api.post.get_edit_history_for_post.app_error',
      'Only the author can see the edit history.',
    );
  const edits = await store.listEdits(app.db, post.id, store.UNPAGED_LIMIT);
  if (edits.length === 0)
    throw notFound('app.post.get_edit_history_for_post.app_error', 'This post has no edit history.');
  return edits.map((e) => presentEdit(e, post));
}
