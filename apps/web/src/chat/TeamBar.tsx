import { navigate } from '../router.ts';
import { useStore } from '../store.ts';

/** The narrow column of team icons on the far left. */
export function TeamBar() {
  const teams = useStore((s) => s.teams);
  const ids = useStore((s) => s.myTeamIds);
  const current = useStore((s) => s.currentTeamId);
  return (
    <nav className="team-bar" aria-label="Teams">
      {ids.map((id) => (
        <button
          key={id}
          className={`team-button${id === current ? ' active' : ''}`}
          aria-label={teams[id].display_name}
          aria-current={id === current ? 'page' : undefined}
          title={teams[id].display_name}
          onClick={() => navigate(`/${teams[id].name}/channels/town-square`)}
        >
          {teams[id].display_name.slice(0, 2)}
        </button>
      ))}
      <button
        className="team-button add"
        aria-label="Join or create a team"
        title="Join or create a team"
        onClick={() => navigate('/select_team')}
      >
        +
      </button>
    </nav>
  );
}
