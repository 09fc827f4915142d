import { useEffect } from 'react';
import { loadThread } from '../data.ts';
import { set, useStore } from '../store.ts';
import { Composer } from './Composer.tsx';
import { PostRows } from './PostList.tsx';
import { PostItem } from './PostItem.tsx';
import { Icon } from '../ui/icons.tsx';

/** The right-hand panel: a root post, its replies, and a composer that replies in the thread. */
export function ThreadPanel({ rootId }: { rootId: string }) {
  const root = useStore((s) => s.posts[rootId]);
  const replyIds = useStore((s) => s.replies[rootId]);
  const posts = useStore((s) => s.posts);

  useEffect(() => {
    void loadThread(rootId).catch(() => set({ threadRootId: null }));
  }, [rootId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target as HTMLElement).closest('.emoji-picker, .edit-box'))
        set({ threadRootId: null });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const replies = (replyIds ?? []).map((id) => posts[id]).filter(Boolean);
  return (
    <aside className="thread-panel" aria-label="Thread">
      <header className="panel-header">
        <h2>Thread</h2>
        <button className="icon-btn" aria-label="Close thread" onClick={() => set({ threadRootId: null })}>
          <Icon name="close" />
        </button>
      </header>
      <div className="thread-scroll">
        {root ? (
          <PostItem post={root} compact={false} inThread />
        ) : (
          <div className="empty muted">Loading…</div>
        )}
        {replies.length > 0 && (
          <div className="thread-divider muted small">
            {replies.length} {replies.length === 1 ? 'reply' : 'replies'}
          </div>
        )}
        <PostRows posts={replies} inThread />
      </div>
      {root && (
        <Composer key={root.id} channelId={root.channel_id} rootId={root.id} placeholder="Reply to thread…" />
      )}
    </aside>
  );
}
