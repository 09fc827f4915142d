import { useEffect, useState, type FormEvent } from 'react';
import { client, errorText } from '../api.ts';
import { navigate } from '../router.ts';
import { login } from '../session.ts';
import { useStore } from '../store.ts';
import { AuthPage, Field, FormError } from './AuthPage.tsx';

/** Creates an account; `firstRun` makes it the first one (which the server makes system admin). */
export function Signup({ firstRun = false, onCreated }: { firstRun?: boolean; onCreated?: () => void }) {
  const config = useStore((s) => s.config);
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // A team invite link (/signup_user_complete/?id={invite_id}) lets people in on a closed server.
  const [inviteId] = useState(() =>
    firstRun ? '' : (new URLSearchParams(window.location.search).get('id') ?? ''),
  );
  const [inviteTeam, setInviteTeam] = useState<{ name: string; display_name: string } | null>(null);
  const [inviteError, setInviteError] = useState('');
  const allowed =
    firstRun ||
    (config.EnableUserCreation === 'true' && (config.EnableOpenServer === 'true' || Boolean(inviteId)));

  useEffect(() => {
    if (!inviteId) return;
    client
      .getTeamInviteInfo(inviteId)
      .then((t) => setInviteTeam(t))
      .catch(() => setInviteError('This invite link is not valid. Ask for a new one.'));
  }, [inviteId]);

  if (!allowed) {
    return (
      <AuthPage title="Sign-up is closed">
        <p className="notice" role="status">
          This server does not allow creating accounts here. Ask an administrator to invite you.
        </p>
        <button className="btn wide" onClick={() => navigate('/login')}>
          Back to log in
        </button>
      </AuthPage>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await client.createUser(
        { email: email.trim(), username: username.trim(), password } as never,
        '',
        inviteId,
      );
      await login(username.trim(), password);
      onCreated?.();
      if (!firstRun) navigate(inviteTeam ? `/${inviteTeam.name}/channels/town-square` : '/', true);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <AuthPage
      title={firstRun ? 'Set up Parley' : 'Create your account'}
      subtitle={
        firstRun
          ? 'Welcome! Create the administrator account for this server.'
          : inviteTeam
            ? `You were invited to ${inviteTeam.display_name}.`
            : 'Join the conversation in a minute.'
      }
    >
      {inviteError && (
        <p className="form-error" role="alert">
          {inviteError}
        </p>
      )}
      <form onSubmit={submit} aria-label={firstRun ? 'Create the administrator' : 'Sign up'}>
        <Field
          label="Email"
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="email"
          autoFocus
        />
        <Field
          label="Username"
          name="username"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          hint="Lowercase letters, numbers, '.', '-' and '_'."
        />
        <Field
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
        />
        <FormError text={error} />
        <button className="btn primary wide" type="submit" disabled={busy}>
          {busy ? 'Creating…' : firstRun ? 'Create administrator' : 'Create account'}
        </button>
      </form>
      {!firstRun && (
        <p className="muted small alt">
          Already have an account?{' '}
          <a href="/login" onClick={(e) => (e.preventDefault(), navigate('/login'))}>
            Log in
          </a>
        </p>
      )}
    </AuthPage>
  );
}
