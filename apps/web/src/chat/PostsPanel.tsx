import { useEffect, useState } from 'react';
import type { Post, PostList } from '@mattermost/types/posts';
import { client, errorText } from '../api.ts';
import { loadMissingUsers } from '../data.ts';
import { FLAGGED } from '../prefs.ts';
import { channelTitle, displayName, set, useStore } from '../store.ts';
import { Markdown } from '../ui/Markdown.tsx';
import { Avatar } from '../ui/Avatar.tsx';
import { Icon } from '../ui/icons.tsx';
import { openPost } from './post-actions.ts';
import { formatFull } from './time.ts';

const TITLES = { pinned: 'Pinned messages', saved: 'Saved messages' } as const;

/**
 * The right-hand panel listing the channel's pinned messages (GET /channels/{id}/pinned) or my saved
 * ones (GET /users/{id}/posts/flagged). It refetches when a pin or a saved preference changes.
 */
export function PostsPanel({
  kind,
  channelId,
  teamName,
}: {
  kind: 'pinned' | 'saved';
  channelId: string;
  teamName: string;
}) {
  const me = useStore((s) => s.me);
  const users = useStore((s) => s.users);
  const channels = useStore((s) => s.channels);
  // What the list depends on: for pins, the pinned flags of the loaded posts; for saved, my flags.
  const version = useStore((s) =>
    kind === 'saved'
      ? Object.keys(s.preferences)
          .filter((k) => k.startsWith(`${FLAGGED}:`))
          .join(',')
      : Object.values(s.posts)
          .filter((p) => p.channel_id === channelId && p.is_pinned)
          .map((p) => p.id)
          .join(','),
  );
  const [posts, setPosts] = useState<Post[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!me || (kind === 'pinned' && !channelId)) return;
    let cancelled = false;
    const request: Promise<PostList> =
      kind === 'pinned' ? client.getPinnedPosts(channelId) : client.getFlaggedPosts(me.id, '', '', 0, 100);
    request
      .then((list) => {
        if (cancelled) return;
        const found = list.order.map((id) => list.posts[id]).filter(Boolean);
        setPosts(found);
        void loadMissingUsers(found.map((p) => p.user_id)).catch(() => undefined);
      })
      .catch((err) => !cancelled && setError(errorText(err)));
    return () => {
      cancelled = true;
    };
  }, [kind, channelId, me, version]);

  return (
    <aside className="thread-panel posts-panel" aria-label={TITLES[kind]}>
      <header className="panel-header">
        <h2>{TITLES[kind]}</h2>
        <button
          className="icon-btn"
          aria-label={`Close ${TITLES[kind].toLowerCase()}`}
          onClick={() => set({ panel: null })}
        >
          <Icon name="close" />
        </button>
      </header>
      <div className="thread-scroll">
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        {!posts && !error && <div className="empty muted">Loading…</div>}
        {posts?.length === 0 && (
          <div className="empty muted">
            {kind === 'pinned'
              ? 'No pinned messages yet. Pin a message from its actions to keep it here.'
              : 'No saved messages yet. Save a message from its actions to find it here later.'}
          </div>
        )}
        <ul className="posts-found">
          {posts?.map((post) => (
            <li key={post.id} className="found-post" data-post-id={post.id}>
              <div className="found-meta muted small">
                {kind === 'saved' && (
                  <span>{channelTitle(channels[post.channel_id], useStore.getState())} · </span>
                )}
                <time dateTime={new Date(post.create_at).toISOString()}>{formatFull(post.create_at)}</time>
              </div>
              <div className="found-body">
                <Avatar user={users[post.user_id]} size={28} />
                <div>
                  <strong>{displayName(users[post.user_id])}</strong>
                  <Markdown text={post.message} me={me?.username} />
                </div>
              </div>
              <button className="link small" onClick={() => void openPost(teamName, post.id)}>
                Jump
              </button>
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
