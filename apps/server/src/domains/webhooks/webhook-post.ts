import type { App } from '../../app.ts';
import { badRequest, invalidParam } from '../../errors/app-error.ts';
import type { ChannelRow } from '../channels/store.ts';
import { archivedChannel } from '../posts/access.ts';
import { MAX_POST_RUNES, postFieldsProblem, SYSTEM_PREFIX } from '../posts/policy.ts';
import { savePost } from '../posts/service-create.ts';
import type { PostRow } from '../posts/store.ts';
import { splitText, type Attachment } from './slack.ts';

/**
 * A post made by an integration (Mattermost's CreateWebhookPost): authored by the hook's owner,
 * marked from_webhook, with the name and icon overrides the settings allow, split when longer than
 * a post may be. Saved through the posts domain, so `posted` reaches clients as for any post.
 */

export const DEFAULT_WEBHOOK_USERNAME = 'webhook';
/** Props an integration may not set itself: they say who really posted. */
const RESERVED_PROPS = new Set(['from_webhook', 'override_username', 'override_icon_url', 'attachments']);

export interface WebhookPost {
  userId: string;
  channel: ChannelRow;
  text: string;
  overrideUsername: string;
  overrideIconUrl: string;
  overrideIconEmoji: string;
  props: Record<string, unknown>;
  attachments: Attachment[];
  type: string;
  /** The thread to reply in (outgoing hooks answering with response_type "comment"). */
  root: PostRow | null;
}

export function checkWebhookPostType(type: string): void {
  if (type.startsWith(SYSTEM_PREFIX)) throw invalidParam('post.type');
  if (type !== '' && type !== 'slack_attachment' && !type.startsWith('custom_'))
    throw badRequest('model.post.is_valid.type.app_error', 'Invalid post type.');
}

export async function createWebhookPost(app: App, input: WebhookPost): Promise<PostRow> {
  checkWebhookPostType(input.type);
  if (input.channel.delete_at > 0) throw archivedChannel('create');
  const settings = app.config.get().ServiceSettings;
  const props: Record<string, unknown> = { from_webhook: 'true' };
  if (settings.EnablePostUsernameOverride)
    props.override_username = input.overrideUsername || DEFAULT_WEBHOOK_USERNAME;
  if (settings.EnablePostIconOverride) {
    if (input.overrideIconUrl) props.override_icon_url = input.overrideIconUrl;
    if (input.overrideIconEmoji) props.override_icon_emoji = input.overrideIconEmoji;
  }
  for (const [key, value] of Object.entries(input.props)) if (!RESERVED_PROPS.has(key)) props[key] = value;

  const pieces = splitText(input.text, MAX_POST_RUNES);
  const drafts = pieces.map((message, i) => {
    const last = i === pieces.length - 1;
    const draftProps =
      last && input.attachments.length > 0 ? { ...props, attachments: input.attachments } : props;
    return {
      channelId: input.channel.id,
      userId: input.userId,
      message,
      type: input.type,
      rootId: input.root?.id ?? '',
      props: draftProps,
      fileIds: [],
      pendingPostId: '',
    };
  });
  for (const draft of drafts) {
    if (postFieldsProblem(draft))
      throw badRequest(
        'web.incoming_webhook.split_props_length.app_error',
        'Unable to split webhook props into 800000 character parts.',
      );
  }
  let first: PostRow | null = null;
  for (const draft of drafts) {
    // One post after another, so the pieces keep their order in the channel.
    const post = await savePost(app, input.channel, draft, {
      root: input.root,
      setOnline: false,
      viewedByAuthor: false,
      allowChannelMentions: true,
    });
    first ??= post;
  }
  if (!first) throw new Error('a webhook post had no pieces');
  return first;
}
