import { useEffect, useState } from 'react';
import type { ServerChannel } from '@mattermost/types/channels';
import { client, errorText } from '../api.ts';
import { useStore } from '../store.ts';
import { Modal } from '../ui/Modal.tsx';
import { joinChannel, openChannel } from './channel-actions.ts';

/** The public channels of the team: search, open the ones I am in, join the others. */
export function BrowseChannels({ onClose }: { onClose: () => void }) {
  const teamId = useStore((s) => s.currentTeamId);
  const members = useStore((s) => s.members);
  const [all, setAll] = useState<ServerChannel[] | null>(null);
  const [term, setTerm] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    client
      .getChannels(teamId, 0, 200)
      .then(setAll)
      .catch((err) => setError(errorText(err)));
  }, [teamId]);

  const needle = term.trim().toLowerCase();
  const shown = (all ?? [])
    .filter((c) => c.delete_at === 0)
    .filter((c) => !needle || c.display_name.toLowerCase().includes(needle) || c.name.includes(needle))
    .sort((a, b) => a.display_name.localeCompare(b.display_name));

  const go = (c: ServerChannel) =>
    (members[c.id] ? openChannel(c) : joinChannel(c)).then(onClose).catch((err) => setError(errorText(err)));

  return (
    <Modal title="Browse channels" onClose={onClose}>
      <input
        className="search"
        autoFocus
        placeholder="Search channels"
        aria-label="Search channels"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
      />
      {error && <p className="form-error modal-error">{error}</p>}
      <ul className="user-list" aria-label="Public channels">
        {shown.map((c) => (
          <li key={c.id}>
            <div className="channel-row" data-channel={c.name}>
              <span className="channel-row-icon" aria-hidden="true">
                #
              </span>
              <div className="channel-row-text">
                <strong>{c.display_name}</strong>
                {c.purpose && <span className="muted small">{c.purpose}</span>}
              </div>
              <button className={`btn small${members[c.id] ? '' : ' primary'}`} onClick={() => void go(c)}>
                {members[c.id] ? 'View' : 'Join'}
              </button>
            </div>
          </li>
        ))}
        {all && shown.length === 0 && <li className="muted empty">No channels found.</li>}
      </ul>
    </Modal>
  );
}
