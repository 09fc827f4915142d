import { useEffect, useRef } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { client, errorText } from '../api.ts';
import { loadTeamSidebar, setChannel } from '../data.ts';
import { PRESENCE_LABEL, type Presence } from '../presence.ts';
import { navigate } from '../router.ts';
import { displayName, get, useStore } from '../store.ts';
import { Avatar } from './Avatar.tsx';

/** A person's card: picture, presence, name, position and a button to message them. */
export function ProfilePopover({ user, onClose }: { user: UserProfile; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const me = useStore((s) => s.me);
  const status = useStore((s) => s.statuses[user.id]) as Presence | undefined;
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  const message = async () => {
    try {
      const channel = await client.createDirectChannel([me!.id, user.id]);
      setChannel(channel);
      await loadTeamSidebar(get().currentTeamId);
      onClose();
      navigate(`/${get().teams[get().currentTeamId].name}/channels/${channel.name}`);
    } catch (err) {
      console.warn(errorText(err));
    }
  };

  return (
    <div className="popover profile" role="dialog" aria-label={`Profile of ${displayName(user)}`} ref={ref}>
      <Avatar user={user} size={64} presence />
      <div className="profile-name">{displayName(user)}</div>
      <div className="muted">@{user.username}</div>
      {user.nickname && <div className="small">“{user.nickname}”</div>}
      {user.position && <div className="small muted">{user.position}</div>}
      {status && <div className="small profile-status">{PRESENCE_LABEL[status] ?? status}</div>}
      {user.id !== me?.id && (
        <button className="btn small primary" onClick={() => void message()}>
          Message
        </button>
      )}
    </div>
  );
}
