import type { App } from '../../app.ts';
import { newId } from '../../platform/ids.ts';
import { RETAINED_PROPS, withActionIds } from '../actions/policy.ts';
import { withActionCookies } from '../actions/cookie.ts';
import { presentPost } from '../posts/present.ts';

/**
 * Mattermost's SendEphemeralPost: a post only `userId` sees, never stored, delivered as
 * `ephemeral_message`. Commands and interactive actions answer this way without needing the
 * create_post_ephemeral permission that POST /posts/ephemeral asks of integrations.
 */
export interface EphemeralDraft {
  channelId: string;
  rootId: string;
  authorId: string;
  message: string;
  props: Record<string, unknown>;
  /** Set when an ephemeral post is replaced (an interactive update), which keeps its id. */
  id?: string;
}

export async function sendEphemeralPost(
  app: App,
  userId: string,
  draft: EphemeralDraft,
  event: 'ephemeral_message' | 'post_edited' = 'ephemeral_message',
) {
  const now = Date.now();
  const id = draft.id ?? newId();
  const retain = Object.fromEntries(
    RETAINED_PROPS.filter((k) => draft.props[k] !== undefined).map((k) => [k, draft.props[k]]),
  );
  // Its buttons can only be clicked through cookies, since the post itself is never stored.
  const props = await withActionCookies(app, withActionIds(draft.props, newId), {
    id,
    rootId: draft.rootId,
    channelId: draft.channelId,
    authorId: draft.authorId,
    retain,
  });
  const post = presentPost({
    id,
    create_at: now,
    update_at: now,
    edit_at: draft.id ? now : 0,
    delete_at: 0,
    is_pinned: false,
    user_id: draft.authorId,
    channel_id: draft.channelId,
    root_id: draft.rootId,
    original_id: '',
    message: draft.message,
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
    event,
    data: { post: JSON.stringify(post) },
    broadcast: { userId },
  });
  return post;
}
