import { useState, type KeyboardEvent } from 'react';
import { navigate } from '../router.ts';
import { channelTitle, get, unreadOf, useStore } from '../store.ts';
import { Modal } from '../ui/Modal.tsx';
import { sidebarChannels } from './sidebar-order.ts';

/** Ctrl/Cmd+K: type part of a channel's name, arrows to choose, Enter to go. */
export function ChannelSwitcher({ onClose }: { onClose: () => void }) {
  const s = useStore();
  const [term, setTerm] = useState('');
  const [index, setIndex] = useState(0);
  const needle = term.trim().toLowerCase();
  const matches = sidebarChannels(s, true)
    .filter((c) => !needle || channelTitle(c, s).toLowerCase().includes(needle) || c.name.includes(needle))
    .slice(0, 12);
  const go = (i: number) => {
    const c = matches[i];
    if (!c) return;
    onClose();
    navigate(`/${get().teams[get().currentTeamId].name}/channels/${c.name}`);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setIndex((i) => (i + step + matches.length) % Math.max(1, matches.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(index);
    }
  };
  return (
    <Modal title="Switch channels" onClose={onClose}>
      <input
        className="search"
        autoFocus
        placeholder="Find a channel or conversation"
        aria-label="Find a channel"
        role="combobox"
        aria-expanded="true"
        aria-controls="switcher-list"
        value={term}
        onChange={(e) => {
          setTerm(e.target.value);
          setIndex(0);
        }}
        onKeyDown={onKey}
      />
      <ul className="user-list" id="switcher-list" role="listbox" aria-label="Channels">
        {matches.map((c, i) => (
          <li
            key={c.id}
            role="option"
            aria-selected={i === index}
            className={`switcher-row${i === index ? ' selected' : ''}${unreadOf(s, c.id).unread ? ' unread' : ''}`}
            onMouseEnter={() => setIndex(i)}
            onClick={() => go(i)}
          >
            <span className="muted" aria-hidden="true">
              {c.type === 'O' ? '#' : c.type === 'P' ? '🔒' : '@'}
            </span>
            {channelTitle(c, s)}
          </li>
        ))}
        {matches.length === 0 && <li className="muted empty">No matching channels.</li>}
      </ul>
    </Modal>
  );
}
