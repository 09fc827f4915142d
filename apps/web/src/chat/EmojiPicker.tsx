import { useEffect, useRef } from 'react';
import { EMOJI, PICKER } from '../ui/emoji.ts';

/** A small popover of common reactions; Escape or a click outside closes it. */
export function EmojiPicker({ onPick, onClose }: { onPick: (name: string) => void; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    ref.current?.querySelector('button')?.focus();
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  return (
    <div className="emoji-picker" role="menu" aria-label="Add a reaction" ref={ref}>
      {PICKER.map((name) => (
        <button
          key={name}
          role="menuitem"
          className="emoji-choice"
          title={`:${name}:`}
          aria-label={`React with ${name}`}
          onClick={() => {
            onPick(name);
            onClose();
          }}
        >
          {EMOJI[name]}
        </button>
      ))}
    </div>
  );
}
