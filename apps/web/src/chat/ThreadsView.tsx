import { useEffect, useState } from 'react';
import type { UserThread } from '@mattermost/types/threads';
import { errorText } from '../api.ts';
import { loadThreads, markThreadRead } from '../threads.ts';
import { channelTitle, displayName, set, useStore } from '../store.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Icon } from '../ui/icons.tsx';
import { formatTime } from './time.ts';

/** Followed threads of the team (collapsed reply threads): all or unread; a click opens the thread. */
export function ThreadsView({ onMenu }: { onMenu: () => void }) {
  const [tab, setTab] = useState<'all' | 'unread'>('all');
  const [threads, setThreads] = useState<UserThread[] | null>(null);
  const [error, setError] = useState('');
  const version = useStore((s) => s.threadsVersion);
  const teamId = useStore((s) => s.currentTeamId);
  const openId = useStore((s) => s.threadRootId);

  useEffect(() => {
    loadThreads(tab === 'unread')
      .then(setThreads)
      .catch((err) => setError(errorText(err)));
  }, [tab, version, teamId]);

  const open = (t: UserThread) => {
    set({ threadRootId: t.id, panel: null });
    if (t.unread_replies > 0 || t.unread_mentions > 0) void markThreadRead(t.id).catch(() => undefined);
  };

  return (
    <>
      <header className="channel-header">
        <button className="icon-btn menu-toggle" aria-label="Show channels" onClick={onMenu}>
          <Icon name="menu" />
        </button>
        <div className="channel-heading">
          <h1>Threads</h1>
          <div className="channel-about muted">Conversations you follow</div>
        </div>
        <div className="tabs" role="tablist" aria-label="Which threads">
          {(['all', 'unread'] as const).map((t) => (
            <button
              key={t}
              role="tab"
              aria-selected={tab === t}
              className={`tab${tab === t ? ' active' : ''}`}
              onClick={() => setTab(t)}
            >
              {t === 'all' ? 'Followed threads' : 'Unread'}
            </button>
          ))}
        </div>
      </header>
      <div className="threads-list" role="list" aria-label="Threads">
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {!threads && !error && <div className="empty muted">Loading threads…</div>}
        {threads?.length === 0 && (
          <div className="empty muted">
            {tab === 'unread' ? 'No unread threads. You are all caught up.' : 'You follow no threads yet.'}
          </div>
        )}
        {threads?.map((t) => (
          <ThreadRow key={t.id} thread={t} active={openId === t.id} onOpen={() => open(t)} />
        ))}
      </div>
    </>
  );
}

function ThreadRow({ thread, active, onOpen }: { thread: UserThread; active: boolean; onOpen: () => void }) {
  const root = useStore((s) => s.posts[thread.id]);
  const author = useStore((s) => (root ? s.users[root.user_id] : undefined));
  const channel = useStore((s) => s.channels[thread.post.channel_id]);
  const channelName = useStore((s) => channelTitle(channel, s));
  const users = useStore((s) => s.users);
  const unread = thread.unread_replies > 0;
  return (
    <button
      role="listitem"
      className={`thread-row${unread ? ' unread' : ''}${active ? ' active' : ''}`}
      data-thread={thread.id}
      onClick={onOpen}
    >
      <div className="thread-row-top">
        <span className="thread-channel">{channelName}</span>
        <span className="muted small">{formatTime(thread.last_reply_at || root?.create_at || 0)}</span>
        {thread.unread_mentions > 0 && (
          <span className="badge" aria-label={`${thread.unread_mentions} mentions`}>
            {thread.unread_mentions}
          </span>
        )}
      </div>
      <div className="thread-row-author">
        <Avatar user={author} size={20} />
        <strong>{displayName(author)}</strong>
      </div>
      <div className="thread-row-text">{root?.message ?? ''}</div>
      <div className="thread-row-meta small">
        <span className="participants" aria-hidden="true">
          {thread.participants.slice(0, 4).map((p) => (
            <Avatar key={p.id} user={users[p.id]} size={18} />
          ))}
        </span>
        <span className={unread ? 'accent' : 'muted'}>
          {thread.reply_count} {thread.reply_count === 1 ? 'reply' : 'replies'}
          {unread ? ` · ${thread.unread_replies} new` : ''}
        </span>
      </div>
    </button>
  );
}
