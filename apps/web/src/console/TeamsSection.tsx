import { useEffect, useState } from 'react';
import type { Team } from '@mattermost/types/teams';
import { client, errorText } from '../api.ts';

/** Every team on the server (GET /teams with the total count). */
export function TeamsSection() {
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState('');
  useEffect(() => {
    client
      .getTeams(0, 100, true)
      .then((r) => {
        const list = Array.isArray(r) ? r : r.teams;
        setTeams(list);
        setTotal(Array.isArray(r) ? r.length : r.total_count);
      })
      .catch((err) => setError(errorText(err)));
  }, []);
  return (
    <section aria-labelledby="console-title">
      <header className="console-header">
        <h1 id="console-title">Teams</h1>
        <p className="muted">{teams ? `${total} ${total === 1 ? 'team' : 'teams'}` : 'Loading…'}</p>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {teams && (
        <div className="console-card">
          <table className="console-table" aria-label="Teams">
            <thead>
              <tr>
                <th>Team</th>
                <th>URL name</th>
                <th>Access</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((t) => (
                <tr key={t.id}>
                  <td>
                    <strong>{t.display_name}</strong>
                    {t.description && <div className="muted small">{t.description}</div>}
                  </td>
                  <td className="muted">/{t.name}</td>
                  <td>
                    <span className={`pill${t.allow_open_invite ? ' ok' : ''}`}>
                      {t.allow_open_invite ? 'Open' : 'Invite only'}
                    </span>
                  </td>
                  <td className="muted">{new Date(t.create_at).toLocaleDateString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
