import { useEffect, useState } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { client, errorText } from '../api.ts';
import { loadTeamSidebar, setChannel } from '../data.ts';
import { navigate } from '../router.ts';
import { byId, displayName, get, set, useStore } from '../store.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Icon } from '../ui/icons.tsx';

/** Finds a person and opens (creating if needed) the direct message channel with them. */
export function DirectMessageDialog({ teamName, onClose }: { teamName: string; onClose: () => void }) {
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<UserProfile[]>([]);
  const [error, setError] = useState('');
  const [group, setGroup] = useState<UserProfile[]>([]);
  const me = useStore((s) => s.me);
  const teamId = useStore((s) => s.currentTeamId);

  useEffect(() => {
    const timer = setTimeout(() => {
      const request = term.trim()
        ? client.searchUsers(term.trim(), { team_id: teamId, limit: 20 })
        : client.getProfiles(0, 20, { in_team: teamId });
      request
        .then((users) => setResults(users.filter((u) => u.id !== me?.id && u.delete_at === 0)))
        .catch((err) => setError(errorText(err)));
    }, 150);
    return () => clearTimeout(timer);
  }, [term, teamId, me?.id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  // One person opens a direct message; two to seven make a group message.
  const open = async (people: UserProfile[]) => {
    try {
      const ids = people.map((u) => u.id);
      const channel =
        ids.length === 1
          ? await client.createDirectChannel([me!.id, ids[0]])
          : await client.createGroupChannel([me!.id, ...ids]);
      set((s) => ({ users: { ...s.users, ...byId(people) } }));
      setChannel(channel);
      await loadTeamSidebar(get().currentTeamId);
      onClose();
      navigate(`/${teamName}/channels/${channel.name}`);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="dm-title">
        <header className="panel-header">
          <h2 id="dm-title">Direct or group message</h2>
          <button className="icon-btn" aria-label="Close" onClick={onClose}>
            <Icon name="close" />
          </button>
        </header>
        <input
          className="search"
          autoFocus
          placeholder="Search people by name or username"
          aria-label="Search people"
          value={term}
          onChange={(e) => setTerm(e.target.value)}
        />
        {group.length > 0 && (
          <div className="group-picks" aria-label="Group members">
            {group.map((u) => (
              <span key={u.id} className="chip">
                @{u.username}
                <button
                  className="chip-x"
                  aria-label={`Remove ${u.username}`}
                  onClick={() => setGroup((g) => g.filter((x) => x.id !== u.id))}
                >
                  ×
                </button>
              </span>
            ))}
            <button className="btn small primary" onClick={() => void open(group)}>
              {group.length === 1 ? 'Open message' : 'Start group message'}
            </button>
          </div>
        )}
        {error && <p className="form-error">{error}</p>}
        <ul className="user-list" aria-label="People">
          {results.map((u) => (
            <li key={u.id}>
              <div className="user-row-wrap">
                <button className="user-row" onClick={() => void open([...group, u])}>
                  <Avatar user={u} size={28} presence />
                  <span>{displayName(u)}</span>
                  <span className="muted">@{u.username}</span>
                </button>
                {!group.some((g) => g.id === u.id) && group.length < 7 && (
                  <button
                    className="btn small"
                    aria-label={`Add ${u.username} to a group`}
                    title="Add to a group message"
                    onClick={() => setGroup((g) => [...g, u])}
                  >
                    + Group
                  </button>
                )}
              </div>
            </li>
          ))}
          {results.length === 0 && <li className="muted empty">No one found.</li>}
        </ul>
      </div>
    </div>
  );
}
