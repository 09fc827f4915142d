import type { App } from '../../app.ts';
import type { ServerEvent } from '../../realtime/bus.ts';
import type { ChannelRow } from '../channels/store.ts';
import { followersOf, threadUpdatedEvents } from '../threads/events.ts';
import { filesForPosts } from '../files/for-posts.ts';
import { presentPost } from './present.ts';
import type { PostRow } from './store.ts';

/**
 * What a new post tells clients. This is where notification data joins the `posted` event: the
 * channel-wide event carries the post and channel fields; mention handling adds recipient-specific
 * events (with `mentions`, `followers`) here, and everything the caller publishes comes from here.
 */
export interface PostedContext {
  channel: ChannelRow;
  post: PostRow;
  senderName: string;
  setOnline: boolean;
  /** Members the post mentions (mentions.ts), already counted. */
  mentions?: readonly string[];
}

export async function postedEvents(app: App, ctx: PostedContext): Promise<ServerEvent[]> {
  const mentions = ctx.mentions ?? [];
  const followers = ctx.post.root_id ? await followersOf(app, ctx.post.root_id, ctx.post.user_id) : [];
  // As upstream: one channel-wide event whose data lists everyone mentioned and the thread's followers.
  const extra: Record<string, string> = {};
  if (mentions.length > 0) extra.mentions = JSON.stringify(mentions);
  if (followers.length > 0) extra.followers = JSON.stringify(followers);
  const threadEvents = ctx.post.root_id
    ? await threadUpdatedEvents(app, { rootId: ctx.post.root_id, followers, mentioned: mentions })
    : [];
  return [
    {
      event: 'posted',
      data: {
        ...extra,
        post: JSON.stringify(presentPost(ctx.post, await filesForPosts(app, [ctx.post]))),
        channel_type: ctx.channel.type,
        channel_display_name: channelDisplayName(ctx),
        channel_name: ctx.channel.name,
        sender_name: ctx.senderName,
        team_id: ctx.channel.team_id,
        set_online: ctx.setOnline,
      },
      broadcast: { channelId: ctx.channel.id },
    },
    ...threadEvents,
  ];
}

/** A DM is named after its sender for the receiver (Mattermost's PostNotification.GetChannelName). */
function channelDisplayName(ctx: PostedContext): string {
  return ctx.channel.type === 'D' ? ctx.senderName : ctx.channel.display_name;
}
