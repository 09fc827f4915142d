import { createDirectChannel, createGroupChannel } from '../../channels/service-direct.ts';
import { GROUP_MAX_MEMBERS } from '../../channels/policy.ts';
import { createPost } from '../../posts/service-create.ts';
import { findUserByUsername, findUsersByUsernames } from '../../users/store.ts';
import { handleCommandResponse } from '../respond.ts';
import { ephemeral, RESPONSE_IN_CHANNEL, type BuiltinCommand, type CommandContext } from '../types.ts';

/**
 * Built-ins that post (Mattermost's command_me/shrug/echo/code/msg/groupmsg). Posts go through the
 * posts service, so the caller's create_post permission and the channel rules apply.
 */

/** Seconds /echo may wait, as upstream. */
const ECHO_MAX_DELAY = 10_000;

const me: BuiltinCommand = {
  trigger: 'me',
  displayName: 'me',
  description: 'Do an action',
  hint: '[message]',
  run: async (_ctx, message) => ({
    response_type: RESPONSE_IN_CHANNEL,
    type: 'me',
    text: `*${message}*`,
    props: { message },
  }),
};

const shrug: BuiltinCommand = {
  trigger: 'shrug',
  displayName: 'shrug',
  description: 'Adds ¯\\_(ツ)_/¯ to your message',
  hint: '[message]',
  run: async (_ctx, message) => {
    const face = '¯\\\\\\_(ツ)\\_/¯';
    return { response_type: RESPONSE_IN_CHANNEL, text: message ? `${message} ${face}` : face };
  },
};

const code: BuiltinCommand = {
  trigger: 'code',
  displayName: 'code',
  description: 'Display text as a code block',
  hint: '[text]',
  run: async (_ctx, message) => {
    if (message === '') return ephemeral('A message must be provided with the /code command.');
    return {
      response_type: RESPONSE_IN_CHANNEL,
      text: `    ${message.split('\n').join('\n    ')}`,
      skip_slack_parsing: true,
    };
  },
};

/** `"text" delay` or `text delay`, as upstream's EchoProvider reads it. */
export function parseEcho(message: string): { text: string; delay: number } {
  const end = message.lastIndexOf('"');
  if (message.startsWith('"') && end > 1) {
    const delay = Number.parseInt(message.slice(end).replace(/[\s"]/gu, ''), 10);
    return { text: message.slice(1, end), delay: Number.isNaN(delay) ? 0 : delay };
  }
  const space = message.lastIndexOf(' ');
  if (space >= 0 && /^\d+$/u.test(message.slice(space + 1).trim()))
    return { text: message.slice(0, space), delay: Number(message.slice(space + 1).trim()) };
  return { text: message, delay: 0 };
}

const echo: BuiltinCommand = {
  trigger: 'echo',
  displayName: 'echo',
  description: 'Echo back text from your account',
  hint: '"message" [delay in seconds]',
  run: async (ctx, message) => {
    if (message.trim() === '') return ephemeral('A message must be provided with the /echo command.');
    const { text, delay } = parseEcho(message);
    if (delay > ECHO_MAX_DELAY) return ephemeral('Delays must be under 10000 seconds.');
    const target = { userId: ctx.session.userId, channel: ctx.channel, rootId: ctx.rootId, command: null };
    const post = () =>
      handleCommandResponse(ctx.app, ctx.session, target, {
        response_type: RESPONSE_IN_CHANNEL,
        text,
        skip_slack_parsing: true,
      });
    if (delay <= 0) {
      await post();
    } else {
      // Detached like upstream's goroutine: the command answers now, the echo comes later.
      setTimeout(() => {
        post().catch((err: unknown) => ctx.app.log.warn({ err }, '/echo failed'));
      }, delay * 1000).unref();
    }
    return {};
  },
};

function messagesUrl(ctx: CommandContext, name: string): string {
  return `${ctx.siteUrl}/${ctx.team?.name ?? ''}/messages/${name}`;
}

async function postTo(ctx: CommandContext, channelId: string, text: string) {
  if (text.trim() !== '')
    await createPost(ctx.app, ctx.session, { channel_id: channelId, message: text }, true);
}

const msg: BuiltinCommand = {
  trigger: 'msg',
  displayName: 'msg',
  description: 'Send a Direct Message to a user',
  hint: '@[username] [message]',
  run: async (ctx, message) => {
    const trimmed = message.trim();
    const space = trimmed.search(/\s/u);
    const who = (space < 0 ? trimmed : trimmed.slice(0, space)).replace(/^@/u, '').toLowerCase();
    const text = space < 0 ? '' : trimmed.slice(space + 1);
    if (!who) return ephemeral('Please provide a user: /msg @username message');
    const user = await findUserByUsername(ctx.app.db, who);
    if (!user || user.delete_at > 0) return ephemeral("We couldn't find the user.");
    const channel = await createDirectChannel(ctx.app, ctx.session, [ctx.session.userId, user.id]);
    await postTo(ctx, channel.id, text);
    return { goto_location: messagesUrl(ctx, `@${user.username}`) };
  },
};

/** "@a,@b, @c rest" → the usernames and the rest of the line. */
export function parseGroupTargets(message: string): { names: string[]; text: string } {
  const m = /^\s*(@?[\w.-]+(?:\s*,\s*@?[\w.-]+)*)\s*([\s\S]*)$/u.exec(message);
  if (!m) return { names: [], text: message };
  const names = m[1].split(',').map((n) => n.trim().replace(/^@/u, '').toLowerCase());
  return { names: [...new Set(names)], text: m[2] };
}

const groupmsg: BuiltinCommand = {
  trigger: 'groupmsg',
  displayName: 'groupmsg',
  description: 'Sends a Group Message to the specified users',
  hint: '@[username1],@[username2] [message]',
  run: async (ctx, message) => {
    const { names, text } = parseGroupTargets(message);
    if (names.length === 0) return ephemeral('Please provide users: /groupmsg @user1,@user2 message');
    if (names.length >= GROUP_MAX_MEMBERS)
      return ephemeral(`Group messages are limited to a maximum of ${GROUP_MAX_MEMBERS} users.`);
    const users = (await findUsersByUsernames(ctx.app.db, names)).filter((u) => u.delete_at === 0);
    const found = new Set(users.map((u) => u.username));
    const missing = names.filter((n) => !found.has(n));
    if (missing.length > 0)
      return ephemeral(`Unable to find the users: ${missing.map((n) => `@${n}`).join(', ')}`);
    const channel = await createGroupChannel(
      ctx.app,
      ctx.session,
      users.map((u) => u.id),
    );
    await postTo(ctx, channel.id, text);
    return { goto_location: messagesUrl(ctx, channel.name) };
  },
};

export const messageCommands: BuiltinCommand[] = [me, shrug, code, echo, msg, groupmsg];
