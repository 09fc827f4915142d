import type { App } from '../../app.ts';
import type { ServerEvent } from '../../realtime/bus.ts';
import type { ChannelRow } from '../channels/store.ts';
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
}

export async function postedEvents(_app: App, ctx: PostedContext): Promise<ServerEvent[]> {
  return [
    {
      event: 'posted',
      data: {
        post: JSON.stringify(presentPost(ctx.post)),
        channel_type: ctx.channel.type,
        channel_display_name: channelDisplayName(ctx),
        channel_name: ctx.channel.name,
        sender_name: ctx.senderName,
        team_id: ctx.channel.team_id,
        set_online: ctx.setOnline,
      },
      broadcast: { channelId: ctx.channel.id },
    },
  ];
}

/** A DM is named after its sender for the receiver (Mattermost's PostNotification.GetChannelName). */
function channelDisplayName(ctx: PostedContext): string {
  return ctx.channel.type === 'D' ? ctx.senderName : ctx.channel.display_name;
}
