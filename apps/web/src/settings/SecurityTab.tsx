import { useState, type FormEvent } from 'react';
import { client, errorText } from '../api.ts';
import { useStore } from '../store.ts';
import { Outcome } from './SettingsModal.tsx';

/** Password change (PUT /users/{id}/password); the server checks the current one and the policy. */
export function SecurityTab() {
  const me = useStore((s) => s.me)!;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError('');
    if (next !== again) {
      setError('The new passwords do not match.');
      return;
    }
    try {
      await client.updateUserPassword(me.id, current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      setSaved(true);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form onSubmit={submit} aria-label="Password">
      <label className="field">
        <span>Current password</span>
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          required
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label className="field">
        <span>New password</span>
        <input
          type="password"
          autoComplete="new-password"
          value={next}
          required
          onChange={(e) => setNext(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Confirm new password</span>
        <input
          type="password"
          autoComplete="new-password"
          value={again}
          required
          onChange={(e) => setAgain(e.target.value)}
        />
      </label>
      <Outcome saved={saved} error={error} />
      <div className="modal-actions">
        <button type="submit" className="btn primary">
          Change password
        </button>
      </div>
    </form>
  );
}
