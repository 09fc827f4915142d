import type { App, Session } from '../../app.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { badRequest, forbidden, invalidBodyParam, invalidParam } from '../../errors/app-error.ts';
import {
  hasPermissionToChannel,
  hasPermissionToSystem,
  hasPermissionToTeam,
  requireSystemPermission,
} from '../../permissions/authorize.ts';
import { isValidId, newId } from '../../platform/ids.ts';
import { findChannel, type ChannelRow } from '../channels/store.ts';
import { attachToPost } from '../files/for-posts.ts';
import { archivedChannel } from './access.ts';
import { mentionsForPost, recordMentions } from './mentions-apply.ts';
import { postedEvents } from './notify.ts';
import { afterPostCommitted } from '../notifications/after-post.ts';
import { isJoinLeaveType, parseHashtags, postFieldsProblem, stringArray, SYSTEM_PREFIX } from './policy.ts';
import { presentPost } from './present.ts';
import { triggerOutgoingWebhooks } from '../webhooks/outgoing-fire.ts';
import * as store from './store.ts';
import * as write from './store-write.ts';

/** Creating posts (Mattermost's api4 createPost / app.CreatePost) and ephemeral posts. */

type Input = Record<string, unknown>;

const MAX_PENDING_ID = 64;

const badRoot = () => badRequest('api.post.create_post.root_id.app_error', 'Invalid RootId parameter.');

function optionalString(input: Input, name: string): string {
  const v = input[name];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw invalidBodyParam(name);
  return v;
}

function optionalProps(input: Input): Record<string, unknown> {
  const v = input.props;
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidBodyParam('props');
  return v as Record<string, unknown>;
}

/** The validated fields a new post is made of, whoever asked for it. */
export interface PostDraft {
  channelId: string;
  userId: string;
  message: string;
  type: string;
  rootId: string;
  props: Record<string, unknown>;
  fileIds: string[];
  pendingPostId: string;
  createAt?: number;
}

/** create_post in the channel, or create_post_public on the team for a public channel. */
async function canPostIn(app: App, session: Session, channel: ChannelRow): Promise<boolean> {
  if (await hasPermissionToChannel(app, session, channel.id, 'create_post')) return true;
  return (
    channel.type === 'O' && (await hasPermissionToTeam(app, session, channel.team_id, 'create_post_public'))
  );
}

function draftFromInput(app: App, session: Session, input: Input): PostDraft {
  const channelId = optionalString(input, 'channel_id');
  if (!isValidId(channelId)) throw invalidBodyParam('channel_id');
  const rootId = optionalString(input, 'root_id');
  if (rootId !== '' && !isValidId(rootId)) throw badRoot();
  const fileIds = stringArray(input.file_ids);
  if (!fileIds) throw invalidBodyParam('file_ids');
  const pendingPostId = optionalString(input, 'pending_post_id');
  if (pendingPostId.length > MAX_PENDING_ID) throw invalidBodyParam('pending_post_id');
  const createAt = typeof input.create_at === 'number' && input.create_at > 0 ? input.create_at : undefined;
  return {
    channelId,
    userId: session.userId,
    message: optionalString(input, 'message'),
    type: optionalString(input, 'type'),
    rootId,
    props: optionalProps(input),
    fileIds,
    pendingPostId,
    // Only an administrator may date a post (imports, migrations), as upstream.
    createAt: createAt && hasPermissionToSystem(app, session, 'manage_system') ? createAt : undefined,
  };
}

/** The post's root, which must be a live root post of the same channel. */
async function checkRoot(app: App, draft: PostDraft): Promise<store.PostRow | null> {
  if (draft.rootId === '') return null;
  const root = await store.findPost(app.db, draft.rootId);
  if (!root || root.delete_at > 0 || root.root_id !== '') throw badRoot();
  if (root.channel_id !== draft.channelId)
    throw badRequest(
      'api.post.create_post.channel_root_id.app_error',
      'Invalid ChannelId for RootId parameter.',
    );
  return root;
}

/**
 * POST /posts. A retried create (same author and pending_post_id) answers the post the first try
 * made: the unique index posts_pending decides, so this holds across concurrent tries and restarts.
 */
export async function createPost(
  app: App,
  session: Session,
  input: Input,
  setOnline: boolean,
): Promise<store.PostRow> {
  const draft = draftFromInput(app, session, input);
  const channel = await findChannel(app.db, draft.channelId);
  if (!channel || !(await canPostIn(app, session, channel))) throw forbidden();
  if (channel.delete_at > 0) throw archivedChannel('create');
  if (draft.type.startsWith(SYSTEM_PREFIX)) throw invalidParam('post.type');
  const problem = postFieldsProblem(draft);
  if (problem) throw badRequest(problem[0], problem[1]);
  // Independent reads, made at once (the caller may post here: authorised above).
  const [root, existing, allowChannelMentions] = await Promise.all([
    checkRoot(app, draft),
    draft.pendingPostId ? store.findByPendingId(app.db, draft.userId, draft.pendingPostId) : undefined,
    hasPermissionToChannel(app, session, channel.id, 'use_channel_mentions'),
  ]);
  if (existing) return existing;
  const post = await savePost(app, channel, draft, {
    root,
    setOnline,
    viewedByAuthor: true,
    allowChannelMentions,
  });
  // Detached: a slow or failing integration never holds up or fails the post.
  triggerOutgoingWebhooks(app, channel, post);
  return post;
}

