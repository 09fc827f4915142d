import { useState } from 'react';
import { navigate, usePath } from '../router.ts';
import { PRESENCE_LABEL, setMyStatus, type Presence } from '../presence.ts';
import { signOut } from '../session.ts';
import { background } from '../api.ts';
import { saveTheme } from '../prefs.ts';
import { channelTitle, displayName, dmPartnerId, isSystemAdmin, set, unreadOf, useStore } from '../store.ts';
import { sidebarSections } from './sidebar-order.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Icon } from '../ui/icons.tsx';
import { BrowseChannels } from './BrowseChannels.tsx';
import { CreateChannel } from './CreateChannel.tsx';
import { DirectMessageDialog } from './DirectMessageDialog.tsx';
import { AddMembersDialog, InviteLinkDialog } from './InvitePeople.tsx';

export function Sidebar({ teamName, onNavigate }: { teamName: string; onNavigate: () => void }) {
  const s = useStore();
  const [dmOpen, setDmOpen] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const [addOpen, setAddOpen] = useState(false);
  const [dialog, setDialog] = useState<'browse' | 'create' | null>(null);
  const [teamMenuOpen, setTeamMenuOpen] = useState(false);
  const [teamDialog, setTeamDialog] = useState<'invite' | 'add' | null>(null);
  const team = s.teams[s.currentTeamId];
  const sections = sidebarSections(s);
  const path = usePath();
  const threadsActive = path.startsWith(`/${teamName}/threads`);
  const myStatus = (s.me && s.statuses[s.me.id]) || 'online';

  return (
    <nav className="sidebar" aria-label="Channels">
      <header className="sidebar-header">
        <button
          className="team-name"
          title={team?.display_name}
          aria-haspopup="menu"
          aria-expanded={teamMenuOpen}
          aria-label="Team menu"
          onClick={() => setTeamMenuOpen((v) => !v)}
        >
          <span>{team?.display_name}</span>
          <span className="caret" aria-hidden="true">
            ▾
          </span>
        </button>
        {teamMenuOpen && team && (
          <div className="menu team-menu" role="menu" onMouseLeave={() => setTeamMenuOpen(false)}>
            <button role="menuitem" onClick={() => (setTeamDialog('invite'), setTeamMenuOpen(false))}>
              Invite people
            </button>
            <button role="menuitem" onClick={() => (setTeamDialog('add'), setTeamMenuOpen(false))}>
              Add members
            </button>
          </div>
        )}
        <button
          className="me-button"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          aria-label="Account menu"
          onClick={() => setMenuOpen((v) => !v)}
        >
          <Avatar user={s.me ?? undefined} size={28} presence />
        </button>
        {menuOpen && (
          <div className="menu" role="menu" onMouseLeave={() => setMenuOpen(false)}>
            <div className="menu-label">
              <strong>{displayName(s.me ?? undefined)}</strong>
              <span className="muted">@{s.me?.username}</span>
            </div>
            {(Object.keys(PRESENCE_LABEL) as Presence[]).map((p) => (
              <button
                key={p}
                role="menuitemradio"
                aria-checked={myStatus === p}
                className="status-item"
                onClick={() => {
                  setMenuOpen(false);
                  background(setMyStatus(p));
                }}
              >
                <span className={`presence inline ${p}`} aria-hidden="true" />
                {PRESENCE_LABEL[p]}
                {myStatus === p && (
                  <span className="check" aria-hidden="true">
                    ✓
                  </span>
                )}
              </button>
            ))}
            <div className="menu-sep" role="separator" />
            <button
              role="menuitem"
              onClick={() => {
                setMenuOpen(false);
                set({ settingsOpen: true });
              }}
            >
              Settings
            </button>
            <button
              role="menuitem"
              onClick={() => {
                setMenuOpen(false);
                set({ panel: 'saved', threadRootId: null });
              }}
            >
              Saved messages
            </button>
            <button
              role="menuitem"
              onClick={() => {
                setMenuOpen(false);
                background(saveTheme(s.theme === 'dark' ? 'light' : 'dark'));
              }}
            >
              {s.theme === 'dark' ? 'Light theme' : 'Dark theme'}
            </button>
            {isSystemAdmin(s.me) && (
              <button role="menuitem" onClick={() => navigate('/admin_console')}>
                System console
              </button>
            )}
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
        <a
          href={`/${teamName}/threads`}
          className={`channel-link threads-link${threadsActive ? ' active' : ''}${s.unreadThreads > 0 ? ' unread' : ''}`}
          aria-current={threadsActive ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            onNavigate();
            navigate(`/${teamName}/threads`);
          }}
        >
          <span className="channel-icon" aria-hidden="true">
            <Icon name="reply" size={15} />
          </span>
          <span className="channel-name">Threads</span>
          {s.unreadThreads > 0 && <span className="dot" aria-label={`${s.unreadThreads} unread threads`} />}
        </a>
        {sections.map((category) => {
          const channels = category.channels;
          const isDm = category.type === 'direct_messages';
          if (channels.length === 0 && (category.type === 'custom' || category.type === 'unreads'))
            return null;
          return (
            <section key={category.id} className="category" aria-label={category.display_name}>
              <div className="category-title">
                <span>{category.display_name}</span>
                {category.type === 'channels' && (
                  <button
                    className="icon-btn small"
                    aria-label="Add channels"
                    title="Browse or create channels"
                    aria-haspopup="menu"
                    aria-expanded={addOpen}
                    onClick={() => setAddOpen((v) => !v)}
                  >
                    <Icon name="plus" size={16} />
                  </button>
                )}
                {category.type === 'channels' && addOpen && (
                  <div className="menu add-menu" role="menu" onMouseLeave={() => setAddOpen(false)}>
                    <button role="menuitem" onClick={() => (setDialog('browse'), setAddOpen(false))}>
                      Browse channels
                    </button>
                    <button role="menuitem" onClick={() => (setDialog('create'), setAddOpen(false))}>
                      Create new channel
                    </button>
                  </div>
                )}
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
                            <Avatar user={partner} size={18} presence />
                          ) : channel.type === 'G' ? (
                            <Icon name="people" size={15} />
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
      {dialog === 'browse' && <BrowseChannels onClose={() => setDialog(null)} />}
      {dialog === 'create' && <CreateChannel onClose={() => setDialog(null)} />}
      {teamDialog === 'invite' && team && (
        <InviteLinkDialog team={team} onClose={() => setTeamDialog(null)} />
      )}
      {teamDialog === 'add' && team && <AddMembersDialog team={team} onClose={() => setTeamDialog(null)} />}
      {dmOpen && <DirectMessageDialog teamName={teamName} onClose={() => setDmOpen(false)} />}
    </nav>
  );
}
