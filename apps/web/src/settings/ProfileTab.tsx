import { useRef, useState, type FormEvent } from 'react';
import { client, errorText } from '../api.ts';
import { set, useStore } from '../store.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { Outcome } from './SettingsModal.tsx';

const FIELDS = [
  { key: 'first_name', label: 'First name', max: 64 },
  { key: 'last_name', label: 'Last name', max: 64 },
  { key: 'nickname', label: 'Nickname', max: 64 },
  { key: 'position', label: 'Position', max: 128 },
] as const;

type Key = (typeof FIELDS)[number]['key'];

function remember(user: NonNullable<ReturnType<typeof useStore.getState>['me']>) {
  set((s) => ({ me: user, users: { ...s.users, [user.id]: user } }));
}

/** Name, nickname and position (PUT /users/me/patch) and the picture (POST /users/{id}/image). */
export function ProfileTab() {
  const me = useStore((s) => s.me)!;
  const [values, setValues] = useState<Record<Key, string>>({
    first_name: me.first_name,
    last_name: me.last_name,
    nickname: me.nickname,
    position: me.position,
  });
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState('');
  const file = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError('');
    try {
      remember(await client.patchMe(values));
      setSaved(true);
    } catch (err) {
      setError(errorText(err));
    }
  };

  const upload = async (picked: File | undefined) => {
    if (!picked) return;
    setSaved(false);
    setError('');
    try {
      await client.uploadProfileImage(me.id, picked);
      remember(await client.getMe());
      setSaved(true);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form onSubmit={submit} aria-label="Profile">
      <div className="picture-row">
        <Avatar user={me} size={64} />
        <div>
          <button type="button" className="btn" onClick={() => file.current?.click()}>
            Upload picture
          </button>
          <input
            ref={file}
            type="file"
            accept="image/png,image/jpeg,image/gif"
            aria-label="Profile picture"
            hidden
            onChange={(e) => void upload(e.target.files?.[0])}
          />
          <p className="muted small">PNG, JPEG or GIF. Shown next to your messages.</p>
        </div>
      </div>
      <div className="field-grid">
        {FIELDS.map((f) => (
          <label key={f.key} className="field">
            <span>{f.label}</span>
            <input
              value={values[f.key]}
              maxLength={f.max}
              onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
            />
          </label>
        ))}
      </div>
      <Outcome saved={saved} error={error} />
      <div className="modal-actions">
        <button type="submit" className="btn primary">
          Save profile
        </button>
      </div>
    </form>
  );
}
