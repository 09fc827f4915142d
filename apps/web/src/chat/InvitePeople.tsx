import { useEffect, useState } from 'react';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { client, errorText } from '../api.ts';
import { displayName, set, useStore } from '../store.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Modal } from '../ui/Modal.tsx';

/** Mattermost's invite address: sign-up with the team's invite id joins that team. */
export function inviteLink(siteUrl: string | undefined, inviteId: string): string {
  const base = (siteUrl || window.location.origin).replace(/\/+$/, '');
  return `${base}/signup_user_complete/?id=${encodeURIComponent(inviteId)}`;
}

/**
 * The team's invite link with a copy button. The invite id is only sent to people who may manage
 * the team, so the team is fetched again when the one in the store came without it.
 */
export function InviteLinkDialog({ team, onClose }: { team: Team; onClose: () => void }) {
  const siteUrl = useStore((s) => s.config.SiteURL);
  const [inviteId, setInviteId] = useState(team.invite_id ?? '');
  const [state, setState] = useState<'idle' | 'copied' | 'denied'>('idle');
  const [error, setError] = useState('');

  useEffect(() => {
    if (inviteId) return;
    client
      .getTeam(team.id)
      .then((t) => {
        if (t.invite_id) {
          setInviteId(t.invite_id);
          set((s) => ({ teams: { ...s.teams, [t.id]: { ...s.teams[t.id], invite_id: t.invite_id } } }));
        } else setState('denied');
      })
      .catch((err) => setError(errorText(err)));
  }, [inviteId, team.id]);

  const link = inviteId ? inviteLink(siteUrl, inviteId) : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setState('copied');
    } catch {
      setError('The browser did not allow copying; select the link and copy it by hand.');
    }
  };

  return (
    <Modal title={`Invite people to ${team.display_name}`} onClose={onClose}>
      <div className="modal-body">
        <p className="muted">
          Anyone with this link can create an account and join the team, even when open sign-up is off.
        </p>
        {state === 'denied' && <p className="notice">Only team administrators can share the invite link.</p>}
        {link && (
          <div className="invite-link">
            <input readOnly aria-label="Invite link" value={link} onFocus={(e) => e.target.select()} />
            <button className="btn primary" onClick={() => void copy()}>
              {state === 'copied' ? 'Copied' : 'Copy link'}
            </button>
          </div>
        )}
        {state === 'copied' && (
          <p className="form-ok" role="status">
            Link copied.
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Modal>
  );
}

/** Picks people who have an account but are not in the team and adds them (POST /teams/{id}/members). */
export function AddMembersDialog({ team, onClose }: { team: Team; onClose: () => void }) {
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<UserProfile[]>([]);
  const [picked, setPicked] = useState<UserProfile[]>([]);
  const [added, setAdded] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => {
      const request = term.trim()
        ? client.searchUsers(term.trim(), { not_in_team_id: team.id, limit: 20 })
        : client.getProfilesNotInTeam(team.id, false, 0, 20);
      request
        .then((users) => setResults(users.filter((u) => u.delete_at === 0)))
        .catch((err) => setError(errorText(err)));
    }, 150);
    return () => clearTimeout(timer);
  }, [term, team.id, added]);

  const add = async () => {
    setBusy(true);
    setError('');
    try {
      // One request per person: a handful at most, and each failure is reported by name.
      for (const u of picked) await client.addToTeam(team.id, u.id);
      setAdded(picked.map((u) => u.username));
      setPicked([]);
    } catch (err) {
      setError(errorText(err));
    }
    setBusy(false);
  };

  const available = results.filter((u) => !picked.some((p) => p.id === u.id));
  return (
    <Modal title={`Add members to ${team.display_name}`} onClose={onClose}>
      <input
        className="search"
        autoFocus
        placeholder="Search people by name or username"
        aria-label="Search people"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
      />
      {picked.length > 0 && (
        <div className="group-picks" aria-label="People to add">
          {picked.map((u) => (
            <span key={u.id} className="chip">
              @{u.username}
              <button
                className="chip-x"
                aria-label={`Remove ${u.username}`}
                onClick={() => setPicked((g) => g.filter((x) => x.id !== u.id))}
              >
                ×
              </button>
            </span>
          ))}
          <button className="btn small primary" disabled={busy} onClick={() => void add()}>
            {busy ? 'Adding…' : 'Add'}
          </button>
        </div>
      )}
      {added.length > 0 && (
        <p className="form-ok" role="status">
          Added {added.map((n) => `@${n}`).join(', ')} to the team.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="user-list" aria-label="People">
        {available.map((u) => (
          <li key={u.id}>
            <button className="user-row" onClick={() => setPicked((g) => [...g, u])}>
              <Avatar user={u} size={28} />
              <span>{displayName(u)}</span>
              <span className="muted">@{u.username}</span>
            </button>
          </li>
        ))}
        {available.length === 0 && <li className="muted empty">Everyone is already in the team.</li>}
      </ul>
    </Modal>
  );
}
