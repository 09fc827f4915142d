import { memo, useState, type KeyboardEvent } from 'react';
import type { Post } from '@mattermost/types/posts';
import { errorText } from '../api.ts';
import { deletePost, discardPost, editPost, retryPost, toggleReaction } from '../posting.ts';
import { displayName, set, useStore } from '../store.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Markdown } from '../ui/Markdown.tsx';
import { Icon } from '../ui/icons.tsx';
import { emojiChar } from '../ui/emoji.ts';
import { EmojiPicker } from './EmojiPicker.tsx';
import { ProfilePopover } from '../ui/ProfilePopover.tsx';
import { formatFull, formatTime } from './time.ts';
import { isSaved, toggleSaved, clock24 } from '../prefs.ts';
import { copyPermalink, togglePinned } from './post-actions.ts';

interface Props {
  post: Post;
  /** Same author as the previous post, a moment later: no avatar and name. */
  compact: boolean;
  /** In the thread panel: no "reply" action or reply count. */
  inThread?: boolean;
  /** Reached through a permalink or a pinned/saved list. */
  highlighted?: boolean;
}

export const PostItem = memo(function PostItem({
  post,
  compact,
  inThread = false,
  highlighted = false,
}: Props) {
  const me = useStore((s) => s.me);
  const author = useStore((s) => s.users[post.user_id]);
  const reactions = useStore((s) => s.reactions[post.id]);
  const failed = useStore((s) => Boolean(s.failed[post.id]));
  const editing = useStore((s) => s.editingId === post.id);
  const saved = useStore((s) => isSaved(s, post.id));
  const use24 = useStore(clock24);
  const teamName = useStore((s) => s.teams[s.currentTeamId]?.name ?? '');
  const [copied, setCopied] = useState(false);
  const setEditing = (on: boolean) => set({ editingId: on ? post.id : null });
  const [picking, setPicking] = useState(false);
  const [profile, setProfile] = useState(false);
  const [error, setError] = useState('');
  const pending = Boolean(post.pending_post_id) && post.pending_post_id === post.id;
  const mine = post.user_id === me?.id;

  if (post.type.startsWith('system_')) {
    return (
      <div className="post system" data-testid="system-post">
        <Markdown text={post.message} />
        <time className="post-time" dateTime={new Date(post.create_at).toISOString()}>
          {formatTime(post.create_at, use24)}
        </time>
      </div>
    );
  }

  const run = (p: Promise<unknown>) => p.catch((err) => setError(errorText(err)));
  const grouped = new Map<string, string[]>();
  for (const r of reactions ?? [])
    grouped.set(r.emoji_name, [...(grouped.get(r.emoji_name) ?? []), r.user_id]);

  return (
    <article
      className={`post${compact ? ' compact' : ''}${pending ? ' pending' : ''}${failed ? ' failed' : ''}${highlighted ? ' highlighted' : ''}${post.is_pinned ? ' pinned' : ''}`}
      data-post-id={post.id}
      aria-label={`${displayName(author)} at ${formatTime(post.create_at, use24)}`}
    >
      <div className="post-gutter">
        {compact ? (
          <time className="hover-time" dateTime={new Date(post.create_at).toISOString()}>
            {formatTime(post.create_at, use24)}
          </time>
        ) : (
          <Avatar user={author} presence />
        )}
      </div>
      <div className="post-body">
        {!compact && (
          <header className="post-header">
            <button className="author" onClick={() => setProfile((v) => !v)} aria-haspopup="dialog">
              {displayName(author)}
            </button>
            {profile && author && <ProfilePopover user={author} onClose={() => setProfile(false)} />}
            <time title={formatFull(post.create_at)} dateTime={new Date(post.create_at).toISOString()}>
              {formatTime(post.create_at, use24)}
            </time>
            {post.is_pinned && <span className="post-flag pinned-flag">Pinned</span>}
            {saved && <span className="post-flag saved-flag">Saved</span>}
          </header>
        )}
        {editing ? (
          <EditBox
            initial={post.message}
            onCancel={() => setEditing(false)}
            onSave={(text) => {
              setEditing(false);
              if (text.trim() && text !== post.message) void run(editPost(post.id, text));
            }}
          />
        ) : (
          <div className="post-message">
            <Markdown text={post.message} me={me?.username} />
            {post.edit_at > 0 && <span className="edited">(edited)</span>}
          </div>
        )}
        {failed && (
          <div className="post-failed" role="alert">
            Message failed to send.{' '}
            <button className="link" onClick={() => void retryPost(post.id)}>
              Retry
            </button>{' '}
            ·{' '}
            <button className="link" onClick={() => discardPost(post.id)}>
              Delete
            </button>
          </div>
        )}
        {error && (
          <div className="post-failed" role="alert">
            {error}
          </div>
        )}
        {grouped.size > 0 && (
          <div className="reactions" aria-label="Reactions">
            {[...grouped].map(([name, users]) => {
              const minePressed = Boolean(me && users.includes(me.id));
              return (
                <button
                  key={name}
                  className={`reaction${minePressed ? ' mine' : ''}`}
                  aria-pressed={minePressed}
                  aria-label={`${name} reaction, ${users.length}`}
                  title={`:${name}:`}
                  onClick={() => void run(toggleReaction(post.id, name))}
                >
                  <span>{emojiChar(name)}</span>
                  <span className="count">{users.length}</span>
                </button>
              );
            })}
          </div>
        )}
        {!inThread && (post.reply_count ?? 0) > 0 && (
          <button className="reply-count" onClick={() => set({ threadRootId: post.id })}>
            {post.reply_count} {post.reply_count === 1 ? 'reply' : 'replies'}
          </button>
        )}
      </div>
      {!pending && !editing && (
        <div className="post-actions" role="toolbar" aria-label="Message actions">
          <button
            className="icon-btn"
            aria-label="Add reaction"
            title="Add reaction"
            onClick={() => setPicking((v) => !v)}
          >
            <Icon name="smile" />
          </button>
          {!inThread && (
            <button
              className="icon-btn"
              aria-label="Reply in thread"
              title="Reply"
              onClick={() => set({ threadRootId: post.id })}
            >
              <Icon name="reply" />
            </button>
          )}
          <button
            className={`icon-btn${saved ? ' on' : ''}`}
            aria-label={saved ? 'Remove from saved' : 'Save message'}
            title={saved ? 'Remove from saved' : 'Save'}
            aria-pressed={saved}
            onClick={() => void run(toggleSaved(post.id))}
          >
            <Icon name={saved ? 'bookmarkFilled' : 'bookmark'} />
          </button>
          <button
            className={`icon-btn${post.is_pinned ? ' on' : ''}`}
            aria-label={post.is_pinned ? 'Unpin from channel' : 'Pin to channel'}
            title={post.is_pinned ? 'Unpin' : 'Pin'}
            aria-pressed={post.is_pinned}
            onClick={() => void run(togglePinned(post))}
          >
            <Icon name="pin" />
          </button>
          <button
            className="icon-btn"
            aria-label="Copy link"
            title={copied ? 'Link copied' : 'Copy link'}
            onClick={() =>
              void run(
                copyPermalink(teamName, post.id).then(() => {
                  setCopied(true);
                  setTimeout(() => setCopied(false), 2000);
                }),
              )
            }
          >
            <Icon name="link" />
          </button>
          {copied && (
            <span className="copied-note" role="status">
              Link copied
            </span>
          )}
          {mine && (
            <button
              className="icon-btn"
              aria-label="Edit message"
              title="Edit"
              onClick={() => setEditing(true)}
            >
              <Icon name="edit" />
            </button>
          )}
          {mine && (
            <button
              className="icon-btn danger"
              aria-label="Delete message"
              title="Delete"
              onClick={() => {
                if (window.confirm('Delete this message? This cannot be undone.'))
                  void run(deletePost(post.id));
              }}
            >
              <Icon name="trash" />
            </button>
          )}
          {picking && (
            <EmojiPicker
              onPick={(name) => void run(toggleReaction(post.id, name))}
              onClose={() => setPicking(false)}
            />
          )}
        </div>
      )}
    </article>
  );
});

function EditBox({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (t: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') onCancel();
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      onSave(text);
    }
  };
  return (
    <div className="edit-box">
      <textarea
        aria-label="Edit message"
        value={text}
        autoFocus
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        rows={Math.min(8, text.split('\n').length + 1)}
      />
      <div className="edit-hint muted small">
        Enter to save · Escape to cancel{' '}
        <button className="btn small primary" onClick={() => onSave(text)}>
          Save
        </button>
      </div>
    </div>
  );
}
