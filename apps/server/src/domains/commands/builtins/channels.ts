import { addMembers, removeMember, updateNotifyProps } from '../../channels/service-members.ts';
import { patchChannel } from '../../channels/service.ts';
import { findChannelByName, findMember, type ChannelRow } from '../../channels/store.ts';
import { isTeamChannelType } from '../../channels/policy.ts';
import { findUserByUsername } from '../../users/store.ts';
import { ephemeral, type BuiltinCommand, type CommandContext } from '../types.ts';

/**
 * Channel built-ins (Mattermost's command_join/leave/invite/remove/channel_header/purpose/rename/
 * mute): each calls the channel service the REST routes use, so the same permissions apply.
 */

const channelName = (word: string) => word.trim().replace(/^~/u, '').toLowerCase();
const userName = (word: string) => word.trim().replace(/^@/u, '').toLowerCase();
const shown = (c: ChannelRow) => `~${c.name}`;

function channelUrl(ctx: CommandContext, name: string): string {
  return `${ctx.siteUrl}/${ctx.team?.name ?? ''}/channels/${name}`;
}

async function namedChannel(ctx: CommandContext, word: string): Promise<ChannelRow | null> {
  if (!ctx.team) return null;
  return (await findChannelByName(ctx.app.db, ctx.team.id, channelName(word), false)) ?? null;
}

const join: BuiltinCommand = {
  trigger: 'join',
  displayName: 'join',
  description: 'Join the open channel',
  hint: '~[channel]',
  run: async (ctx, message) => {
    const channel = message.trim() ? await namedChannel(ctx, message.trim().split(/\s+/u)[0]) : null;
    if (!channel) return ephemeral("We couldn't find the channel.");
    const member = await findMember(ctx.app.db, channel.id, ctx.session.userId);
    if (!member) {
      if (channel.type !== 'O') return ephemeral("We couldn't find the channel.");
      await addMembers(ctx.app, ctx.session, channel.id, [ctx.session.userId]);
    }
    return { goto_location: channelUrl(ctx, channel.name) };
  },
};

const leave: BuiltinCommand = {
  trigger: 'leave',
  displayName: 'leave',
  description: 'Leave the current channel',
  hint: '',
  run: async (ctx) => {
    if (!isTeamChannelType(ctx.channel.type))
      return ephemeral(
        'You cannot leave a direct or group message channel; close it from the sidebar instead.',
      );
    await removeMember(ctx.app, ctx.session, ctx.channel.id, ctx.session.userId);
    return { goto_location: channelUrl(ctx, 'town-square') };
  },
};

const invite: BuiltinCommand = {
  trigger: 'invite',
  displayName: 'invite',
  description: 'Invite a user to a channel',
  hint: '@[username] ~[channel]',
  run: async (ctx, message) => {
    const words = message.trim().split(/\s+/u).filter(Boolean);
    const userWord = words.find((w) => w.startsWith('@')) ?? words[0];
    if (!userWord) return ephemeral('Please provide a user to invite: /invite @username ~channel');
    const user = await findUserByUsername(ctx.app.db, userName(userWord));
    if (!user || user.delete_at > 0) return ephemeral("We couldn't find the user.");
    const channelWord = words.find((w) => w.startsWith('~'));
    const channel = channelWord ? await namedChannel(ctx, channelWord) : ctx.channel;
    if (!channel) return ephemeral("We couldn't find the channel.");
    if (await findMember(ctx.app.db, channel.id, user.id))
      return ephemeral(`@${user.username} is already in ${shown(channel)}.`);
    await addMembers(ctx.app, ctx.session, channel.id, [user.id]);
    return ephemeral(`@${user.username} added to ${shown(channel)} channel.`);
  },
};

function removeCommand(trigger: string): BuiltinCommand {
  return {
    trigger,
    displayName: trigger,
    description: 'Remove a member from the channel',
    hint: '@[username]',
    run: async (ctx, message) => {
      const word = message.trim().split(/\s+/u)[0];
      if (!word) return ephemeral(`Please provide a user to remove: /${trigger} @username`);
      const user = await findUserByUsername(ctx.app.db, userName(word));
      if (!user) return ephemeral("We couldn't find the user.");
      if (!(await findMember(ctx.app.db, ctx.channel.id, user.id)))
        return ephemeral(`@${user.username} is not a member of ${shown(ctx.channel)}.`);
      await removeMember(ctx.app, ctx.session, ctx.channel.id, user.id);
      return {};
    },
  };
}

function propertyCommand(
  trigger: string,
  field: 'header' | 'purpose' | 'display_name',
  description: string,
  hint: string,
): BuiltinCommand {
  return {
    trigger,
    displayName: trigger,
    description,
    hint,
    run: async (ctx, message) => {
      if (field !== 'header' && !isTeamChannelType(ctx.channel.type))
        return ephemeral(
          `Unable to set the ${field === 'purpose' ? 'purpose' : 'name'} of a direct or group message channel. Use /header instead.`,
        );
      if (message.trim() === '') return ephemeral(`A message must be provided with the /${trigger} command.`);
      await patchChannel(ctx.app, ctx.session, ctx.channel.id, {
        [field]: field === 'header' ? message : message.trim(),
      });
      return {};
    },
  };
}

const mute: BuiltinCommand = {
  trigger: 'mute',
  displayName: 'mute',
  description:
    'Turns off desktop, email and push notifications for the current channel or the [channel] specified.',
  hint: '[~channel]',
  run: async (ctx, message) => {
    const channel = message.trim() ? await namedChannel(ctx, message.trim()) : ctx.channel;
    const member = channel ? await findMember(ctx.app.db, channel.id, ctx.session.userId) : undefined;
    if (!channel || !member) return ephemeral("We couldn't find the channel.");
    const muted = (member.notify_props as Record<string, string>).mark_unread === 'mention';
    await updateNotifyProps(ctx.app, ctx.session, channel.id, ctx.session.userId, {
      mark_unread: muted ? 'all' : 'mention',
    });
    const name = channel.display_name || channel.name;
    return ephemeral(
      muted
        ? `${name} is no longer muted.`
        : `You will not receive notifications for ${name} until channel mute is turned off.`,
    );
  },
};

export const channelCommands: BuiltinCommand[] = [
  join,
  leave,
  invite,
  removeCommand('kick'),
  removeCommand('remove'),
  propertyCommand('header', 'header', 'Edit the channel header', '[text]'),
  propertyCommand('purpose', 'purpose', 'Edit the channel purpose', '[text]'),
  propertyCommand('rename', 'display_name', 'Rename the channel', '[text]'),
  mute,
];
