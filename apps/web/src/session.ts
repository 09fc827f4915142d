import { client } from './api.ts';
import { loadConfig, loadMe, loadMyTeams, resetSession } from './data.ts';
import { loadPreferences } from './prefs.ts';
import { startRealtime, stopRealtime } from './realtime.ts';
import { navigate } from './router.ts';
import { get } from './store.ts';

/** After a login (or a reload with a valid session cookie): who I am, my teams, the websocket. */
export async function enterSession(): Promise<boolean> {
  if (!(await loadMe())) return false;
  await Promise.all([loadMyTeams(), loadPreferences().catch(() => undefined)]);
  startRealtime();
  return true;
}

export async function login(loginId: string, password: string): Promise<void> {
  await client.login(loginId, password);
  await loadConfig();
  await enterSession();
}

/** Any 401 from the API: the session expired or was revoked; back to the login page. */
export function sessionExpired(): void {
  if (!get().me) return;
  stopRealtime();
  resetSession();
  navigate(`/login?expired=1&redirect_to=${encodeURIComponent(window.location.pathname)}`, true);
}

export async function signOut(): Promise<void> {
  stopRealtime();
  await client.logout().catch(() => undefined);
  resetSession();
  await loadConfig().catch(() => undefined);
  navigate('/login', true);
}
