import type { App, Session } from '../../app.ts';
import { AppError, badRequest, forbidden, notFound } from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { isValidId } from '../../platform/ids.ts';
import { channelAccess } from './access.ts';
import type { NewReaction } from './policy.ts';
import { presentReaction, type ReactionRow } from './present.ts';
import * as store from './store.ts';

export type ReactionJson = ReturnType<typeof presentReaction>;

const postGone = () => notFound('app.post.get.app_error', 'Unable to get the post.');
const archivedChannel = (action: 'save' | 'delete') =>
  new AppError(
    `api.reaction.${action}.archived_channel.app_error`,
    'You cannot react in an archived channel.',
    403,
  );

function publish(app: App, event: string, reaction: ReactionRow) {
  app.events.publish({
    event,
    data: { reaction: JSON.stringify(presentReaction(reaction)) },
    broadcast: { channelId: reaction.channel_id },
  });
}

/**
 * The post and the caller's standing in its channel, with `permission` required. A post that does
 * not exist is refused like one the caller may not touch, so ids cannot be probed.
 */
async function authorizeOnPost(app: App, session: Session, postId: string, permission: string) {
  const post = await store.findPost(app.db, postId);
  if (!post) throw forbidden();
  const access = await channelAccess(app, session, [post.channel_id]);
  const allowed =
    permission === 'read' ? access.canRead(post.channel_id) : access.can(post.channel_id, permission);
  if (!allowed) throw forbidden();
  return { post, channel: access.channel(post.channel_id) };
}

/**
 * Adds the caller's reaction. Re-adding the same emoji answers the existing reaction. The post row
 * is locked while the distinct emoji are counted, so racing requests cannot pass the limit.
 */
export async function addReaction(app: App, session: Session, input: NewReaction): Promise<ReactionJson> {
  if (input.user_id !== session.userId) {
    throw new AppError(
      'api.reaction.save_reaction.user_id.app_error',
      'You cannot react as another user.',
      403,
    );
  }
  const { post, channel } = await authorizeOnPost(app, session, input.post_id, 'add_reaction');
  if (post.delete_at > 0) throw postGone();
  if (!channel || channel.delete_at > 0) throw archivedChannel('save');

  const limit = app.config.get().ServiceSettings.UniqueEmojiReactionLimitPerPost;
  const now = Date.now();
  const result = await app.db.transaction().execute(async (trx) => {
    const locked = await store.lockPost(trx, post.id);
    if (!locked || locked.delete_at > 0) throw postGone();
    const existing = await store.findReaction(trx, post.id, input.user_id, input.emoji_name);
    if (existing) return { reaction: existing, added: false };
    const usage = await store.emojiUsage(trx, post.id, input.emoji_name);
    if (!usage.present && usage.distinct >= limit) {
      throw badRequest(
        'app.reaction.save.save.too_many_reactions',
        `A post can have at most ${limit} different emoji reactions.`,
      );
    }
    const reaction: ReactionRow = {
      post_id: post.id,
      user_id: input.user_id,
      emoji_name: input.emoji_name,
      channel_id: post.channel_id,
      create_at: input.create_at || now,
    };
    await store.insertReaction(trx, reaction);
    await store.touchPostReactions(trx, post.id, now);
    return { reaction, added: true };
  });
  if (result.added) publish(app, 'reaction_added', result.reaction);
  return presentReaction(result.reaction);
}

/** Removes a reaction: one's own with remove_reaction, someone else's also needs remove_others_reactions. */
export async function removeReaction(
  app: App,
  session: Session,
  target: { userId: string; postId: string; emojiName: string },
): Promise<void> {
  const { post, channel } = await authorizeOnPost(app, session, target.postId, 'remove_reaction');
  if (target.userId !== session.userId && !hasPermissionToSystem(app, session, 'remove_others_reactions')) {
    throw forbidden();
  }
  if (post.delete_at > 0) throw postGone();
  if (!channel || channel.delete_at > 0) throw archivedChannel('delete');

  const removed = await app.db.transaction().execute(async (trx) => {
    const gone = await store.deleteReaction(trx, post.id, target.userId, target.emojiName);
    if (gone) await store.touchPostReactions(trx, post.id, Date.now());
    return gone;
  });
  if (removed) publish(app, 'reaction_removed', removed);
}

export async function listForPost(app: App, session: Session, postId: string): Promise<ReactionJson[]> {
  await authorizeOnPost(app, session, postId, 'read');
  return (await store.listForPost(app.db, postId)).map(presentReaction);
}

/**
 * Reactions of many posts, keyed by post id. Every requested id gets a list; posts the caller may
 * not read (or that do not exist) get an empty one, so the answer reveals nothing about them.
 */
export async function listForPosts(
  app: App,
  session: Session,
  postIds: string[],
): Promise<Record<string, ReactionJson[]>> {
  const posts = await store.findPosts(app.db, postIds.filter(isValidId));
  const access = await channelAccess(
    app,
    session,
    posts.map((p) => p.channel_id),
  );
  const readable = posts.filter((p) => access.canRead(p.channel_id)).map((p) => p.id);
  const out: Record<string, ReactionJson[]> = {};
  for (const id of postIds) out[id] = [];
  for (const r of await store.listForPosts(app.db, readable)) out[r.post_id].push(presentReaction(r));
  return out;
}
