import { useEffect, useState } from 'react';
import { client, errorText } from '../api.ts';

const LABELS: Record<string, string> = {
  unique_user_count: 'Active users',
  inactive_user_count: 'Deactivated users',
  team_count: 'Teams',
  channel_open_count: 'Public channels',
  channel_private_count: 'Private channels',
  post_count: 'Messages',
  daily_active_users: 'Active today',
  monthly_active_users: 'Active this month',
};

/** Site statistics from GET /analytics/old?name=standard. */
export function StatsSection() {
  const [rows, setRows] = useState<{ name: string; value: number }[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    client
      .getAnalytics('standard')
      .then((r) => setRows(r as unknown as { name: string; value: number }[]))
      .catch((err) => setError(errorText(err)));
  }, []);
  return (
    <section aria-labelledby="console-title">
      <header className="console-header">
        <h1 id="console-title">Site statistics</h1>
        <p className="muted">How the server is used, counted now.</p>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!rows && !error && <p className="muted">Loading…</p>}
      <div className="stat-grid">
        {rows
          ?.filter((r) => LABELS[r.name])
          .map((r) => (
            <div className="stat-card" key={r.name} data-stat={r.name}>
              <div className="stat-value">{r.value.toLocaleString()}</div>
              <div className="stat-label muted">{LABELS[r.name]}</div>
            </div>
          ))}
      </div>
    </section>
  );
}
