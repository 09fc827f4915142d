import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { EMOJI, PICKER, loadEmoji } from '../ui/emoji.ts';
import type { EmojiEntry } from '../ui/emoji-data.ts';

type Data = Awaited<ReturnType<typeof loadEmoji>>;

/**
 * The emoji picker: frequently used at once, then the full set (loaded on first open) by category,
 * with a search over names, labels and tags. Enter picks the first match; Escape or a click
 * outside closes it.
 */
export function EmojiPicker({
  onPick,
  onClose,
  verb = 'React with',
}: {
  onPick: (name: string) => void;
  onClose: () => void;
  /** Start of each button's accessible name: "React with +1", "Insert +1". */
  verb?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [data, setData] = useState<Data | null>(null);
  const [term, setTerm] = useState('');
  const [group, setGroup] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    loadEmoji()
      .then((d) => live && setData(d))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      onClose();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [onClose]);

  const pick = (name: string) => {
    onPick(name);
    onClose();
  };
  const found: EmojiEntry[] = !data
    ? []
    : term.trim()
      ? data.searchEmoji(term.trim(), 120)
      : data.ALL.filter((e) => e.group === (group ?? data.GROUPS[0].id));
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && found[0]) {
      e.preventDefault();
      pick(found[0].names[0]);
    }
  };

  return (
    <div className="emoji-picker" role="dialog" aria-label="Emoji picker" ref={ref}>
      <input
        className="search emoji-search"
        autoFocus
        placeholder="Search emoji"
        aria-label="Search emoji"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
        onKeyDown={onKey}
      />
      {!term.trim() && (
        <>
          <div className="emoji-section muted small">Frequently used</div>
          <div className="emoji-grid">
            {PICKER.map((name) => (
              <EmojiButton key={name} name={name} char={EMOJI[name]} verb={verb} onPick={pick} />
            ))}
          </div>
        </>
      )}
      {data && !term.trim() && (
        <div className="emoji-tabs" role="tablist" aria-label="Emoji categories">
          {data.GROUPS.map((g) => {
            const first = data.ALL.find((e) => e.group === g.id);
            const selected = (group ?? data.GROUPS[0].id) === g.id;
            return (
              <button
                key={g.id}
                role="tab"
                aria-selected={selected}
                aria-label={g.label}
                title={g.label}
                className={`emoji-tab${selected ? ' selected' : ''}`}
                onClick={() => setGroup(g.id)}
              >
                {first?.char}
              </button>
            );
          })}
        </div>
      )}
      <div className="emoji-scroll">
        {!data && <div className="muted small">Loading emoji…</div>}
        {data && term.trim() && found.length === 0 && (
          <div className="muted small">No emoji match “{term}”.</div>
        )}
        <div className="emoji-grid">
          {found.map((e) => (
            <EmojiButton key={e.names[0]} name={e.names[0]} char={e.char} verb={verb} onPick={pick} />
          ))}
        </div>
      </div>
    </div>
  );
}

function EmojiButton({
  name,
  char,
  verb,
  onPick,
}: {
  name: string;
  char: string;
  verb: string;
  onPick: (name: string) => void;
}) {
  return (
    <button
      className="emoji-choice"
      title={`:${name}:`}
      aria-label={`${verb} ${name}`}
      onClick={() => onPick(name)}
    >
      {char}
    </button>
  );
}
