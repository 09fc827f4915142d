import type { Post } from '@mattermost/types/posts';
import type { ServerChannel } from '@mattermost/types/channels';
import { navigate } from './router.ts';
import { channelTitle, displayName, get, set, unreadOf, type State } from './store.ts';

/** Whether the browser lets this page show desktop notifications right now. */
export function notificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

/** Asks for permission; must run inside a click (browsers ignore the request otherwise). */
export async function askForNotifications(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/**
 * A desktop notification for a new post, following my notify_props.desktop ("all", "mention" or
 * "none", Mattermost's default being "mention") and the channel's own override; never for my own
 * posts or for the channel I am looking at in a focused tab.
 */
export function notifyPost(post: Post, channel: ServerChannel, mentioned: boolean, sender: string): void {
  const s = get();
  if (!s.me || post.user_id === s.me.id || !notificationsAllowed()) return;
  if (s.focused && s.currentChannelId === channel.id) return;
  const member = s.members[channel.id];
  if (member?.notify_props?.mark_unread === 'mention' && !mentioned) return;
  const channelLevel = member?.notify_props?.desktop;
  const level =
    channelLevel && channelLevel !== 'default' ? channelLevel : s.me.notify_props?.desktop || 'mention';
  if (level === 'none' || (level === 'mention' && !mentioned)) return;
  const author = sender || displayName(s.users[post.user_id]);
  const where = channel.type === 'D' ? author : channelTitle(channel, s);
  const team = s.teams[channel.team_id || s.currentTeamId];
  const n = new Notification(channel.type === 'D' ? author : `${author} in ${where}`, {
    body: post.message.slice(0, 200),
    tag: post.id,
  });
  n.onclick = () => {
    window.focus();
    if (team) navigate(`/${team.name}/channels/${channel.name}`);
    n.close();
  };
}

/**
 * The tab title: "(mentions) " when someone mentioned me, "* " for other unread messages, then the
 * channel and the site name, as Mattermost does. The open channel counts only while the tab is hidden.
 */
export function tabTitle(s: State, title: string): string {
  let mentions = 0;
  let unread = false;
  for (const id of Object.keys(s.members)) {
    if (id === s.currentChannelId && s.focused) continue;
    const state = unreadOf(s, id);
    mentions += state.mentions;
    unread ||= state.unread;
  }
  const prefix = mentions > 0 ? `(${mentions}) ` : unread ? '* ' : '';
  return `${prefix}${title ? `${title} - ` : ''}${s.config.SiteName || 'Parley'}`;
}

/** Keeps `focused` in step with the tab: a hidden or blurred tab leaves new posts unread. */
export function watchFocus(): () => void {
  const update = () => set({ focused: document.visibilityState === 'visible' && document.hasFocus() });
  window.addEventListener('focus', update);
  window.addEventListener('blur', update);
  document.addEventListener('visibilitychange', update);
  return () => {
    window.removeEventListener('focus', update);
    window.removeEventListener('blur', update);
    document.removeEventListener('visibilitychange', update);
  };
}
