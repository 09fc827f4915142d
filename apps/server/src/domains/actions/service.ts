import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, invalidParam, notFound } from '../../errors/app-error.ts';
import { hasPermissionToTeam } from '../../permissions/authorize.ts';
import { isValidId } from '../../platform/ids.ts';
import { canReadChannel } from '../channels/service.ts';
import { findChannel, type ChannelRow } from '../channels/store.ts';
import { filesForPosts } from '../files/for-posts.ts';
import { readablePost } from '../posts/access.ts';
import { postFieldsProblem } from '../posts/policy.ts';
import { presentPost } from '../posts/present.ts';
import * as write from '../posts/store-write.ts';
import { findPost, findUsername, type PostRow } from '../posts/store.ts';
import { findTeam } from '../teams/store.ts';
import { sendEphemeralPost } from '../commands/ephemeral.ts';
import { processSlackText } from '../webhooks/slack.ts';
import { postToIntegration } from './call.ts';
import { decodeCookie } from './cookie.ts';
import { findAction, RETAINED_PROPS, type PostAction } from './policy.ts';
import { newTrigger, verifyTriggerId } from './trigger.ts';

/**
 * Interactive messages and dialogs (Mattermost's DoPostActionWithCookie, OpenInteractiveDialog and
 * SubmitInteractiveDialog): a click is forwarded to the integration, whose answer may rewrite the
 * post, tell the user something privately, or open a dialog through the trigger id it was given.
 */

type Input = Record<string, unknown>;
const isObject = (v: unknown): v is Input => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The integration's `update`: message and props replace the post's, except the props saying who posted. */
async function applyUpdate(app: App, post: PostRow, update: Input): Promise<void> {
  const props: Input = isObject(update.props) ? { ...update.props } : {};
  const original = (post.props ?? {}) as Input;
  for (const key of RETAINED_PROPS) {
    if (original[key] === undefined) delete props[key];
    else props[key] = original[key];
  }
  const message = str(update.message);
  const problem = postFieldsProblem({ message, fileIds: post.file_ids, props });
  if (problem) throw badRequest(problem[0], problem[1]);
  const now = Date.now();
  await write.updatePost(app.db, post.id, {
    message,
    props: write.jsonb(props),
    edit_at: message !== post.message ? now : post.edit_at,
    update_at: now,
  });
  const updated = await findPost(app.db, post.id);
  if (!updated) return;
  app.events.publish({
    event: 'post_edited',
    data: { post: JSON.stringify(presentPost(updated, await filesForPosts(app, [updated]))) },
    broadcast: { channelId: updated.channel_id },
  });
}

/** What a click acts on: a stored post, or an ephemeral one described by its action's cookie. */
interface Clicked {
  postId: string;
  rootId: string;
  authorId: string;
  channel: ChannelRow;
  action: PostAction;
  /** The props that say who posted, kept through updates. */
  retain: Input;
  /** The stored post, or null for an ephemeral one. */
  post: PostRow | null;
}

async function clicked(app: App, session: Session, postId: string, actionId: string, cookieText: string) {
  const missing = () => notFound('api.post.do_action.action_id.app_error', 'Invalid action id.');
  if (cookieText) {
    const cookie = await decodeCookie(app, cookieText);
    if (!cookie || cookie.post_id !== postId || cookie.action.id !== actionId)
      throw badRequest('api.post.do_action.action_integration.app_error', 'Invalid action cookie.');
    const channel = await findChannel(app.db, cookie.channel_id);
    if (!channel || !(await canReadChannel(app, session, channel))) throw forbidden();
    return {
      postId,
      rootId: cookie.root_post_id,
      authorId: cookie.author_id,
      channel,
      action: cookie.action,
      retain: cookie.retain_props,
      post: null,
    } satisfies Clicked;
  }
  const { post, channel } = await readablePost(app, session, postId);
  const action = findAction(post.props, actionId);
  if (!action) throw missing();
  const original = (post.props ?? {}) as Input;
  const retain: Input = {};
  for (const key of RETAINED_PROPS) if (original[key] !== undefined) retain[key] = original[key];
  return {
    postId,
    rootId: post.root_id,
    authorId: post.user_id,
    channel,
    action,
    retain,
    post,
  } satisfies Clicked;
}

/** POST /posts/{post_id}/actions/{action_id} {selected_option, cookie}. */
export async function doPostAction(
  app: App,
  session: Session,
  postId: string,
  actionId: string,
  input: Input,
) {
  const target = await clicked(app, session, postId, actionId, str(input.cookie));
  const { channel, action } = target;
  if (!action.integration.url) throw notFound('api.post.do_action.action_id.app_error', 'Invalid action id.');
  const team = channel.team_id ? await findTeam(app.db, channel.team_id) : undefined;
  const { clientTriggerId, triggerId } = await newTrigger(app, session.userId);
  const context: Input = { ...action.integration.context };
  const selected = str(input.selected_option);
  if (selected) context.selected_option = selected;
  const reply = await postToIntegration(app, action.integration.url, {
    user_id: session.userId,
    user_name: (await findUsername(app.db, session.userId)) ?? '',
    channel_id: channel.id,
    channel_name: channel.name,
    team_id: team?.id ?? '',
    team_domain: team?.name ?? '',
    post_id: postId,
    trigger_id: triggerId,
    type: action.type,
    data_source: action.data_source,
    context,
  });
  const answer: Input = isObject(reply) ? reply : {};
  if (isObject(answer.update)) {
    if (target.post) await applyUpdate(app, target.post, answer.update);
    else await updateEphemeral(app, session.userId, target, answer.update);
  }
  const ephemeralText = str(answer.ephemeral_text);
  if (ephemeralText) {
    await sendEphemeralPost(app, session.userId, {
      channelId: channel.id,
      rootId: target.rootId,
      authorId: target.authorId,
      message: answer.skip_slack_parsing === true ? ephemeralText : processSlackText(ephemeralText),
      props: { ...target.retain },
    });
  }
  const gotoLocation = str(answer.goto_location);
  return {
    status: 'OK',
    trigger_id: clientTriggerId,
    ...(gotoLocation ? { goto_location: gotoLocation } : {}),
  };
}

