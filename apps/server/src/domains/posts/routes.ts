import type { FastifyRequest } from 'fastify';
import { invalidUrlParam } from '../../errors/app-error.ts';
import {
  boolQuery,
  idParam,
  ok,
  paging,
  query,
  sessionOf,
  userIdParam,
  type Route,
  objectBody as body,
} from '../../http/route.ts';
import { isValidId } from '../../platform/ids.ts';
import type { App } from '../../app.ts';
import { filesForPosts } from '../files/for-posts.ts';
import { presentPost } from './present.ts';
import type { PostRow } from './store.ts';
import * as create from './service-create.ts';
import * as edit from './service-edit.ts';
import * as read from './service-read.ts';

/** Post routes (Mattermost's api4/post.go). */

/** Posts with their metadata.files, loaded in one query for all of them. */
async function present(app: App, posts: readonly PostRow[]) {
  const files = await filesForPosts(app, posts);
  return posts.map((p) => presentPost(p, files));
}

const presentOne = async (app: App, post: PostRow) => (await present(app, [post]))[0];

const TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

/** `set_online`, true unless given as false; anything else is a 400 as Go's ParseBool. */
function setOnline(req: FastifyRequest): boolean {
  const v = query(req).set_online;
  if (v === undefined || v === '' || TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  throw invalidUrlParam('set_online');
}

/** An optional post id in the query string ('' when absent). */
function postIdQuery(req: FastifyRequest, name: string): string {
  const v = query(req)[name] ?? '';
  if (v !== '' && !isValidId(v)) throw invalidUrlParam(name);
  return v;
}

/** A non-negative integer query parameter, `fallback` when absent, capped at `max`. */
function intQuery(req: FastifyRequest, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER) {
  const v = query(req)[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw invalidUrlParam(name);
  return Math.min(n, max);
}

export const postRoutes: Route[] = [
  {
    method: 'POST',
    url: '/posts',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) =>
      presentOne(ctx.app, await create.createPost(ctx.app, sessionOf(ctx), body(req), setOnline(req))),
  },
  {
    method: 'POST',
    url: '/posts/ephemeral',
    auth: 'session',
    status: 201,
    handler: async (req, _reply, ctx) => create.sendEphemeral(ctx.app, sessionOf(ctx), body(req)),
  },
  {
    method: 'POST',
    url: '/posts/ids',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      present(ctx.app, await read.getPostsByIds(ctx.app, sessionOf(ctx), req.body)),
  },
  {
    method: 'GET',
    url: '/posts/:post_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentOne(
        ctx.app,
        await read.getPost(
          ctx.app,
          sessionOf(ctx),
          idParam(req, 'post_id'),
          boolQuery(req, 'include_deleted'),
        ),
      ),
  },
  {
    method: 'PUT',
    url: '/posts/:post_id',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentOne(
        ctx.app,
        await edit.editPost(ctx.app, sessionOf(ctx), idParam(req, 'post_id'), body(req), true),
      ),
  },
  {
    method: 'PUT',
    url: '/posts/:post_id/patch',
    auth: 'session',
    handler: async (req, _reply, ctx) =>
      presentOne(
        ctx.app,
        await edit.editPost(ctx.app, sessionOf(ctx), idParam(req, 'post_id'), body(req), false),
      ),
  },
  {
    method: 'DELETE',
    url: '/posts/:post_id',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await edit.deletePost(ctx.app, sessionOf(ctx), idParam(req, 'post_id'));
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/posts/:post_id/pin',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await edit.setPinned(ctx.app, sessionOf(ctx), idParam(req, 'post_id'), true);
      return ok;
    },
  },
  {
    method: 'POST',
    url: '/posts/:post_id/unpin',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      await edit.setPinned(ctx.app, sessionOf(ctx), idParam(req, 'post_id'), false);
      return ok;
    },
  },
  {
    method: 'GET',
    url: '/posts/:post_id/edit_history',
    auth: 'session',
    handler: async (req, _reply, ctx) => edit.editHistory(ctx.app, sessionOf(ctx), idParam(req, 'post_id')),
  },
  {
    method: 'GET',
    url: '/posts/:post_id/thread',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const direction = query(req).direction === 'up' ? 'up' : 'down';
      return read.getThread(ctx.app, sessionOf(ctx), idParam(req, 'post_id'), {
        perPage: Math.max(1, intQuery(req, 'perPage', 1000, 1000)),
        fromPost: postIdQuery(req, 'fromPost'),
        direction,
      });
    },
  },
  {
    method: 'GET',
    url: '/channels/:channel_id/posts',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const { page, perPage } = paging(req);
      return read.getChannelPosts(ctx.app, sessionOf(ctx), idParam(req, 'channel_id'), {
        page,
        perPage,
        before: postIdQuery(req, 'before'),
        after: postIdQuery(req, 'after'),
        since: intQuery(req, 'since', 0),
        collapsedThreads: boolQuery(req, 'collapsedThreads'),
      });
    },
  },
  {
    method: 'GET',
    url: '/channels/:channel_id/pinned',
    auth: 'session',
    handler: async (req, _reply, ctx) => read.getPinned(ctx.app, sessionOf(ctx), idParam(req, 'channel_id')),
  },
  {
    method: 'GET',
    url: '/users/:user_id/channels/:channel_id/posts/unread',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const limitAfter = intQuery(req, 'limit_after', 60, 200);
      if (limitAfter === 0) throw invalidUrlParam('limit_after');
      return read.getPostsAroundUnread(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        idParam(req, 'channel_id'),
        {
          limitBefore: intQuery(req, 'limit_before', 60, 200),
          limitAfter,
          collapsedThreads: boolQuery(req, 'collapsedThreads'),
        },
      );
    },
  },
  {
    method: 'GET',
    url: '/users/:user_id/posts/flagged',
    auth: 'session',
    handler: async (req, _reply, ctx) => {
      const q = query(req);
      for (const name of ['channel_id', 'team_id'])
        if (q[name] && !isValidId(q[name])) throw invalidUrlParam(name);
      return read.getFlagged(
        ctx.app,
        sessionOf(ctx),
        userIdParam(req, ctx),
        { channelId: q.channel_id || undefined, teamId: q.team_id || undefined },
        paging(req),
      );
    },
  },
];
