import { useEffect, useState } from 'react';
import type { Team } from '@mattermost/types/teams';
import { client, errorText } from '../api.ts';
import { loadMyTeams } from '../data.ts';
import { navigate } from '../router.ts';
import { signOut } from '../session.ts';
import { useStore } from '../store.ts';
import { AuthPage, FormError } from '../auth/AuthPage.tsx';

/** My teams, the open teams I can join, and the way to create one. */
export function SelectTeam() {
  const myTeamIds = useStore((s) => s.myTeamIds);
  const teams = useStore((s) => s.teams);
  const me = useStore((s) => s.me);
  const [open, setOpen] = useState<Team[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    client
      .getTeams(0, 100)
      .then((list) => setOpen((list as Team[]).filter((t) => t.allow_open_invite)))
      .catch(() => setOpen([]));
  }, []);

  const join = async (team: Team) => {
    try {
      await client.addToTeam(team.id, me!.id);
      await loadMyTeams();
      navigate(`/${team.name}/channels/town-square`);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const joinable = open.filter((t) => !myTeamIds.includes(t.id));

  return (
    <AuthPage title="Choose a team" subtitle={`Signed in as @${me?.username ?? ''}`}>
      {myTeamIds.length > 0 && (
        <ul className="team-list" aria-label="Your teams">
          {myTeamIds.map((id) => (
            <li key={id}>
              <button
                className="team-row"
                onClick={() => navigate(`/${teams[id].name}/channels/town-square`)}
              >
                <span className="team-icon">{teams[id].display_name.slice(0, 2)}</span>
                {teams[id].display_name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {joinable.length > 0 && (
        <>
          <h2 className="section-title">Open teams you can join</h2>
          <ul className="team-list" aria-label="Teams you can join">
            {joinable.map((t) => (
              <li key={t.id}>
                <button className="team-row" onClick={() => void join(t)}>
                  <span className="team-icon">{t.display_name.slice(0, 2)}</span>
                  {t.display_name}
                  <span className="join-label">Join</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {myTeamIds.length === 0 && joinable.length === 0 && (
        <p className="muted">You are not on any team yet.</p>
      )}
      <FormError text={error} />
      <button className="btn primary wide" onClick={() => navigate('/create_team')}>
        Create a team
      </button>
      <p className="muted small alt">
        <button className="link" onClick={() => void signOut()}>
          Log out
        </button>
      </p>
    </AuthPage>
  );
}
