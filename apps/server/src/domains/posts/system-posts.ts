import type { App } from '../../app.ts';
import type { ChannelRow } from '../channels/store.ts';
import { savePost } from './service-create.ts';
import * as store from './store.ts';

/**
 * System messages other areas post after their own change has committed (Mattermost's
 * app/channel.go post*Message helpers), with upstream's post types, texts and props. A failure
 * here is logged and swallowed: the change the caller made already happened and must be answered.
 */

async function postSystem(
  app: App,
  channel: ChannelRow,
  userId: string,
  type: string,
  message: string,
  props: Record<string, unknown>,
): Promise<void> {
  try {
    await savePost(
      app,
      channel,
      { channelId: channel.id, userId, message, type, rootId: '', props, fileIds: [], pendingPostId: '' },
      { root: null, setOnline: false, viewedByAuthor: false },
    );
  } catch (err) {
    app.log.warn({ err, channelId: channel.id, type }, 'could not post a system message');
  }
}

async function usernameOf(app: App, userId: string): Promise<string> {
  return (await store.findUsername(app.db, userId)) ?? '';
}

/** Only team channels get membership messages; DMs and GMs never do. */
function hasMembershipMessages(channel: ChannelRow): boolean {
  return channel.type === 'O' || channel.type === 'P';
}

/** `actorId` joined (actor = user) or added `userId` to the channel. */
export async function postMemberAdded(app: App, channel: ChannelRow, actorId: string, userId: string) {
  if (!hasMembershipMessages(channel)) return;
  const username = await usernameOf(app, userId);
  if (actorId === userId) {
    await postSystem(app, channel, userId, 'system_join_channel', `${username} joined the channel.`, {
      username,
    });
    return;
  }
  const actorName = await usernameOf(app, actorId);
  await postSystem(
    app,
    channel,
    actorId,
    'system_add_to_channel',
    `${username} added to the channel by ${actorName}.`,
    { userId: actorId, username: actorName, addedUserId: userId, addedUsername: username },
  );
}

/** `userId` left (actor = user) or was removed by `actorId`. */
export async function postMemberRemoved(app: App, channel: ChannelRow, actorId: string, userId: string) {
  if (!hasMembershipMessages(channel)) return;
  const username = await usernameOf(app, userId);
  if (actorId === userId) {
    await postSystem(app, channel, userId, 'system_leave_channel', `${username} left the channel.`, {
      username,
    });
    return;
  }
  await postSystem(
    app,
    channel,
    actorId,
    'system_remove_from_channel',
    `${username} was removed from the channel.`,
    { removedUserId: userId, removedUsername: username },
  );
}

const CHANGES = {
  header: { type: 'system_header_change', label: 'channel header', prop: 'header' },
  purpose: { type: 'system_purpose_change', label: 'channel purpose', prop: 'purpose' },
  display_name: { type: 'system_displayname_change', label: 'channel display name', prop: 'displayname' },
} as const;

/** Header, purpose and display name changes made by `actorId`, between `before` and `after`. */
export async function postChannelChanges(app: App, before: ChannelRow, after: ChannelRow, actorId: string) {
  const changed = (['header', 'purpose', 'display_name'] as const).filter((k) => before[k] !== after[k]);
  if (changed.length === 0) return;
  const username = await usernameOf(app, actorId);
  for (const key of changed) {
    const { type, label, prop } = CHANGES[key];
    const oldValue = before[key];
    const newValue = after[key];
    const message =
      newValue === ''
        ? `${username} removed the ${label} (was: ${oldValue})`
        : oldValue === ''
          ? `${username} updated the ${label} to: ${newValue}`
          : `${username} updated the ${label} from: ${oldValue} to: ${newValue}`;
    await postSystem(app, after, actorId, type, message, {
      username,
      [`old_${prop}`]: oldValue,
      [`new_${prop}`]: newValue,
    });
  }
}

/** The channel was archived by `actorId`. */
export async function postChannelArchived(app: App, channel: ChannelRow, actorId: string) {
  const username = await usernameOf(app, actorId);
  await postSystem(app, channel, actorId, 'system_channel_deleted', `${username} archived the channel`, {
    username,
  });
}
