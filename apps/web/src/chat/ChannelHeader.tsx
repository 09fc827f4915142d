import { channelTitle, useStore } from '../store.ts';
import { Markdown } from '../ui/Markdown.tsx';
import { Icon } from '../ui/icons.tsx';

export function ChannelHeader({ channelId, onMenu }: { channelId: string; onMenu: () => void }) {
  const s = useStore();
  const channel = s.channels[channelId];
  const count = s.memberCounts[channelId];
  if (!channel) return <header className="channel-header" />;
  const about = channel.header || channel.purpose;
  return (
    <header className="channel-header">
      <button className="icon-btn menu-toggle" aria-label="Show channels" onClick={onMenu}>
        <Icon name="menu" />
      </button>
      <div className="channel-heading">
        <h1>
          <span className="muted" aria-hidden="true">
            {channel.type === 'O' ? '# ' : ''}
            {channel.type === 'P' && <Icon name="lock" size={15} />}
          </span>
          {channelTitle(channel, s)}
        </h1>
        {about && (
          <div className="channel-about muted" title={about}>
            <Markdown text={about} />
          </div>
        )}
      </div>
      {count !== undefined && (
        <span className="member-count muted" aria-label={`${count} members`} title={`${count} members`}>
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
            <path
              fill="currentColor"
              d="M16 11a3 3 0 1 0-3-3 3 3 0 0 0 3 3Zm-8 0a3 3 0 1 0-3-3 3 3 0 0 0 3 3Zm0 2c-2.3 0-7 1.2-7 3.5V19h14v-2.5C15 14.2 10.3 13 8 13Zm8 0c-.3 0-.6 0-1 .1a4.2 4.2 0 0 1 2 3.4V19h6v-2.5c0-2.3-4.7-3.5-7-3.5Z"
            />
          </svg>
          {count}
        </span>
      )}
    </header>
  );
}