/** An ephemeral post's update is itself ephemeral: an edit only the clicking user receives. */
async function updateEphemeral(app: App, userId: string, target: Clicked, update: Input) {
  const props: Input = isObject(update.props) ? { ...update.props } : {};
  for (const key of RETAINED_PROPS) delete props[key];
  await sendEphemeralPost(
    app,
    userId,
    {
      id: target.postId,
      channelId: target.channel.id,
      rootId: target.rootId,
      authorId: target.authorId,
      message: str(update.message),
      props: { ...props, ...target.retain },
    },
    'post_edited',
  );
}

/** POST /actions/dialogs/open {trigger_id, url, dialog}: the dialog opens for the trigger's user. */
export async function openDialog(app: App, input: Input): Promise<void> {
  const triggerId = str(input.trigger_id);
  if (!triggerId) throw invalidParam('trigger_id');
  if (!str(input.url)) throw invalidParam('url');
  if (!isObject(input.dialog)) throw invalidParam('dialog');
  const check = await verifyTriggerId(app, triggerId);
  if ('problem' in check)
    throw check.problem === 'expired'
      ? badRequest(
          'interactive_message.decode_trigger_id.expired',
          'Trigger ID for interactive dialog is expired. Trigger IDs live for a maximum of 3 seconds.',
        )
      : badRequest(
          'interactive_message.decode_trigger_id.verify_signature.app_error',
          'Invalid trigger ID for interactive dialog.',
        );
  app.events.publish({
    event: 'open_dialog',
    data: { dialog: JSON.stringify({ trigger_id: triggerId, url: input.url, dialog: input.dialog }) },
    broadcast: { userId: check.userId },
  });
}

async function dialogChannel(app: App, session: Session, channelId: string): Promise<ChannelRow> {
  const channel = isValidId(channelId) ? await findChannel(app.db, channelId) : undefined;
  if (!channel || !(await canReadChannel(app, session, channel))) throw forbidden();
  return channel;
}

/** POST /actions/dialogs/submit: forwarded to the dialog's URL; its {error, errors} come back. */
export async function submitDialog(app: App, session: Session, input: Input) {
  const url = str(input.url);
  if (!url) throw invalidParam('url');
  const channel = await dialogChannel(app, session, str(input.channel_id));
  const teamId = str(input.team_id);
  if (teamId && !(await hasPermissionToTeam(app, session, teamId, 'view_team'))) throw forbidden();
  const reply = await postToIntegration(app, url, {
    type: 'dialog_submission',
    url,
    callback_id: str(input.callback_id),
    state: str(input.state),
    user_id: session.userId,
    channel_id: channel.id,
    team_id: teamId,
    submission: isObject(input.submission) ? input.submission : {},
    cancelled: input.cancelled === true,
  });
  const out: Input = {};
  if (isObject(reply)) {
    if (typeof reply.error === 'string' && reply.error) out.error = reply.error;
    if (isObject(reply.errors)) out.errors = reply.errors;
  }
  return out;
}

/** Most options one lookup answer may carry; the rest are dropped. */
const MAX_LOOKUP_ITEMS = 500;

/**
 * POST /actions/dialogs/lookup: a dynamic select of an open dialog asks its integration for
 * options ({type: "dialog_lookup", submission with query and selected_field}); the answer's
 * {items: [{text, value}]} comes back. The team is the channel's own, whatever the client sent.
 */
export async function lookupDialog(app: App, session: Session, input: Input) {
  const url = str(input.url);
  // Mattermost also takes /plugins/ paths; Parley runs no plugins, so only http(s) URLs work.
  if (!/^https?:\/\/[^\s/]+/i.test(url)) throw invalidParam('url');
  const channel = await dialogChannel(app, session, str(input.channel_id));
  const reply = await postToIntegration(app, url, {
    type: 'dialog_lookup',
    url: '',
    callback_id: str(input.callback_id),
    state: str(input.state),
    user_id: session.userId,
    channel_id: channel.id,
    team_id: channel.team_id,
    submission: isObject(input.submission) ? input.submission : {},
    cancelled: false,
  });
  const raw = isObject(reply) && Array.isArray(reply.items) ? reply.items : [];
  const items = raw
    .filter(isObject)
    .filter((o) => typeof o.text === 'string' && typeof o.value === 'string')
    .slice(0, MAX_LOOKUP_ITEMS)
    .map((o) => ({ text: o.text as string, value: o.value as string }));
  return { items };
}
