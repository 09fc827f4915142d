/**
 * Who is told about a new post by email and by push (Mattermost's SendNotifications,
 * userAllowsEmail, DoesNotifyPropsAllowPushNotification and DoesStatusAllowPushNotification).
 * Pure: the caller loads the recipients, their notify props and statuses.
 */

export interface RecipientFacts {
  userId: string;
  isBot: boolean;
  deleted: boolean;
  emailVerified: boolean;
  /** The user's notify_props (email, push, push_status…). */
  userProps: Record<string, string>;
  /** The channel member's notify_props (email, push, mark_unread…). */
  memberProps: Record<string, string>;
  /** online, away, offline, dnd or ooo (no status row = offline). */
  status: string;
  /** Follows the thread the post replies to. */
  followsThread?: boolean;
}

export interface PostFacts {
  authorId: string;
  rootId: string;
  type: string;
  /** O, P, D or G. */
  channelType: string;
  channelArchived: boolean;
}

export interface NotifySettings {
  sendEmail: boolean;
  sendPush: boolean;
  requireEmailVerification: boolean;
  /** ServiceSettings.CollapsedThreads is not "disabled": replies notify thread followers, not channels. */
  collapsedThreads: boolean;
}

export interface Decisions {
  email: string[];
  push: { userId: string; mentioned: boolean }[];
}

export const isSystemPost = (type: string): boolean => type.startsWith('system_');

/** Muting a channel (mark_unread "mention") silences its emails and pushes, mentions included, as upstream. */
const isMuted = (r: RecipientFacts): boolean => r.memberProps.mark_unread === 'mention';

/** A channel's "email" prop: default follows the account; none (or the older "false") turns it off. */
export function emailAllowed(r: RecipientFacts, post: PostFacts, s: NotifySettings): boolean {
  if (r.isBot || r.deleted) return false;
  if (s.requireEmailVerification && !r.emailVerified) return false;
  let allows = r.userProps.email !== 'false';
  const channelEmail = r.memberProps.email;
  // With collapsed threads a reply's email follows the account setting, not the channel's.
  if (channelEmail !== undefined && channelEmail !== 'default' && !(s.collapsedThreads && post.rootId)) {
    allows = channelEmail !== 'false' && channelEmail !== 'none';
  }
  if (isMuted(r)) allows = false;
  // Someone online or in do-not-disturb gets no email; out-of-office is answered by the auto-responder.
  const statusAllows = r.status !== 'online' && r.status !== 'dnd' && r.status !== 'ooo';
  return allows && statusAllows && post.type !== 'system_auto_responder';
}

export function pushPropsAllow(r: RecipientFacts, post: PostFacts, wasMentioned: boolean): boolean {
  const channelPush = r.memberProps.push || 'default';
  let notify = channelPush;
  if (channelPush === 'default') {
    notify = r.userProps.push ?? 'mention';
    // Every message of a group message is for its few members.
    if (post.channelType === 'G' && notify === 'mention') notify = 'all';
  }
  if (isMuted(r) || isSystemPost(post.type)) return false;
  if (notify === 'none') return false;
  if (notify === 'mention' && !wasMentioned) return false;
  return true;
}

/**
 * push_status says from which status on the phone rings: "online" (always, as Parley does not track
 * the channel a user has open), "away" (away or offline) or "offline". DND and OOO never ring.
 */
export function pushStatusAllows(r: RecipientFacts): boolean {
  if (r.status === 'dnd' || r.status === 'ooo') return false;
  const pushStatus = r.userProps.push_status;
  if (pushStatus === undefined || pushStatus === 'online') return true;
  if (pushStatus === 'away') return r.status === 'away' || r.status === 'offline';
  if (pushStatus === 'offline') return r.status === 'offline';
  return false;
}

/**
 * A thread follower who is not mentioned hears of a reply when they asked for every reply of the
 * threads they follow: `email_threads` / `push_threads` "all" (the defaults); a channel's own
 * `push_threads` wins over the account's. Only with collapsed threads, as upstream.
 */
function followerWants(r: RecipientFacts, post: PostFacts, s: NotifySettings, prop: string): boolean {
  if (!s.collapsedThreads || !post.rootId || !r.followsThread) return false;
  const channelValue = r.memberProps[prop];
  const value = channelValue && channelValue !== 'default' ? channelValue : (r.userProps[prop] ?? 'all');
  return value === 'all';
}

/**
 * Emails go to the mentioned (DM and GM partners count as mentioned); pushes to the mentioned and
 * to members who want every message of the channel. Never the author, never for system messages.
 */
export function decide(
  post: PostFacts,
  recipients: readonly RecipientFacts[],
  mentioned: ReadonlySet<string>,
  s: NotifySettings,
): Decisions {
  const out: Decisions = { email: [], push: [] };
  if (post.channelArchived || isSystemPost(post.type)) return out;
  for (const r of recipients) {
    if (r.userId === post.authorId || r.deleted) continue;
    const wasMentioned = mentioned.has(r.userId);
    const emailWanted = wasMentioned || followerWants(r, post, s, 'email_threads');
    if (s.sendEmail && emailWanted && emailAllowed(r, post, s)) out.email.push(r.userId);
    if (!s.sendPush || r.isBot) continue;
    // Replies reach non-mentioned members through thread following when threads are collapsed.
    const wantsAll = r.userProps.push === 'all' || r.memberProps.push === 'all';
    const allActivity =
      !wasMentioned && wantsAll && post.channelType !== 'D' && !(s.collapsedThreads && post.rootId);
    const followed = !wasMentioned && followerWants(r, post, s, 'push_threads');
    const asMention = wasMentioned || followed;
    if ((asMention || allActivity) && pushPropsAllow(r, post, asMention) && pushStatusAllows(r))
      out.push.push({ userId: r.userId, mentioned: wasMentioned });
  }
  return out;
}
