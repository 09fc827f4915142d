import type { App, Session } from '../../app.ts';
import type { ChannelRow } from '../channels/store.ts';
import type { PostRow } from '../posts/store.ts';
import { statusesOf } from '../status/service.ts';
import { decide, isSystemPost, type NotifySettings, type RecipientFacts } from './decide.ts';
import { emailPost } from './email.ts';
import { displayName } from './names.ts';
import { anyPhones, canPush, clearPushes, pushPost } from './push.ts';
import * as store from './store.ts';

/** Emails and pushes for a committed post (Mattermost's SendNotifications, minus the `posted` event). */

export interface CommittedPost {
  channel: ChannelRow;
  post: PostRow;
  /** Who the post mentions (posts/mentions-apply.ts): DM and GM partners included. */
  mentioned: readonly string[];
}

function settings(app: App): NotifySettings {
  const c = app.config.get();
  return {
    sendEmail: c.EmailSettings.SendEmailNotifications,
    sendPush: canPush(app),
    requireEmailVerification: c.EmailSettings.RequireEmailVerification,
    collapsedThreads: c.ServiceSettings.CollapsedThreads !== 'disabled',
  };
}

export async function notifyPost(app: App, { channel, post, mentioned }: CommittedPost): Promise<void> {
  const s = settings(app);
  if (!s.sendEmail && !s.sendPush) return;
  if (isSystemPost(post.type) || channel.delete_at > 0) return;
  // Members who want every message matter only when some phone could ring: without mentions and
  // without registered phones (the usual post on a server without mobile users) nothing is read.
  const withPushAll = s.sendPush && (await anyPhones(app));
  // A reply's followers may want emails (or pushes, when a phone could ring) with collapsed threads.
  const threadRootId = s.collapsedThreads && (s.sendEmail || withPushAll) ? post.root_id : '';
  if (mentioned.length === 0 && !withPushAll && !threadRootId) return;
  const rows = (
    await store.listRecipients(app.db, channel.id, mentioned, {
      withPushAll,
      threadRootId,
      limit: store.MAX_RECIPIENTS,
    })
  ).filter((r) => r.id !== post.user_id);
  if (rows.length === 0) return;
  const [statuses, sender, team] = await Promise.all([
    statusesOf(
      app,
      rows.map((r) => r.id),
    ),
    store.findSender(app.db, post.user_id),
    store.findTeam(app.db, channel.team_id),
  ]);
  const statusOf = new Map(statuses.map((st) => [st.user_id, st.status]));
  const facts: RecipientFacts[] = rows.map((r) => ({
    userId: r.id,
    isBot: r.is_bot,
    deleted: r.delete_at > 0,
    emailVerified: r.email_verified,
    userProps: r.user_props ?? {},
    memberProps: r.member_props ?? {},
    status: statusOf.get(r.id) ?? 'offline',
    followsThread: r.follows_thread,
  }));
  const decisions = decide(
    {
      authorId: post.user_id,
      rootId: post.root_id,
      type: post.type,
      channelType: channel.type,
      channelArchived: channel.delete_at > 0,
    },
    facts,
    new Set(mentioned),
    s,
  );
  const senderName = sender
    ? displayName(sender, app.config.get().TeamSettings.TeammateNameDisplay)
    : 'Someone';
  // A DM is named after its sender for the receiver (Mattermost's PostNotification.GetChannelName).
  const channelName = channel.type === 'D' ? senderName : channel.display_name;
  const emailOf = new Map(rows.map((r) => [r.id, r.email]));
  await Promise.all([
    emailPost(app, {
      recipients: decisions.email.map((userId) => ({ userId, email: emailOf.get(userId) ?? '' })),
      post: { id: post.id, createAt: Number(post.create_at) },
      mailed: {
        senderName: sender?.username ?? senderName,
        channelName,
        channelType: channel.type,
        message: post.message,
        createAt: Number(post.create_at),
      },
      team,
    }).catch((err: unknown) => app.log.warn({ err, postId: post.id }, 'notification emails failed')),
    pushPost(app, {
      post: { ...post, file_ids: post.file_ids ?? [], props: post.props ?? {} },
      channel,
      channelName,
      senderName,
      recipients: decisions.push,
    }).catch((err: unknown) => app.log.warn({ err, postId: post.id }, 'push notifications failed')),
  ]);
}

/** POST /channels/members/{user_id}/view: detached, so a slow push proxy never holds up the view. */
export function afterChannelViewed(app: App, session: Session, userId: string, channelId: string): void {
  if (!channelId || !canPush(app)) return;
  clearPushes(app, session.id, userId, channelId).catch((err: unknown) =>
    app.log.warn({ err, userId, channelId }, 'clearing push notifications failed'),
  );
}
