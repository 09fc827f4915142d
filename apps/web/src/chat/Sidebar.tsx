import { useState } from 'react';
import type { ChannelCategory } from '@mattermost/types/channel_categories';
import type { ServerChannel } from '@mattermost/types/channels';
import { navigate } from '../router.ts';
import { signOut } from '../session.ts';
import { channelTitle, displayName, dmPartnerId, set, unreadOf, useStore, type State } from '../store.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Icon } from '../ui/icons.tsx';
import { DirectMessageDialog } from './DirectMessageDialog.tsx';

function sortChannels(ids: string[], s: State, category: ChannelCategory): ServerChannel[] {
  const channels = ids
    .map((id) => s.channels[id])
    .filter((c): c is ServerChannel => Boolean(c) && c.delete_at === 0);
  if (category.sorting === 'manual') return channels;
  if (category.sorting === 'recent' || category.type === 'direct_messages') {
    return channels.sort((a, b) => b.last_post_at - a.last_post_at);
  }
  return channels.sort((a, b) => channelTitle(a, s).localeCompare(channelTitle(b, s)));
}

export function Sidebar({ teamName, onNavigate }: { teamName: string; onNavigate: () => void }) {
  const s = useStore();
  const [dmOpen, setDmOpen] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const team = s.teams[s.currentTeamId];
  const categories = s.categories[s.currentTeamId] ?? [];

  return (
    <nav className="sidebar" aria-label="Channels">
      <header className="sidebar-header">
        <div className="team-name" title={team?.display_name}>
          {team?.display_name}
        </div>
        <button
          className="me-button"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          aria-label="Account menu"
          onClick={() => setMenuOpen((v) => !v)}
        >
          <Avatar user={s.me ?? undefined} size={28} />
        </button>
        {menuOpen && (
          <div className="menu" role="menu" onMouseLeave={() => setMenuOpen(false)}>
            <div className="menu-label">
              <strong>{displayName(s.me ?? undefined)}</strong>
              <span className="muted">@{s.me?.username}</span>
            </div>
            <button
              role="menuitem"
              onClick={() => {
                const theme = s.theme === 'dark' ? 'light' : 'dark';
                localStorage.setItem('parley.theme', theme);
                set({ theme });
                setMenuOpen(false);
              }}
            >
              {s.theme === 'dark' ? 'Light theme' : 'Dark theme'}
            </button>
            <button role="menuitem" onClick={() => navigate('/select_team')}>
              Switch or join team
            </button>
            <button role="menuitem" onClick={() => void signOut()}>
              Log out
            </button>
          </div>
        )}
      </header>
      <div className="sidebar-scroll">
        {categories.map((category) => {
          const channels = sortChannels(category.channel_ids, s, category);
          const isDm = category.type === 'direct_messages';
          if (channels.length === 0 && category.type === 'custom') return null;
          return (
            <section key={category.id} className="category" aria-label={category.display_name}>
              <div className="category-title">
                <span>{category.display_name}</span>
                {isDm && (
                  <button
                    className="icon-btn small"
                    aria-label="Write a direct message"
                    title="Write a direct message"
                    onClick={() => setDmOpen(true)}
                  >
                    <Icon name="plus" size={16} />
                  </button>
                )}
              </div>
              <ul>
                {channels.map((channel) => {
                  const { unread, mentions } = unreadOf(s, channel.id);
                  const active = channel.id === s.currentChannelId;
                  const partner =
                    channel.type === 'D' && s.me ? s.users[dmPartnerId(channel, s.me.id)] : undefined;
                  return (
                    <li key={channel.id}>
                      <a
                        href={`/${teamName}/channels/${channel.name}`}
                        className={`channel-link${active ? ' active' : ''}${unread || mentions ? ' unread' : ''}`}
                        aria-current={active ? 'page' : undefined}
                        data-channel={channel.name}
                        onClick={(e) => {
                          e.preventDefault();
                          onNavigate();
                          navigate(`/${teamName}/channels/${channel.name}`);
                        }}
                      >
                        <span className="channel-icon" aria-hidden="true">
                          {channel.type === 'D' ? (
                            <Avatar user={partner} size={18} />
                          ) : channel.type === 'P' ? (
                            <Icon name="lock" size={14} />
                          ) : (
                            '#'
                          )}
                        </span>
                        <span className="channel-name">{channelTitle(channel, s)}</span>
                        {mentions > 0 && (
                          <span className="badge" aria-label={`${mentions} mentions`}>
                            {mentions}
                          </span>
                        )}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
      {!s.connected && (
        <div className="connection" role="status">
          Connecting…
        </div>
      )}
      {dmOpen && <DirectMessageDialog teamName={teamName} onClose={() => setDmOpen(false)} />}
    </nav>
  );
}
