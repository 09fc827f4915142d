import { useEffect } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { requestStatus } from '../presence.ts';
import { displayName, useStore } from '../store.ts';

const HUES = [210, 160, 280, 20, 330, 45, 190, 100];

/**
 * Initials on a colour derived from the user id (no image request per message), or the uploaded
 * picture when the user has one; `presence` adds the status dot.
 */
export function Avatar({
  user,
  size = 36,
  presence = false,
}: {
  user: UserProfile | undefined;
  size?: number;
  presence?: boolean;
}) {
  const status = useStore((s) => (presence && user ? s.statuses[user.id] : undefined));
  useEffect(() => {
    if (presence && user?.id) requestStatus(user.id);
  }, [presence, user?.id]);
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
  const picture = user && (user.last_picture_update ?? 0) > 0;
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: size * 0.4, background: `hsl(${hue} 55% 45%)` }}
    >
      {picture ? (
        <img src={`/api/v4/users/${user.id}/image?_=${user.last_picture_update}`} alt="" loading="lazy" />
      ) : (
        initials || '?'
      )}
      {presence && status && <span className={`presence ${status}`} data-status={status} />}
    </span>
  );
}