/**
 * Saves a validated post with everything it changes, in one transaction, then tells clients.
 * Shared by user posts and system messages.
 */
export async function savePost(
  app: App,
  channel: ChannelRow,
  draft: PostDraft,
  opts: {
    root: store.PostRow | null;
    setOnline: boolean;
    viewedByAuthor: boolean;
    allowChannelMentions?: boolean;
  },
): Promise<store.PostRow> {
  const mentioned = await mentionsForPost(app, channel, draft, opts.allowChannelMentions ?? false);
  const now = Date.now();
  const createAt = draft.createAt ?? now;
  const id = newId();
  const isRoot = draft.rootId === '';
  try {
    await app.db.transaction().execute(async (trx) => {
      // Only the author's own unattached uploads in this channel are attached; others are dropped.
      const fileIds = await attachToPost(trx, draft.fileIds, {
        id,
        userId: draft.userId,
        channelId: channel.id,
        at: createAt,
      });
      await write.insertPost(trx, {
        id,
        create_at: createAt,
        update_at: createAt,
        user_id: draft.userId,
        channel_id: channel.id,
        root_id: draft.rootId,
        message: draft.message,
        type: draft.type,
        props: write.jsonb(draft.props),
        hashtags: draft.type === '' ? parseHashtags(draft.message) : '',
        file_ids: write.jsonb(fileIds),
        pending_post_id: draft.pendingPostId,
      });
      // The channel row first: every post of the channel takes its lock, so the member, thread and
      // mention rows below are always locked in the same order (no deadlock between posters).
      const counts = !isJoinLeaveType(draft.type);
      if (opts.viewedByAuthor)
        await write.bumpChannelViewedByAuthor(trx, channel.id, draft.userId, createAt, isRoot, counts);
      else await write.bumpChannel(trx, channel.id, createAt, isRoot, counts);
      if (opts.root) {
        await write.upsertThreadForReply(trx, opts.root.id, channel.id, draft.userId, createAt);
        await write.followThread(trx, opts.root.id, draft.userId, opts.root.user_id, createAt);
      }
      await recordMentions(trx, {
        channelId: channel.id,
        rootId: draft.rootId,
        mentioned,
        urgent: false,
        at: createAt,
      });
    });
  } catch (err) {
    if (draft.pendingPostId && isUniqueViolation(err)) {
      const existing = await store.findByPendingId(app.db, draft.userId, draft.pendingPostId);
      if (existing) return existing;
    }
    throw err;
  }
  const isSystem = draft.type.startsWith(SYSTEM_PREFIX);
  // Both reads at once: `posted` goes out as soon after the commit as possible.
  const [post, username] = await Promise.all([
    store.findPost(app.db, id),
    isSystem ? null : store.findUsername(app.db, draft.userId),
  ]);
  if (!post) throw new Error(`post ${id} vanished after insert`);
  const senderName = isSystem ? 'System' : `@${username ?? ''}`;
  for (const event of await postedEvents(app, {
    channel,
    post,
    senderName,
    setOnline: opts.setOnline,
    mentions: mentioned,
  }))
    app.events.publish(event);
  // Detached: emails, pushes and link previews never hold up or fail the post.
  afterPostCommitted(app, { channel, post, mentioned });
  return post;
}

/**
 * POST /posts/ephemeral: a message shown to one user only; nothing is stored. The sender is the
 * caller (an integration holding create_post_ephemeral).
 */
export async function sendEphemeral(app: App, session: Session, input: Input) {
  requireSystemPermission(app, session, 'create_post_ephemeral');
  const userId = input.user_id;
  if (!isValidId(userId)) throw invalidBodyParam('user_id');
  const body = input.post;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidBodyParam('post');
  const fields = body as Input;
  const channelId = optionalString(fields, 'channel_id');
  if (!isValidId(channelId)) throw invalidBodyParam('channel_id');
  const message = optionalString(fields, 'message');
  const props = optionalProps(fields);
  const problem = postFieldsProblem({ message, fileIds: [], props });
  if (problem) throw badRequest(problem[0], problem[1]);
  const now = Date.now();
  const post = presentPost({
    id: newId(),
    create_at: now,
    update_at: now,
    edit_at: 0,
    delete_at: 0,
    is_pinned: false,
    user_id: session.userId,
    channel_id: channelId,
    root_id: optionalString(fields, 'root_id'),
    original_id: '',
    message,
    type: 'system_ephemeral',
    props,
    hashtags: '',
    file_ids: [],
    pending_post_id: '',
    has_reactions: false,
    remote_id: null,
    priority: null,
    link_metadata: null,
    reply_count: 0,
    last_reply_at: 0,
  });
  app.events.publish({
    event: 'ephemeral_message',
    data: { post: JSON.stringify(post) },
    broadcast: { userId },
  });
  return post;
}
