import type { App } from '../../app.ts';
import { AppError, badRequest, forbidden, notFound } from '../../errors/app-error.ts';
import { hasPermissionToChannel } from '../../permissions/authorize.ts';
import { createDirectChannel } from '../channels/service-direct.ts';
import { findChannel, findChannelByName, type ChannelRow } from '../channels/store.ts';
import { findUser, findUserByUsername, type UserRow } from '../users/store.ts';
import { actingSession } from './access.ts';
import { processAttachments, processSlackText, type Attachment } from './slack.ts';
import * as store from './store.ts';
import { createWebhookPost } from './webhook-post.ts';

/** POST /hooks/{hook_id}: a Slack-compatible payload becomes a post (Mattermost's HandleIncomingWebhook). */

export interface IncomingPayload {
  text: string;
  channel: string;
  username: string;
  iconUrl: string;
  iconEmoji: string;
  attachments: Attachment[] | null;
  props: Record<string, unknown>;
  type: string;
}

export const parseError = () =>
  badRequest('model.incoming_hook.parse_data.app_error', 'Unable to parse incoming data.');

/** The payload's fields; a field of the wrong type fails like a failed decode, as upstream. */
export function readPayload(value: unknown): IncomingPayload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw parseError();
  const v = value as Record<string, unknown>;
  const text = (name: string): string => {
    const x = v[name];
    if (x === undefined || x === null) return '';
    if (typeof x !== 'string') throw parseError();
    return x;
  };
  const props = v.props;
  if (props !== undefined && props !== null && (typeof props !== 'object' || Array.isArray(props)))
    throw parseError();
  const attachments =
    v.attachments === undefined || v.attachments === null ? null : processAttachments(v.attachments);
  if (v.attachments !== undefined && v.attachments !== null && attachments === null) throw parseError();
  return {
    text: text('text'),
    channel: text('channel'),
    username: text('username'),
    iconUrl: text('icon_url'),
    iconEmoji: text('icon_emoji'),
    attachments,
    props: (props as Record<string, unknown> | undefined) ?? {},
    type: text('type'),
  };
}

const invalidHook = () => notFound('web.incoming_webhook.invalid.app_error', 'Invalid webhook.');
const channelMissing = () => notFound('web.incoming_webhook.channel.app_error', "Couldn't find the channel.");
const userMissing = (status: number) =>
  new AppError('web.incoming_webhook.user.app_error', "Couldn't find the user.", status);

/** Where the post goes: the hook's channel, or (unless locked) a named channel or a DM with @user. */
async function targetChannel(
  app: App,
  hook: store.IncomingRow,
  owner: UserRow,
  name: string,
): Promise<ChannelRow> {
  if (name === '' || hook.channel_locked) {
    const channel = await findChannel(app.db, hook.channel_id);
    if (!channel) throw channelMissing();
    return channel;
  }
  if (name.startsWith('@')) {
    const other = await findUserByUsername(app.db, name.slice(1).toLowerCase());
    if (!other || other.delete_at > 0) throw userMissing(400);
    return createDirectChannel(app, actingSession(owner), [owner.id, other.id]);
  }
  const channel = await findChannelByName(app.db, hook.team_id, name.replace(/^#/u, ''), true);
  if (!channel) throw channelMissing();
  return channel;
}

export async function executeIncoming(app: App, hookId: string, payload: IncomingPayload): Promise<void> {
  const settings = app.config.get().ServiceSettings;
  if (!settings.EnableIncomingWebhooks)
    throw new AppError(
      'web.incoming_webhook.disabled.app_error',
      'Incoming webhooks have been disabled by the system admin.',
      501,
    );
  const attachments = payload.attachments ?? [];
  if (payload.text === '' && attachments.length === 0)
    throw badRequest('web.incoming_webhook.text.app_error', 'No text specified.');
  const hook = await store.findIncoming(app.db, hookId);
  if (!hook) throw invalidHook();
  const owner = await findUser(app.db, hook.user_id);
  if (!owner || owner.delete_at > 0) throw userMissing(403);
  const channel = await targetChannel(app, hook, owner, payload.channel);
  if (
    channel.type !== 'O' &&
    !(await hasPermissionToChannel(app, actingSession(owner), channel.id, 'read_channel_content'))
  )
    throw forbidden('web.incoming_webhook.permissions.app_error', 'Inappropriate channel permissions.');

  await createWebhookPost(app, {
    userId: owner.id,
    channel,
    text: processSlackText(payload.text),
    overrideUsername: settings.EnablePostUsernameOverride ? payload.username || hook.username : '',
    overrideIconUrl: settings.EnablePostIconOverride ? payload.iconUrl || hook.icon_url : '',
    overrideIconEmoji: settings.EnablePostIconOverride ? payload.iconEmoji : '',
    props: { ...payload.props, webhook_display_name: hook.display_name },
    attachments,
    type: attachments.length > 0 ? 'slack_attachment' : payload.type,
    root: null,
  });
  await store.touchIncoming(app.db, hook.id, Date.now());
}
