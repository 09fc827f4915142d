import { useSyncExternalStore } from 'react';

// A tiny history router: the app has few routes and they are all parsed in App.tsx.
const listeners = new Set<() => void>();

export function navigate(path: string, replace = false): void {
  if (path === window.location.pathname) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

window.addEventListener('popstate', () => listeners.forEach((l) => l()));

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export type Route =
  | { name: 'root' }
  | { name: 'login' }
  | { name: 'signup' }
  | { name: 'select_team' }
  | { name: 'create_team' }
  | { name: 'channel'; team: string; channel: string }
  | { name: 'console'; section: string }
  | { name: 'threads'; team: string; thread: string }
  | { name: 'permalink'; team: string; postId: string }
  | { name: 'team'; team: string };

export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'root' };
  if (parts[0] === 'login') return { name: 'login' };
  if (parts[0] === 'signup_user_complete' || parts[0] === 'signup') return { name: 'signup' };
  if (parts[0] === 'select_team') return { name: 'select_team' };
  if (parts[0] === 'create_team') return { name: 'create_team' };
  if (parts[0] === 'admin_console') return { name: 'console', section: parts[1] ?? '' };
  if (parts.length >= 2 && parts[1] === 'threads')
    return { name: 'threads', team: parts[0], thread: parts[2] ?? '' };
  if (parts.length >= 3 && parts[1] === 'pl') return { name: 'permalink', team: parts[0], postId: parts[2] };
  if (parts.length >= 3 && parts[1] === 'channels')
    return { name: 'channel', team: parts[0], channel: parts[2] };
  return { name: 'team', team: parts[0] };
}
