import { useEffect, useState } from 'react';
import { background, client, socket } from '../api.ts';
import { loadChannelPosts, loadMemberCount, loadTeamSidebar, markViewed, setChannel } from '../data.ts';
import { navigate } from '../router.ts';
import { channelTitle, get, set, unreadOf, useStore } from '../store.ts';
import { tabTitle, watchFocus } from '../notify.ts';
import { compactDisplay } from '../prefs.ts';
import { PostsPanel } from './PostsPanel.tsx';
import { SettingsModal } from '../settings/SettingsModal.tsx';
import { ChannelHeader } from './ChannelHeader.tsx';
import { ChannelSwitcher } from './ChannelSwitcher.tsx';
import { MembersPanel } from './MembersPanel.tsx';
import { sidebarChannels } from './sidebar-order.ts';
import { Composer } from './Composer.tsx';
import { PostList } from './PostList.tsx';
import { Sidebar } from './Sidebar.tsx';
import { TeamBar } from './TeamBar.tsx';
import { ThreadPanel } from './ThreadPanel.tsx';
import { ThreadsView } from './ThreadsView.tsx';
import { loadThreadTotals } from '../threads.ts';

/** The main view: teams, channels, the open channel and the thread panel; `/team/channels/name`. */
export function ChatView({
  teamName,
  channelName,
  threadsView = false,
}: {
  teamName: string;
  channelName: string;
  /** `/team/threads`: the Threads view instead of a channel. */
  threadsView?: boolean;
}) {
  const team = useStore((s) =>
    Object.values(s.teams).find((t) => t.name === teamName && s.myTeamIds.includes(t.id)),
  );
  const channel = useStore((s) =>
    Object.values(s.channels).find(
      (c) =>
        c.name === channelName &&
        (c.team_id === team?.id || c.type === 'D' || c.type === 'G') &&
        s.members[c.id],
    ),
  );
  const sidebarLoaded = useStore((s) => Boolean(team && s.categories[team.id]));
  const threadRootId = useStore((s) => s.threadRootId);
  const panel = useStore((s) => s.panel);
  const [switcher, setSwitcher] = useState(false);
  const title = useStore((s) => (channel ? channelTitle(channel, s) : ''));
  const docTitle = useStore((s) => tabTitle(s, title));
  const compact = useStore(compactDisplay);
  const settingsOpen = useStore((s) => s.settingsOpen);
  const [navOpen, setNavOpen] = useState(false);

  useEffect(() => {
    if (!team) {
      navigate('/select_team', true);
      return;
    }
    set({ currentTeamId: team.id });
    socket.updateActiveTeam(team.id);
    background(loadTeamSidebar(team.id));
  }, [team]);

  // A channel in the URL that is not in my sidebar: join it when it is public, else go to town-square.
  useEffect(() => {
    if (!team || !sidebarLoaded || channel || threadsView) return;
    let cancelled = false;
    client
      .getChannelByNameAndTeamName(team.name, channelName)
      .then(async (found) => {
        await client.addToChannel(get().me!.id, found.id);
        if (!cancelled) {
          setChannel(found);
          await loadTeamSidebar(team.id);
        }
      })
      .catch(() => {
        if (!cancelled && channelName !== 'town-square') navigate(`/${team.name}/channels/town-square`, true);
      });
    return () => {
      cancelled = true;
    };
  }, [team, channel, channelName, sidebarLoaded, threadsView]);

  useEffect(() => {
    if (!team) return;
    background(loadThreadTotals());
    if (threadsView) {
      set({ currentChannelId: '', threadRootId: null, panel: null });
      localStorage.setItem('parley.lastPath', window.location.pathname);
    }
  }, [team, threadsView]);

  const channelId = channel?.id ?? '';
  useEffect(() => {
    if (!channelId) return;
    // The new-messages line stays where my reading stopped until I leave the channel.
    const lastViewed = unreadOf(get(), channelId).unread
      ? (get().members[channelId]?.last_viewed_at ?? 0)
      : Infinity;
    set((s) => ({
      currentChannelId: channelId,
      threadRootId: s.highlightId ? s.threadRootId : null,
      panel: s.panel === 'saved' ? s.panel : null,
      unreadFrom: { ...s.unreadFrom, [channelId]: lastViewed },
    }));
    localStorage.setItem('parley.lastPath', window.location.pathname);
    socket.updateActiveChannel(channelId);
    background(loadChannelPosts(channelId));
    background(loadMemberCount(channelId));
    void markViewed(channelId);
  }, [channelId]);

  useEffect(() => watchFocus(), []);

  // Coming back to the tab reads the open channel.
  useEffect(() => {
    const onVisible = () => {
      const id = get().currentChannelId;
      if (document.visibilityState === 'visible' && id && unreadOf(get(), id).unread) void markViewed(id);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  // Keyboard: Ctrl/Cmd+K switcher, Alt+Up/Down previous/next channel, Escape marks the channel read.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSwitcher((v) => !v);
      } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        e.preventDefault();
        const s = get();
        const list = sidebarChannels(s);
        const at = list.findIndex((c) => c.id === s.currentChannelId);
        const next = list[(at + (e.key === 'ArrowDown' ? 1 : -1) + list.length) % list.length];
        if (next) navigate(`/${teamName}/channels/${next.name}`);
      } else if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('.modal, .menu')) {
        const id = get().currentChannelId;
        if (id) void markViewed(id);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [teamName]);

  useEffect(() => {
    document.title = docTitle;
  }, [docTitle]);

  if (!team) return null;
  return (
    <div
      className={`app-shell${navOpen ? ' nav-open' : ''}${threadRootId || panel ? ' thread-open' : ''}${compact ? ' compact-display' : ''}`}
    >
      <TeamBar />
      <Sidebar teamName={team.name} onNavigate={() => setNavOpen(false)} />
      <div className="nav-scrim" onClick={() => setNavOpen(false)} aria-hidden="true" />
      <main className="channel-view" aria-label={threadsView ? 'Threads' : title || 'Channel'}>
        {threadsView ? (
          <ThreadsView onMenu={() => setNavOpen(true)} />
        ) : channel ? (
          <>
            <ChannelHeader channelId={channel.id} onMenu={() => setNavOpen(true)} />
            <PostList channelId={channel.id} />
            <Composer
              key={channel.id}
              channelId={channel.id}
              placeholder={`Write to ${channel.type === 'D' ? title : `~${title}`}`}
            />
          </>
        ) : (
          <div className="empty muted">Loading…</div>
        )}
      </main>
      {threadRootId && <ThreadPanel rootId={threadRootId} />}
      {!threadRootId && panel === 'members' && channel && <MembersPanel channelId={channel.id} />}
      {!threadRootId && (panel === 'pinned' || panel === 'saved') && (
        <PostsPanel kind={panel} channelId={channel?.id ?? ''} teamName={team.name} />
      )}
      {settingsOpen && <SettingsModal onClose={() => set({ settingsOpen: false })} />}
      {switcher && <ChannelSwitcher onClose={() => setSwitcher(false)} />}
    </div>
  );
}
