import { useState, type FormEvent } from 'react';
import { errorText } from '../api.ts';
import { navigate } from '../router.ts';
import { login } from '../session.ts';
import { useStore } from '../store.ts';
import { AuthPage, Field, FormError } from './AuthPage.tsx';

export function Login() {
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const config = useStore((s) => s.config);
  const params = new URLSearchParams(window.location.search);
  const signupOpen = config.EnableUserCreation === 'true' && config.EnableOpenServer === 'true';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await login(loginId.trim(), password);
      const to = params.get('redirect_to');
      const target = to && to.startsWith('/') && !to.startsWith('//') ? to : '/';
      // Server-rendered pages (the OAuth consent page) need a real page load, not an in-app route.
      if (target.startsWith('/oauth/')) window.location.assign(target);
      else navigate(target, true);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <AuthPage title="Log in" subtitle="Welcome back. Sign in to keep the conversation going.">
      {params.get('expired') && <p className="notice">Your session has expired. Please log in again.</p>}
      <form onSubmit={submit} aria-label="Log in">
        <Field
          label="Email or username"
          name="loginId"
          value={loginId}
          onChange={setLoginId}
          autoComplete="username"
          autoFocus
        />
        <Field
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        <FormError text={error} />
        <button className="btn primary wide" type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p className="muted small alt">
        {signupOpen ? (
          <>
            No account yet?{' '}
            <a
              href="/signup_user_complete"
              onClick={(e) => (e.preventDefault(), navigate('/signup_user_complete'))}
            >
              Create one
            </a>
          </>
        ) : (
          'Accounts are created by an administrator on this server.'
        )}
      </p>
    </AuthPage>
  );
}
