import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { suggest, triggerAt, type Suggestion, type Trigger } from './autocomplete.ts';
import { EmojiPicker } from './EmojiPicker.tsx';
import { Icon } from '../ui/icons.tsx';
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
  const listId = useId();
  const [trigger, setTrigger] = useState<Trigger | null>(null);
  // Suggestions with the term they answer, so that a list never shows for a different term.
  const [result, setResult] = useState<{ for: string; options: Suggestion[] }>({ for: '', options: [] });
  const termKey = trigger ? `${trigger.kind}${trigger.term}` : '';
  const options = result.for === termKey ? result.options : [];
  const [active, setActive] = useState(0);
  const [picking, setPicking] = useState(false);
  const open = trigger !== null && options.length > 0;
  // Where the caret goes after an insertion, applied in the same frame as the new text so that
  // the next keystroke lands after the inserted piece.
  const caretAfter = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && caretAfter.current !== null) {
      el.focus();
      el.setSelectionRange(caretAfter.current, caretAfter.current);
      caretAfter.current = null;
    }
  }, [text]);

  // Suggestions follow the term at the caret; a newer term wins over a slower earlier answer.
  useEffect(() => {
    if (!trigger) return;
    let live = true;
    const timer = setTimeout(() => {
      suggest(trigger, channelId)
        .then((found) => {
          if (!live) return;
          setResult({ for: termKey, options: found });
          setActive(0);
        })
        .catch(() => live && setResult({ for: termKey, options: [] }));
    }, 80);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The trigger object is new on every keystroke; only its kind and term matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [termKey, channelId]);

  const update = (value: string, caret: number) => {
    setText(value);
    drafts.set(key, value);
    setTrigger(triggerAt(value, caret));
  };

  const accept = (choice: Suggestion) => {
    const el = ref.current;
    if (!trigger || !el) return;
    const caret = el.selectionStart ?? text.length;
    const next = text.slice(0, trigger.start) + choice.insert + text.slice(caret);
    const at = trigger.start + choice.insert.length;
    caretAfter.current = at;
    setText(next);
    drafts.set(key, next);
    setTrigger(null);
  };

  const insertEmoji = (name: string) => {
    const el = ref.current;
    const caret = el?.selectionStart ?? text.length;
    const pad = caret > 0 && !/\s$/.test(text.slice(0, caret)) ? ' ' : '';
    const piece = `${pad}:${name}: `;
    const next = text.slice(0, caret) + piece + text.slice(caret);
    caretAfter.current = caret + piece.length;
    setText(next);
    drafts.set(key, next);
  };

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
    setTrigger(null);
    drafts.delete(key);
    void sendPost(channelId, message, rootId);
  };

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + options.length) % options.length);
        return;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        e.preventDefault();
        accept(options[active] ?? options[0]);
        return;
      }
      if (e.key === 'Escape') {
        // Closing the list must not also close the thread or mark the channel read.
        e.preventDefault();
        e.nativeEvent.stopImmediatePropagation();
        setTrigger(null);
        return;
      }
    }
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
        {open && (
          <ul className="autocomplete" id={listId} role="listbox" aria-label="Suggestions">
            {options.map((o, i) => (
              <li
                key={o.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseEnter={() => setActive(i)}
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(o);
                }}
              >
                {o.icon && (
                  <span className="ac-char" aria-hidden="true">
                    {o.icon}
                  </span>
                )}
                <strong>{o.label}</strong>
                {o.detail && <span className="muted small">{o.detail}</span>}
              </li>
            ))}
          </ul>
        )}
        <textarea
          ref={ref}
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-label={placeholder}
          aria-autocomplete="list"
          aria-haspopup="listbox"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          onChange={(e) => {
            update(e.target.value, e.target.selectionStart ?? e.target.value.length);
            if (e.target.value) sendTyping(channelId, rootId);
          }}
          onSelect={(e) => {
            const el = e.currentTarget;
            if (el.selectionStart === el.selectionEnd) setTrigger(triggerAt(el.value, el.selectionStart));
          }}
          onBlur={() => setTrigger(null)}
          onKeyDown={onKey}
        />
        <button
          className="icon-btn composer-emoji"
          aria-label="Insert emoji"
          title="Emoji"
          onClick={() => setPicking((v) => !v)}
        >
          <Icon name="smile" />
        </button>
        {picking && <EmojiPicker verb="Insert" onPick={insertEmoji} onClose={() => setPicking(false)} />}
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
