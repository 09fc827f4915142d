import type { App } from '../../app.ts';
import { outbound } from '../../platform/outbound/index.ts';
import type { ChannelRow } from '../channels/store.ts';
import * as posts from '../posts/store.ts';
import { findTeam } from '../teams/store.ts';
import { CONTENT_TYPE_JSON, matchTrigger } from './policy.ts';
import { MAX_TEAM_HOOKS } from './service-outgoing.ts';
import { processAttachments, processSlackText } from './slack.ts';
import * as store from './store.ts';
import { createWebhookPost } from './webhook-post.ts';

/**
 * Outgoing webhooks fire after a user's post has been saved (Mattermost's handleWebhookEvents and
 * TriggerWebhook): each matching hook's callback URLs get the post through the outbound client,
 * and a JSON answer with text or attachments becomes a post. Nothing here may delay or fail the
 * post that triggered it, so this runs detached and only logs its failures.
 */

export function triggerOutgoingWebhooks(app: App, channel: ChannelRow, post: posts.PostRow): void {
  if (!app.config.get().ServiceSettings.EnableOutgoingWebhooks) return;
  if (channel.type !== 'O') return;
  const props = (post.props ?? {}) as Record<string, unknown>;
  // Integration posts never trigger hooks: an answer to a hook must not trigger it again.
  if (props.from_webhook === 'true' || post.type.startsWith('system_')) return;
  fireAll(app, channel, post).catch((err: unknown) =>
    app.log.warn({ err, postId: post.id }, 'outgoing webhooks failed'),
  );
}

async function fireAll(app: App, channel: ChannelRow, post: posts.PostRow): Promise<void> {
  const hooks = await store.listOutgoing(app.db, {
    teamId: channel.team_id,
    limit: MAX_TEAM_HOOKS,
    offset: 0,
  });
  const fromBot = (post.props as Record<string, unknown> | null)?.from_bot === 'true';
  const matches = hooks.flatMap((hook) => {
    // A bot's own hooks do not answer the bot, or it could talk to itself forever.
    if (fromBot && hook.creator_id === post.user_id) return [];
    const trigger = matchTrigger(hook, post.channel_id, post.message);
    return trigger === null ? [] : [{ hook, trigger }];
  });
  if (matches.length === 0) return;
  const [team, userName] = await Promise.all([
    findTeam(app.db, channel.team_id),
    posts.findUsername(app.db, post.user_id),
  ]);
  await Promise.all(
    matches.flatMap(({ hook, trigger }) =>
      hook.callback_urls.map((url) =>
        callHook(app, {
          hook,
          url,
          channel,
          post,
          teamDomain: team?.name ?? '',
          userName: userName ?? '',
          trigger,
        }).catch((err: unknown) =>
          app.log.warn({ err, hookId: hook.id, url }, 'outgoing webhook call failed'),
        ),
      ),
    ),
  );
}

interface Call {
  hook: store.OutgoingRow;
  url: string;
  channel: ChannelRow;
  post: posts.PostRow;
  teamDomain: string;
  userName: string;
  trigger: string;
}

/** Mattermost's OutgoingWebhookPayload. */
function payloadOf(c: Call): Record<string, string> {
  return {
    token: c.hook.token,
    team_id: c.hook.team_id,
    team_domain: c.teamDomain,
    channel_id: c.post.channel_id,
    channel_name: c.channel.name,
    timestamp: String(c.post.create_at),
    user_id: c.post.user_id,
    user_name: c.userName,
    post_id: c.post.id,
    text: c.post.message,
    trigger_word: c.trigger,
    file_ids: (c.post.file_ids ?? []).join(','),
  };
}

async function callHook(app: App, c: Call): Promise<void> {
  const payload = payloadOf(c);
  const json = c.hook.content_type === CONTENT_TYPE_JSON;
  const res = await outbound(app).request({
    url: c.url,
    method: 'POST',
    headers: {
      'Content-Type': json ? CONTENT_TYPE_JSON : 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: json
      ? JSON.stringify({ ...payload, timestamp: Number(c.post.create_at) })
      : new URLSearchParams(payload).toString(),
  });
  let reply: Record<string, unknown>;
  try {
    reply = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return; // An integration may answer with nothing, or with text that is not for us.
  }
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) return;
  await postReply(app, c, reply);
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The hook's JSON answer as a post: in the channel, or in the thread for response_type "comment". */
async function postReply(app: App, c: Call, reply: Record<string, unknown>): Promise<void> {
  const attachments = processAttachments(reply.attachments) ?? [];
  if (typeof reply.text !== 'string' && attachments.length === 0) return;
  const settings = app.config.get().ServiceSettings;
  let root: posts.PostRow | null = null;
  if (reply.response_type === 'comment') {
    root = c.post.root_id ? ((await posts.findPost(app.db, c.post.root_id)) ?? null) : c.post;
  }
  const props =
    typeof reply.props === 'object' && reply.props !== null && !Array.isArray(reply.props)
      ? (reply.props as Record<string, unknown>)
      : {};
  await createWebhookPost(app, {
    userId: c.hook.creator_id,
    channel: c.channel,
    text: processSlackText(str(reply.text)),
    overrideUsername: str(reply.username) || (settings.EnablePostUsernameOverride ? c.hook.username : ''),
    overrideIconUrl: str(reply.icon_url) || (settings.EnablePostIconOverride ? c.hook.icon_url : ''),
    overrideIconEmoji: '',
    props: { ...props, webhook_display_name: c.hook.display_name },
    attachments,
    type: str(reply.type),
    root,
  });
}
