import { invalidUrlParam } from '../../errors/app-error.ts';
import { idParam, ok, param, sessionOf, userIdParam, type Route } from '../../http/route.ts';
import { isValidEmojiName, parseNewReaction, parsePostIdList } from './policy.ts';
import * as reactions from './service.ts';

export const reactionRoutes: Route[] = [
  {
    method: 'POST',
    url: '/reactions',
    auth: 'session',
    // Mattermost answers a saved reaction with 200, not 201.
    handler: async (req, _reply, ctx) =>
      reactions.addReaction(ctx.app, sessionOf(ctx), parseNewReaction(req.body)),
  },
  {
    method: 'GET',
    url: '/posts/:post_id/reactions',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      reactions.listForPost(ctx.app, sessionOf(ctx), idParam(req, 'post_id')),
  },
  {
    method: 'DELETE',
    url: '/users/:user_id/posts/:post_id/reactions/:emoji_name',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const emojiName = param(req, 'emoji_name');
      if (!isValidEmojiName(emojiName)) throw invalidUrlParam('emoji_name');
      await reactions.removeReaction(ctx.app, sessionOf(ctx), {
        userId: userIdParam(req, ctx),
        postId: idParam(req, 'post_id'),
        emojiName,
      });
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/posts/ids/reactions',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      reactions.listForPosts(ctx.app, sessionOf(ctx), parsePostIdList(req.body)),
  },
];
