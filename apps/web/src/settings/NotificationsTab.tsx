import { useState, type FormEvent } from 'react';
import type { UserNotifyProps } from '@mattermost/types/users';
import { client, errorText } from '../api.ts';
import { setMuted } from '../chat/channel-actions.ts';
import { askForNotifications, notificationsAllowed } from '../notify.ts';
import { channelTitle, set, useStore } from '../store.ts';
import { Outcome } from './SettingsModal.tsx';

const LEVELS = [
  { value: 'all', label: 'For all activity' },
  { value: 'mention', label: 'Mentions and direct messages' },
  { value: 'none', label: 'Never' },
] as const;

/**
 * My notify_props (desktop, push, email, mention keys, channel-wide mentions), saved with
 * PUT /users/me/patch, the browser's permission for desktop notifications, and muting the open channel.
 */
export function NotificationsTab() {
  const me = useStore((s) => s.me)!;
  const channel = useStore((s) => s.channels[s.currentChannelId]);
  const channelName = useStore((s) => (channel ? channelTitle(channel, s) : ''));
  const muted = useStore((s) => s.members[s.currentChannelId]?.notify_props?.mark_unread === 'mention');
  const props = me.notify_props ?? ({} as UserNotifyProps);
  const [desktop, setDesktop] = useState<string>(props.desktop || 'mention');
  const [push, setPush] = useState<string>(props.push || 'mention');
  const [email, setEmail] = useState(props.email !== 'false');
  const [keys, setKeys] = useState(props.mention_keys ?? '');
  const [channelWide, setChannelWide] = useState(props.channel !== 'false');
  const [permission, setPermission] = useState(
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError('');
    const mentionKeys = keys
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .join(',');
    try {
      const user = await client.patchMe({
        notify_props: {
          ...props,
          desktop,
          push,
          email: String(email),
          mention_keys: mentionKeys,
          channel: String(channelWide),
        } as UserNotifyProps,
      });
      set((s) => ({ me: user, users: { ...s.users, [user.id]: user } }));
      setKeys(mentionKeys);
      setSaved(true);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form onSubmit={submit} aria-label="Notifications">
      <div className="notice-row">
        {permission === 'granted' || notificationsAllowed() ? (
          <span className="muted small">Desktop notifications are allowed in this browser.</span>
        ) : permission === 'unsupported' ? (
          <span className="muted small">This browser cannot show desktop notifications.</span>
        ) : (
          <>
            <span className="muted small">
              {permission === 'denied'
                ? 'Desktop notifications are blocked for this site in the browser settings.'
                : 'Allow desktop notifications to hear about mentions while Parley is in the background.'}
            </span>
            {permission === 'default' && (
              <button
                type="button"
                className="btn small"
                onClick={() => void askForNotifications().then(setPermission)}
              >
                Enable desktop notifications
              </button>
            )}
          </>
        )}
      </div>
      <fieldset className="choice">
        <legend>Desktop notifications</legend>
        {LEVELS.map((l) => (
          <label key={l.value}>
            <input
              type="radio"
              name="desktop"
              checked={desktop === l.value}
              onChange={() => setDesktop(l.value)}
            />
            {l.label}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Mobile push notifications</span>
        <select value={push} onChange={(e) => setPush(e.target.value)}>
          {LEVELS.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} />
        Email me about mentions and direct messages while I am away
      </label>
      <label className="check">
        <input type="checkbox" checked={channelWide} onChange={(e) => setChannelWide(e.target.checked)} />
        Notify me for channel-wide mentions (@channel, @all, @here)
      </label>
      <label className="field">
        <span>Other words that mention me</span>
        <input value={keys} placeholder="e.g. design, launch" onChange={(e) => setKeys(e.target.value)} />
        <small className="muted">Separated by commas; @{me.username} always mentions you.</small>
      </label>
      <Outcome saved={saved} error={error} />
      <div className="modal-actions">
        {channel && (
          <button
            type="button"
            className="btn"
            onClick={() => void setMuted(channel.id, !muted).catch((err) => setError(errorText(err)))}
          >
            {muted ? `Unmute ${channelName}` : `Mute ${channelName}`}
          </button>
        )}
        <button type="submit" className="btn primary">
          Save notifications
        </button>
      </div>
    </form>
  );
}
