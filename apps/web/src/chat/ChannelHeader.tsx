import { useState } from 'react';
import { errorText } from '../api.ts';
import { channelTitle, get, set, useStore } from '../store.ts';
import { Markdown } from '../ui/Markdown.tsx';
import { Icon } from '../ui/icons.tsx';
import { archiveChannel, leaveChannel, setMuted } from './channel-actions.ts';
import { ChannelSettings } from './ChannelSettings.tsx';

export function ChannelHeader({ channelId, onMenu }: { channelId: string; onMenu: () => void }) {
  const s = useStore();
  const channel = s.channels[channelId];
  const count = s.memberCounts[channelId];
  const [menuOpen, setMenuOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [error, setError] = useState('');
  if (!channel) return <header className="channel-header" />;
  const about = channel.header || channel.purpose;
  const isGroup = channel.type === 'O' || channel.type === 'P';
  const isDefault = channel.name === 'town-square';
  const run = (work: () => Promise<void>) => {
    setMenuOpen(false);
    setError('');
    work().catch((err) => setError(errorText(err)));
  };
  const muted = s.members[channelId]?.notify_props?.mark_unread === 'mention';
  const togglePanel = (panel: 'members' | 'pinned' | 'saved') =>
    set({ panel: get().panel === panel ? null : panel, threadRootId: null });

  return (
    <header className="channel-header">
      <button className="icon-btn menu-toggle" aria-label="Show channels" onClick={onMenu}>
        <Icon name="menu" />
      </button>
      <div className="channel-heading">
        <h1>
          <button
            className="channel-title-btn"
            aria-haspopup="menu"
            aria-expanded={menuOpen}
            aria-label={`${channelTitle(channel, s)} channel menu`}
            onClick={() => setMenuOpen((v) => !v)}
          >
            <span className="muted" aria-hidden="true">
              {channel.type === 'O' ? '# ' : ''}
              {channel.type === 'P' && <Icon name="lock" size={15} />}
            </span>
            {channelTitle(channel, s)}
            <span className="chevron" aria-hidden="true">
              ▾
            </span>
          </button>
        </h1>
        {about && (
          <div className="channel-about muted" title={about}>
            <Markdown text={about} />
          </div>
        )}
        {error && (
          <div className="form-error small" role="alert">
            {error}
          </div>
        )}
      </div>
      {menuOpen && (
        <div className="menu channel-menu" role="menu" onMouseLeave={() => setMenuOpen(false)}>
          <button role="menuitem" onClick={() => (setMenuOpen(false), togglePanel('members'))}>
            View members
          </button>
          <button role="menuitem" onClick={() => run(() => setMuted(channel.id, !muted))}>
            {muted ? 'Unmute channel' : 'Mute channel'}
          </button>
          {isGroup && (
            <button role="menuitem" onClick={() => (setMenuOpen(false), setSettingsOpen(true))}>
              Channel settings
            </button>
          )}
          {isGroup && !isDefault && (
            <button role="menuitem" onClick={() => run(() => leaveChannel(channel.id))}>
              Leave channel
            </button>
          )}
          {isGroup && !isDefault && (
            <button
              role="menuitem"
              className="danger"
              onClick={() => {
                if (window.confirm(`Archive ~${channel.display_name}? Its messages stay readable.`))
                  run(() => archiveChannel(channel.id));
                else setMenuOpen(false);
              }}
            >
              Archive channel
            </button>
          )}
        </div>
      )}
      <button
        className="icon-btn header-btn"
        aria-label="Pinned messages"
        title="Pinned messages"
        aria-pressed={s.panel === 'pinned'}
        onClick={() => togglePanel('pinned')}
      >
        <Icon name="pin" />
      </button>
      <button
        className="icon-btn header-btn"
        aria-label="Saved messages"
        title="Saved messages"
        aria-pressed={s.panel === 'saved'}
        onClick={() => togglePanel('saved')}
      >
        <Icon name="bookmark" />
      </button>
      {count !== undefined && (
        <button
          className="member-count"
          aria-label={`${count} members`}
          title="Members"
          aria-pressed={s.panel === 'members'}
          onClick={() => togglePanel('members')}
        >
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
            <path
              fill="currentColor"
              d="M16 11a3 3 0 1 0-3-3 3 3 0 0 0 3 3Zm-8 0a3 3 0 1 0-3-3 3 3 0 0 0 3 3Zm0 2c-2.3 0-7 1.2-7 3.5V19h14v-2.5C15 14.2 10.3 13 8 13Zm8 0c-.3 0-.6 0-1 .1a4.2 4.2 0 0 1 2 3.4V19h6v-2.5c0-2.3-4.7-3.5-7-3.5Z"
            />
          </svg>
          {count}
        </button>
      )}
      {settingsOpen && <ChannelSettings channelId={channel.id} onClose={() => setSettingsOpen(false)} />}
    </header>
  );
}
