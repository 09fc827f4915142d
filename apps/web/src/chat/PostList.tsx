import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Post } from '@mattermost/types/posts';
import { background } from '../api.ts';
import { loadOlderPosts } from '../data.ts';
import { set, useStore } from '../store.ts';
import { PostItem } from './PostItem.tsx';
import { dayKey, formatDay } from './time.ts';

const GROUP_MS = 5 * 60 * 1000;
/** Start loading the previous page this far (px) before the top is reached. */
const OLDER_MARGIN = 800;
/** Height of the block above the rows (the channel intro or the loading line), fixed in CSS. */
const HEAD = 56;

function isCompact(post: Post, prev: Post | undefined): boolean {
  return Boolean(
    prev &&
    dayKey(prev.create_at) === dayKey(post.create_at) &&
    prev.user_id === post.user_id &&
    !prev.type.startsWith('system_') &&
    !post.type.startsWith('system_') &&
    post.create_at - prev.create_at < GROUP_MS,
  );
}

function DaySeparator({ at }: { at: number }) {
  return (
    <div className="day-separator" role="separator">
      <span>{formatDay(at)}</span>
    </div>
  );
}

/** Posts grouped by day and by author (the thread panel; short lists that need no virtualization). */
export function PostRows({ posts, inThread = false }: { posts: Post[]; inThread?: boolean }) {
  return (
    <>
      {posts.map((post, i) => {
        const prev = posts[i - 1];
        return (
          <Fragment key={post.id}>
            {(!prev || dayKey(prev.create_at) !== dayKey(post.create_at)) && (
              <DaySeparator at={post.create_at} />
            )}
            <PostItem post={post} compact={isCompact(post, prev)} inThread={inThread} />
          </Fragment>
        );
      })}
    </>
  );
}

/**
 * The channel's messages, virtualized (only the rows near the viewport are in the DOM, each measured
 * as it renders). The view sticks to the newest message unless the user scrolled up; loading an
 * older page keeps the message the user was looking at in place; the new-messages line sits above
 * the first post that was unread when the channel was opened.
 */
export function PostList({ channelId }: { channelId: string }) {
  const ids = useStore((s) => s.order[channelId]);
  const posts = useStore((s) => s.posts);
  const hasOlder = useStore((s) => s.hasOlder[channelId]);
  const unreadFrom = useStore((s) => s.unreadFrom[channelId] ?? Infinity);
  const meId = useStore((s) => s.me?.id);
  const highlightId = useStore((s) => s.highlightId);
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const anchor = useRef<{ id: string; offset: number } | null>(null);
  const opened = useRef('');
  const [away, setAway] = useState(false);

  const list = useMemo(() => (ids ?? []).map((id) => posts[id]).filter(Boolean), [ids, posts]);
  const firstUnread = useMemo(
    () =>
      list.find((p) => p.create_at > unreadFrom && p.user_id !== meId && p.pending_post_id !== p.id)?.id ??
      '',
    [list, unreadFrom, meId],
  );
  const first = list[0]?.id ?? '';

  // The virtualizer's functions change identity as it measures; React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => ref.current,
    estimateSize: () => 64,
    overscan: 6,
    scrollMargin: HEAD,
    getItemKey: (i) => list[i]?.id ?? i,
  });

  // Older posts were prepended: put the post that was at the top of the view back where it was.
  // Their heights are estimates until measured; the virtualizer then corrects the offset itself,
  // because they lie above the viewport.
  useLayoutEffect(() => {
    const a = anchor.current;
    if (!a || stick.current) return;
    const index = list.findIndex((p) => p.id === a.id);
    if (index < 0) return;
    const start = virtualizer.getOffsetForIndex(index, 'start')?.[0];
    if (start !== undefined) virtualizer.scrollToOffset(start - a.offset);
    // Only a change of the first post is a prepend; the list object changes on every new post too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first]);

  // Opening the channel: to the new-messages line when there is one, else to the newest post.
  useLayoutEffect(() => {
    if (opened.current === channelId || list.length === 0) return;
    opened.current = channelId;
    const index = list.findIndex((p) => p.id === firstUnread);
    if (index > 0) {
      stick.current = false;
      virtualizer.scrollToIndex(index, { align: 'center' });
    }
  }, [channelId, list, firstUnread, virtualizer]);

  // A permalink or a pinned/saved message: scroll to it (loading older pages until it is there).
  useEffect(() => {
    if (!highlightId || !ids) return;
    const index = list.findIndex((p) => p.id === highlightId);
    if (index >= 0) {
      stick.current = false;
      virtualizer.scrollToIndex(index, { align: 'center' });
      const timer = setTimeout(() => set({ highlightId: null }), 4000);
      return () => clearTimeout(timer);
    }
    if (hasOlder) background(loadOlderPosts(channelId));
    return undefined;
  }, [highlightId, list, ids, hasOlder, channelId, virtualizer]);

  // Pinned to the bottom: every render (new posts, rows measured) keeps the newest post in view.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  });

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    stick.current = fromBottom < 80;
    setAway(fromBottom > el.clientHeight);
    const top = virtualizer.getVirtualItems().find((item) => item.end > el.scrollTop);
    const post = top && list[top.index];
    anchor.current = post ? { id: post.id, offset: top.start - el.scrollTop } : null;
    if (el.scrollTop < OLDER_MARGIN && hasOlder) background(loadOlderPosts(channelId));
  }, [channelId, hasOlder, list, virtualizer]);

  const jumpToRecent = () => {
    stick.current = true;
    setAway(false);
    virtualizer.scrollToIndex(list.length - 1, { align: 'end' });
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div className="post-list-wrap">
      <div
        className="post-list"
        ref={ref}
        onScroll={onScroll}
        role="log"
        aria-label="Messages"
        aria-live="polite"
        data-testid="post-list"
      >
        {ids === undefined ? (
          <div className="empty muted">Loading messages…</div>
        ) : (
          <>
            {!hasOlder && (
              <div className="channel-intro muted">This is the beginning of the conversation.</div>
            )}
            {hasOlder && <div className="older-loading muted small">Loading older messages…</div>}
            <div className="post-rows" style={{ height: virtualizer.getTotalSize() }}>
              <div
                className="post-window"
                style={{ transform: `translateY(${(items[0]?.start ?? HEAD) - HEAD}px)` }}
              >
                {items.map((item) => {
                  const post = list[item.index];
                  const prev = list[item.index - 1];
                  return (
                    <div
                      key={item.key}
                      className="post-row"
                      data-index={item.index}
                      ref={virtualizer.measureElement}
                    >
                      {(!prev || dayKey(prev.create_at) !== dayKey(post.create_at)) && (
                        <DaySeparator at={post.create_at} />
                      )}
                      {post.id === firstUnread && (
                        <div className="new-messages-line" role="separator" aria-label="New messages">
                          <span>New messages</span>
                        </div>
                      )}
                      <PostItem
                        post={post}
                        compact={post.id !== firstUnread && isCompact(post, prev)}
                        highlighted={post.id === highlightId}
                      />
                    </div>
                  );
                })}
              </div>
            </div>
          </>
        )}
      </div>
      {away && (
        <button className="jump-recent" onClick={jumpToRecent}>
          Jump to recent ↓
        </button>
      )}
    </div>
  );
}
