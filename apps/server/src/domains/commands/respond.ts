import type { App, Session } from '../../app.ts';
import { AppError, forbidden } from '../../errors/app-error.ts';
import { hasPermissionToChannel } from '../../permissions/authorize.ts';
import { findChannel, findMember, type ChannelRow } from '../channels/store.ts';
import { archivedChannel } from '../posts/access.ts';
import { postFieldsProblem } from '../posts/policy.ts';
import { savePost } from '../posts/service-create.ts';
import { findPost, type PostRow } from '../posts/store.ts';
import { newId } from '../../platform/ids.ts';
import { withActionIds } from '../actions/policy.ts';
import { processAttachments, processSlackText } from '../webhooks/slack.ts';
import { sendEphemeralPost } from './ephemeral.ts';
import { RESPONSE_EPHEMERAL, RESPONSE_IN_CHANNEL, type CommandResponse } from './types.ts';

/**
 * Turning a CommandResponse into posts (Mattermost's HandleCommandResponse): `in_channel` becomes
 * a real post by the caller, `ephemeral` (the default) an ephemeral_message to the caller only;
 * extra_responses are handled the same way, one by one.
 */

export interface ResponseTarget {
  userId: string;
  channel: ChannelRow;
  rootId: string;
  /** The custom command answering, or null for a built-in (whose posts are the user's own). */
  command: { username: string; icon_url: string } | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A CommandResponse read leniently from an integration's JSON, as Go's decoder does. */
export function readCommandResponse(value: unknown): CommandResponse {
  if (!isObject(value)) return {};
  const extra = Array.isArray(value.extra_responses) ? value.extra_responses.filter(isObject) : [];
  return {
    response_type: str(value.response_type),
    text: str(value.text),
    username: str(value.username),
    icon_url: str(value.icon_url),
    channel_id: str(value.channel_id),
    type: str(value.type),
    props: isObject(value.props) ? value.props : undefined,
    goto_location: str(value.goto_location),
    trigger_id: str(value.trigger_id),
    skip_slack_parsing: value.skip_slack_parsing === true,
    attachments: value.attachments,
    extra_responses: extra.map((r) => readCommandResponse({ ...r, extra_responses: undefined })),
  };
}

/** The post a response describes: props with the overrides the settings allow, Slack markup converted. */
function draftProps(app: App, target: ResponseTarget, r: CommandResponse): Record<string, unknown> {
  const settings = app.config.get().ServiceSettings;
  const props: Record<string, unknown> = { ...(r.props ?? {}) };
  for (const reserved of ['from_webhook', 'override_username', 'override_icon_url']) delete props[reserved];
  let fromIntegration = target.command !== null;
  if (settings.EnablePostUsernameOverride) {
    const name = target.command?.username || r.username || '';
    if (name) {
      props.override_username = name;
      fromIntegration = true;
    }
  }
  if (settings.EnablePostIconOverride) {
    const icon = target.command?.icon_url || r.icon_url || '';
    if (icon) {
      props.override_icon_url = icon;
      fromIntegration = true;
    }
  }
  if (fromIntegration) props.from_webhook = 'true';
  const attachments = processAttachments(r.attachments);
  if (attachments && attachments.length > 0) props.attachments = attachments;
  // Buttons need ids for clients to click them, as upstream's GenerateActionIds gives.
  return withActionIds(props, newId);
}

async function rootFor(app: App, channelId: string, rootId: string): Promise<PostRow | null> {
  if (!rootId) return null;
  const root = await findPost(app.db, rootId);
  // A thread that is gone or elsewhere: the answer goes to the channel rather than nowhere.
  if (!root || root.delete_at > 0 || root.root_id !== '' || root.channel_id !== channelId) return null;
  return root;
}

async function handleOne(app: App, session: Session, target: ResponseTarget, r: CommandResponse) {
  let channel = target.channel;
  if (r.channel_id && r.channel_id !== channel.id) {
    const other = await findChannel(app.db, r.channel_id);
    if (!other || !(await findMember(app.db, other.id, target.userId)))
      throw forbidden(
        'api.command.command_post.forbidden.app_error',
        'Specified user is not a member of specified channel.',
      );
    channel = other;
  }
  const text = r.skip_slack_parsing ? (r.text ?? '') : processSlackText(r.text ?? '');
  const props = draftProps(app, target, r);
  const rootId = channel.id === target.channel.id ? target.rootId : '';
  if (r.response_type === RESPONSE_IN_CHANNEL) {
    if (channel.delete_at > 0) throw archivedChannel('create');
    const draft = {
      channelId: channel.id,
      userId: target.userId,
      message: text,
      type: r.type ?? '',
      rootId: '',
      props,
      fileIds: [],
      pendingPostId: '',
    };
    const problem = postFieldsProblem(draft);
    if (problem) throw new AppError(problem[0], problem[1], 400);
    const root = await rootFor(app, channel.id, rootId);
    draft.rootId = root?.id ?? '';
    await savePost(app, channel, draft, {
      root,
      setOnline: true,
      viewedByAuthor: true,
      allowChannelMentions: await hasPermissionToChannel(app, session, channel.id, 'use_channel_mentions'),
    });
    return;
  }
  if ((r.response_type ?? '') === '' || r.response_type === RESPONSE_EPHEMERAL) {
    if (!text && props.attachments === undefined) return;
    await sendEphemeralPost(app, target.userId, {
      channelId: channel.id,
      rootId,
      authorId: target.userId,
      message: text,
      props,
    });
  }
}

/**
 * Handles the response and its extra responses. A failing one does not stop the others; the last
 * failure is reported afterwards, as upstream does.
 */
export async function handleCommandResponse(
  app: App,
  session: Session,
  target: ResponseTarget,
  response: CommandResponse,
): Promise<void> {
  let failure: unknown = null;
  for (const r of [response, ...(response.extra_responses ?? [])]) {
    try {
      await handleOne(app, session, target, r);
    } catch (err) {
      failure = err;
    }
  }
  if (failure) throw failure;
}
