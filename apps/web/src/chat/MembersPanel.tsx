import { useEffect, useState } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { client, errorText } from '../api.ts';
import { loadMemberCount } from '../data.ts';
import { byId, displayName, set, useStore } from '../store.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Icon } from '../ui/icons.tsx';

/** The right-hand panel listing a channel's members, with add and remove. */
export function MembersPanel({ channelId }: { channelId: string }) {
  const me = useStore((s) => s.me);
  const channel = useStore((s) => s.channels[channelId]);
  const teamId = useStore((s) => s.currentTeamId);
  const [members, setMembers] = useState<UserProfile[]>([]);
  const [term, setTerm] = useState('');
  const [candidates, setCandidates] = useState<UserProfile[]>([]);
  const [error, setError] = useState('');

  const [version, setVersion] = useState(0);

  useEffect(() => {
    client
      .getProfilesInChannel(channelId, 0, 200)
      .then((list) => {
        set((s) => ({ users: { ...s.users, ...byId(list) } }));
        setMembers(list.sort((a, b) => displayName(a).localeCompare(displayName(b))));
      })
      .catch((err) => setError(errorText(err)));
  }, [channelId, version]);

  useEffect(() => {
    if (!term.trim()) return;
    const timer = setTimeout(() => {
      client
        .searchUsers(term.trim(), { team_id: teamId, not_in_channel_id: channelId, limit: 8 })
        .then((list) => setCandidates(list.filter((u) => u.delete_at === 0)))
        .catch((err) => setError(errorText(err)));
    }, 150);
    return () => clearTimeout(timer);
  }, [term, teamId, channelId]);

  const change = async (work: Promise<unknown>) => {
    setError('');
    try {
      await work;
      setTerm('');
      setVersion((v) => v + 1);
      await loadMemberCount(channelId);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const shownCandidates = term.trim() ? candidates : [];
  const canChange = channel && channel.type !== 'D' && channel.type !== 'G';

  return (
    <aside className="thread-panel" aria-label="Members">
      <header className="panel-header">
        <h2>Members</h2>
        <button className="icon-btn" aria-label="Close members" onClick={() => set({ panel: null })}>
          <Icon name="close" />
        </button>
      </header>
      {canChange && (
        <div className="panel-search">
          <input
            className="search"
            placeholder="Add people by name"
            aria-label="Add people"
            value={term}
            onChange={(e) => setTerm(e.target.value)}
          />
          {shownCandidates.length > 0 && (
            <ul className="user-list" aria-label="People to add">
              {shownCandidates.map((u) => (
                <li key={u.id}>
                  <button
                    className="user-row"
                    onClick={() => void change(client.addToChannel(u.id, channelId))}
                  >
                    <Avatar user={u} size={24} />
                    <span>{displayName(u)}</span>
                    <span className="muted">@{u.username}</span>
                    <span className="row-action">Add</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && <p className="form-error modal-error">{error}</p>}
      <ul className="user-list members" aria-label="Channel members">
        {members.map((u) => (
          <li key={u.id} className="member-row" data-username={u.username}>
            <Avatar user={u} size={28} />
            <span className="member-name">
              {displayName(u)} <span className="muted">@{u.username}</span>
            </span>
            {canChange && u.id !== me?.id && channel.name !== 'town-square' && (
              <button
                className="btn small"
                aria-label={`Remove ${u.username}`}
                onClick={() => void change(client.removeFromChannel(u.id, channelId))}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
