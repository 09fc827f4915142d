import type { UserProfile } from '@mattermost/types/users';
import { displayName } from '../store.ts';

const HUES = [210, 160, 280, 20, 330, 45, 190, 100];

/** Initials on a colour derived from the user id: no image request per message. */
export function Avatar({ user, size = 36 }: { user: UserProfile | undefined; size?: number }) {
  const name = displayName(user);
  const initials = name
    .split(/[\s._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');
  let hash = 0;
  for (const ch of user?.id ?? '') hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = HUES[hash % HUES.length];
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: size * 0.4, background: `hsl(${hue} 55% 45%)` }}
    >
      {initials || '?'}
    </span>
  );
}
