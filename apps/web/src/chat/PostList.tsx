import { Fragment, useCallback, useLayoutEffect, useRef } from 'react';
import type { Post } from '@mattermost/types/posts';
import { background } from '../api.ts';
import { loadOlderPosts } from '../data.ts';
import { useStore } from '../store.ts';
import { PostItem } from './PostItem.tsx';
import { dayKey, formatDay } from './time.ts';

const GROUP_MS = 5 * 60 * 1000;

/** Posts grouped by day and by author; a post directly after the same author's within 5 minutes is compact. */
export function PostRows({ posts, inThread = false }: { posts: Post[]; inThread?: boolean }) {
  return (
    <>
      {posts.map((post, i) => {
        const prev = posts[i - 1];
        const newDay = !prev || dayKey(prev.create_at) !== dayKey(post.create_at);
        const compact =
          !newDay &&
          prev.user_id === post.user_id &&
          !prev.type.startsWith('system_') &&
          !post.type.startsWith('system_') &&
          post.create_at - prev.create_at < GROUP_MS;
        return (
          <Fragment key={post.id}>
            {newDay && (
              <div className="day-separator" role="separator">
                <span>{formatDay(post.create_at)}</span>
              </div>
            )}
            <PostItem post={post} compact={compact} inThread={inThread} />
          </Fragment>
        );
      })}
    </>
  );
}

export function PostList({ channelId }: { channelId: string }) {
  const ids = useStore((s) => s.order[channelId]);
  const posts = useStore((s) => s.posts);
  const hasOlder = useStore((s) => s.hasOlder[channelId]);
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const anchor = useRef<{ first: string; height: number } | null>(null);

  const list = (ids ?? []).map((id) => posts[id]).filter(Boolean);
  const first = list[0]?.id ?? '';

  // Keep the view pinned to the newest message unless the user scrolled up; when older posts are
  // prepended, keep what the user was looking at in place.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (anchor.current && anchor.current.first !== first) {
      el.scrollTop += el.scrollHeight - anchor.current.height;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
    anchor.current = { first, height: el.scrollHeight };
  });

  useLayoutEffect(() => {
    stick.current = true;
    anchor.current = null;
  }, [channelId]);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    anchor.current = { first, height: el.scrollHeight };
    if (el.scrollTop < 300 && hasOlder) background(loadOlderPosts(channelId));
  }, [channelId, first, hasOlder]);

  return (
    <div
      className="post-list"
      ref={ref}
      onScroll={onScroll}
      role="log"
      aria-label="Messages"
      aria-live="polite"
    >
      {ids === undefined ? (
        <div className="empty muted">Loading messages…</div>
      ) : (
        <>
          {!hasOlder && <div className="channel-intro muted">This is the beginning of the conversation.</div>}
          <PostRows posts={list} />
        </>
      )}
    </div>
  );
}
