import { useState, type FormEvent } from 'react';
import type { Team } from '@mattermost/types/teams';
import { client, errorText } from '../api.ts';
import { loadMyTeams } from '../data.ts';
import { navigate } from '../router.ts';
import { useStore } from '../store.ts';
import { AuthPage, Field, FormError } from '../auth/AuthPage.tsx';

/** Team URL name from its display name: lowercase letters, digits and dashes (Mattermost's rule). */
function slug(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return base.length >= 2 ? base : `team-${Math.random().toString(36).slice(2, 8)}`;
}

export function CreateTeam({ first = false }: { first?: boolean }) {
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const hasTeams = useStore((s) => s.myTeamIds.length > 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const team = await client.createTeam({
        name: slug(name),
        display_name: name.trim(),
        type: 'O',
      } as Team);
      await loadMyTeams();
      navigate(`/${team.name}/channels/town-square`, true);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <AuthPage
      title={first ? 'Create your first team' : 'Create a team'}
      subtitle="A team is a workspace: its people, channels and conversations."
    >
      <form onSubmit={submit} aria-label="Create a team">
        <Field
          label="Team name"
          name="teamName"
          value={name}
          onChange={setName}
          autoFocus
          hint={name ? `URL: /${slug(name)}` : undefined}
        />
        <FormError text={error} />
        <button className="btn primary wide" type="submit" disabled={busy || !name.trim()}>
          {busy ? 'Creating…' : 'Create team'}
        </button>
      </form>
      {hasTeams && (
        <p className="muted small alt">
          <button className="link" onClick={() => navigate('/select_team')}>
            Back to your teams
          </button>
        </p>
      )}
    </AuthPage>
  );
}
