import { lazy, Suspense, useEffect, useState } from 'react';
import { client, errorText } from './api.ts';
import { Login } from './auth/Login.tsx';
import { Signup } from './auth/Signup.tsx';
import { needsTermsOfService, TermsOfService } from './auth/TermsOfService.tsx';
import { ChatView } from './chat/ChatView.tsx';
import { loadConfig } from './data.ts';
import { navigate, parseRoute, usePath } from './router.ts';
import { enterSession, sessionExpired } from './session.ts';
import { isSystemAdmin, useStore } from './store.ts';
import { CreateTeam } from './teams/CreateTeam.tsx';
import { SelectTeam } from './teams/SelectTeam.tsx';
import { Permalink } from './chat/Permalink.tsx';

client.onUnauthorized = sessionExpired;

// The system console is a chunk of its own: only administrators ever download it.
const Console = lazy(() => import('./console/Console.tsx'));

type Boot = 'loading' | 'ready' | { error: string };

export function App() {
  const [boot, setBoot] = useState<Boot>('loading');
  const path = usePath();
  const me = useStore((s) => s.me);
  const noAccounts = useStore((s) => s.config.NoAccounts === 'true');
  const config = useStore((s) => s.config);
  const myTeamIds = useStore((s) => s.myTeamIds);
  const teams = useStore((s) => s.teams);
  const theme = useStore((s) => s.theme);
  const [settingUp, setSettingUp] = useState(false);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    (async () => {
      await loadConfig();
      await enterSession();
      setBoot('ready');
    })().catch((err) => setBoot({ error: errorText(err) }));
  }, []);

  const route = parseRoute(path);
  const signedOutRoute = route.name === 'login' || route.name === 'signup';

  useEffect(() => {
    if (boot !== 'ready' || (noAccounts && !me) || (settingUp && me && myTeamIds.length === 0)) return;
    if (!me && !signedOutRoute) {
      const back = path !== '/' ? `?redirect_to=${encodeURIComponent(path)}` : '';
      navigate(`/login${back}`, true);
    } else if (me && (signedOutRoute || route.name === 'root' || route.name === 'team')) {
      const last = localStorage.getItem('parley.lastPath');
      const lastTeam = last?.split('/')[1];
      const teamName =
        route.name === 'team'
          ? route.team
          : myTeamIds.map((id) => teams[id]?.name).find((n) => n === lastTeam);
      if (route.name !== 'team' && teamName && last) navigate(last, true);
      else if (teamName) navigate(`/${teamName}/channels/town-square`, true);
      else if (myTeamIds.length > 0) navigate(`/${teams[myTeamIds[0]].name}/channels/town-square`, true);
      else navigate('/select_team', true);
    }
  }, [boot, me, noAccounts, settingUp, signedOutRoute, route.name, path, myTeamIds, teams, route]);

  if (boot === 'loading') return <div className="center-page muted">Loading Parley…</div>;
  if (typeof boot === 'object') {
    return (
      <div className="center-page">
        <div className="card" role="alert">
          <h1>Cannot reach Parley</h1>
          <p className="muted">{boot.error}</p>
          <button className="btn primary" onClick={() => window.location.reload()}>
            Try again
          </button>
        </div>
      </div>
    );
  }

  // First run: no account exists yet, so the first one is the administrator, then their team.
  if (noAccounts && !me) return <Signup firstRun onCreated={() => setSettingUp(true)} />;
  if (settingUp && me && myTeamIds.length === 0) return <CreateTeam first />;
  if (!me) return route.name === 'signup' ? <Signup /> : <Login />;
  if (needsTermsOfService(me, config)) return <TermsOfService />;
  switch (route.name) {
    case 'select_team':
      return <SelectTeam />;
    case 'create_team':
      return <CreateTeam />;
    case 'console':
      if (!isSystemAdmin(me)) return <Forbidden />;
      return (
        <Suspense fallback={<div className="center-page muted">Loading the console…</div>}>
          <Console section={route.section} />
        </Suspense>
      );
    case 'threads':
      return <ChatView key={route.team} teamName={route.team} channelName="" threadsView />;
    case 'permalink':
      return <Permalink team={route.team} postId={route.postId} />;
    case 'channel':
      return <ChatView key={route.team} teamName={route.team} channelName={route.channel} />;
    default:
      return <div className="center-page muted">Loading…</div>;
  }
}

function Forbidden() {
  return (
    <div className="center-page">
      <div className="card" role="alert">
        <h1>Not allowed</h1>
        <p className="muted">The system console is for system administrators.</p>
        <button className="btn primary" onClick={() => navigate('/')}>
          Back to chat
        </button>
      </div>
    </div>
  );
}
