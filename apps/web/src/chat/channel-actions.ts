import type { ServerChannel } from '@mattermost/types/channels';
import { client } from '../api.ts';
import { loadTeamSidebar, setChannel } from '../data.ts';
import { navigate } from '../router.ts';
import { get, set } from '../store.ts';

/** A channel URL name from its display name (Mattermost's rules: lowercase, a-z0-9 and dashes). */
export function slugify(displayName: string): string {
  const slug = displayName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug.length >= 2 ? slug : `${slug || 'channel'}-${Date.now().toString(36)}`;
}

function teamName(): string {
  const s = get();
  return s.teams[s.currentTeamId]?.name ?? '';
}

export async function openChannel(channel: ServerChannel): Promise<void> {
  setChannel(channel);
  await loadTeamSidebar(get().currentTeamId);
  navigate(`/${teamName()}/channels/${channel.name}`);
}

export async function joinChannel(channel: ServerChannel): Promise<void> {
  await client.addToChannel(get().me!.id, channel.id);
  await openChannel(channel);
}

export async function createChannel(displayName: string, purpose: string, isPrivate: boolean): Promise<void> {
  const channel = await client.createChannel({
    team_id: get().currentTeamId,
    name: slugify(displayName),
    display_name: displayName.trim(),
    purpose: purpose.trim(),
    type: isPrivate ? 'P' : 'O',
  });
  await openChannel(channel);
}

/** Leaving or archiving moves the user to Town Square, then drops the channel from the sidebar. */
async function leaveView(channelId: string): Promise<void> {
  navigate(`/${teamName()}/channels/town-square`);
  set((s) => {
    const members = { ...s.members };
    delete members[channelId];
    return { members };
  });
  await loadTeamSidebar(get().currentTeamId);
}

export async function leaveChannel(channelId: string): Promise<void> {
  await client.removeFromChannel(get().me!.id, channelId);
  await leaveView(channelId);
}

export async function archiveChannel(channelId: string): Promise<void> {
  await client.deleteChannel(channelId);
  await leaveView(channelId);
}

export async function patchChannel(
  channelId: string,
  patch: { display_name?: string; header?: string; purpose?: string },
): Promise<void> {
  setChannel(await client.patchChannel(channelId, patch));
}

/** Mute: Mattermost's mark_unread "mention" (only mentions make the channel unread or notify). */
export async function setMuted(channelId: string, muted: boolean): Promise<void> {
  const me = get().me;
  const member = get().members[channelId];
  if (!me || !member) return;
  const mark_unread = muted ? 'mention' : 'all';
  await client.updateChannelNotifyProps({ channel_id: channelId, user_id: me.id, mark_unread });
  set((s) => ({
    members: {
      ...s.members,
      [channelId]: { ...member, notify_props: { ...member.notify_props, mark_unread } },
    },
  }));
}
