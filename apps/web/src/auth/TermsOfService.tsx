import { useEffect, useState } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import type { TermsOfService as Terms } from '@mattermost/types/terms_of_service';
import { client, errorText } from '../api.ts';
import { loadMe, resetSession } from '../data.ts';
import { stopRealtime } from '../realtime.ts';
import { signOut } from '../session.ts';
import { useStore } from '../store.ts';
import { Markdown } from '../ui/Markdown.tsx';
import { FormError } from './AuthPage.tsx';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the signed-in user must (re)accept the custom terms of service before using the app, as
 * Mattermost's web app decides: the feature is on, and the user has not accepted the version in
 * force or accepted it longer ago than the re-acceptance period (days).
 */
export function needsTermsOfService(me: UserProfile, config: Record<string, string>): boolean {
  const termsId = config.CustomTermsOfServiceId ?? '';
  if (config.EnableCustomTermsOfService !== 'true' || !termsId) return false;
  const accepted = me as UserProfile & { terms_of_service_id?: string; terms_of_service_create_at?: number };
  if (accepted.terms_of_service_id !== termsId) return true;
  const periodDays = Number.parseInt(config.CustomTermsOfServiceReAcceptancePeriod ?? '', 10);
  if (!(periodDays > 0)) return false;
  return Date.now() - (accepted.terms_of_service_create_at ?? 0) > periodDays * DAY_MS;
}

/** The terms the user must accept before the app: agreeing continues, disagreeing signs out. */
export function TermsOfService() {
  const [terms, setTerms] = useState<Terms | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const siteName = useStore((s) => s.config.SiteName) || 'Parley';

  useEffect(() => {
    client
      .getTermsOfService()
      .then(setTerms)
      .catch((err) => setError(errorText(err)));
  }, []);

  const agree = async () => {
    if (!terms) return;
    setBusy(true);
    setError('');
    try {
      await client.updateMyTermsOfServiceStatus(terms.id, true);
      // The refreshed user carries the accepted version, which lets the app through.
      await loadMe();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  const disagree = async () => {
    setBusy(true);
    // The server ends every session of a user who declines: stop the websocket and forget the
    // user first, so the refusal reads as a sign-out rather than as an expired session.
    stopRealtime();
    if (terms) await client.updateMyTermsOfServiceStatus(terms.id, false).catch(() => undefined);
    resetSession();
    await signOut();
  };

  return (
    <main className="center-page">
      <section className="card" aria-labelledby="terms-title" style={{ maxWidth: 640 }}>
        <h1 id="terms-title">Terms of Service</h1>
        <p className="muted">Please read and accept the terms of service of {siteName} to continue.</p>
        <div
          className="terms-text"
          role="document"
          aria-label="Terms of service text"
          tabIndex={0}
          style={{ maxHeight: '50vh', overflowY: 'auto', marginBottom: 18 }}
        >
          {terms ? <Markdown text={terms.text} /> : !error && <p className="muted">Loading…</p>}
        </div>
        <FormError text={error} />
        <div style={{ display: 'flex', gap: 12, justifyContent: 'flex-end' }}>
          <button className="btn" type="button" onClick={disagree} disabled={busy}>
            I disagree
          </button>
          <button className="btn primary" type="button" onClick={agree} disabled={busy || !terms}>
            I agree
          </button>
        </div>
      </section>
    </main>
  );
}
