import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { sendPost } from '../posting.ts';
import { sendTyping } from '../realtime.ts';
import { displayName, get, set, useStore } from '../store.ts';

const drafts = new Map<string, string>();

/** Enter sends, Shift+Enter adds a line; drafts are kept per channel and thread while the app is open. */
export function Composer({
  channelId,
  rootId = '',
  placeholder,
}: {
  channelId: string;
  rootId?: string;
  placeholder: string;
}) {
  const key = `${channelId}:${rootId}`;
  const [text, setText] = useState(drafts.get(key) ?? '');
  const ref = useRef<HTMLTextAreaElement>(null);

  // Parents key the composer by channel and thread, so each one starts from its own draft.
  useEffect(() => {
    ref.current?.focus();
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [text]);

  const submit = () => {
    const message = text.trim();
    if (!message) return;
    setText('');
    drafts.delete(key);
    void sendPost(channelId, message, rootId);
  };

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Up in an empty box edits my last message here, as in Mattermost and Slack.
    if (e.key === 'ArrowUp' && text === '') {
      const s = get();
      const ids = (rootId ? s.replies[rootId] : s.order[channelId]) ?? [];
      const last = [...ids].reverse().find((id) => {
        const p = s.posts[id];
        return p && p.user_id === s.me?.id && p.pending_post_id !== p.id && !p.type.startsWith('system_');
      });
      if (last) {
        e.preventDefault();
        set({ editingId: last });
      }
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <div className="composer-wrap">
      <div className="composer">
        <textarea
          ref={ref}
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-label={placeholder}
          onChange={(e) => {
            setText(e.target.value);
            drafts.set(key, e.target.value);
            if (e.target.value) sendTyping(channelId, rootId);
          }}
          onKeyDown={onKey}
        />
        <button
          className="send-btn"
          aria-label="Send"
          title="Send (Enter)"
          disabled={!text.trim()}
          onClick={submit}
        >
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path fill="currentColor" d="M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9z" />
          </svg>
        </button>
      </div>
      <TypingLine channelId={channelId} />
    </div>
  );
}

function TypingLine({ channelId }: { channelId: string }) {
  const typing = useStore((s) => s.typing[channelId]);
  const users = useStore((s) => s.users);
  const names = Object.keys(typing ?? {}).map((id) => displayName(users[id]));
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? `${names[0]} is typing…`
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are typing…`;
  return (
    <div className="typing muted small" aria-live="polite">
      {text}
    </div>
  );
}
