import { useEffect, useState, type FormEvent } from 'react';
import { client, errorText } from '../api.ts';
import { loadConfig } from '../data.ts';
import type { Setting, SettingsPage } from './settings-schema.ts';

type Config = Record<string, Record<string, unknown>>;
type Value = string | number | boolean;

const keyOf = (s: Setting) => `${s.section}.${s.key}`;

/** One page of settings: read from GET /config, only the changed ones sent with PUT /config/patch. */
export function SettingsSection({ page }: { page: SettingsPage }) {
  const [config, setConfig] = useState<Config | null>(null);
  const [edits, setEdits] = useState<Record<string, Value>>({});
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    client
      .getConfig()
      .then((c) => setConfig(c as unknown as Config))
      .catch((err) => setError(errorText(err)));
  }, []);

  const valueOf = (s: Setting): Value => {
    if (keyOf(s) in edits) return edits[keyOf(s)];
    return (config?.[s.section]?.[s.key] as Value | undefined) ?? '';
  };
  const edit = (s: Setting, v: Value) => {
    setSaved(false);
    setEdits((e) => ({ ...e, [keyOf(s)]: v }));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    const patch: Config = {};
    for (const s of page.settings) {
      if (!(keyOf(s) in edits)) continue;
      const raw = edits[keyOf(s)];
      patch[s.section] ??= {};
      patch[s.section][s.key] = s.kind === 'number' ? Number(raw) : raw;
    }
    try {
      const next = await client.patchConfig(patch as never);
      setConfig(next as unknown as Config);
      setEdits({});
      setSaved(true);
      // The client config (site name, sign-up) follows at once for this tab.
      await loadConfig();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="console-title">
      <header className="console-header">
        <h1 id="console-title">{page.title}</h1>
        <p className="muted">{page.description}</p>
      </header>
      {!config && !error && <p className="muted">Loading settings…</p>}
      {config && (
        <form className="console-card settings-form" onSubmit={save} aria-label={`${page.title} settings`}>
          {page.settings.map((s) => (
            <SettingRow key={keyOf(s)} setting={s} value={valueOf(s)} onChange={(v) => edit(s, v)} />
          ))}
          <div className="form-actions">
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            {saved && (
              <span className="saved" role="status">
                Settings saved
              </span>
            )}
            <button className="btn primary" type="submit" disabled={busy || Object.keys(edits).length === 0}>
              {busy ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      )}
      {!config && error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function SettingRow({
  setting,
  value,
  onChange,
}: {
  setting: Setting;
  value: Value;
  onChange: (v: Value) => void;
}) {
  const id = `cfg-${setting.section}-${setting.key}`;
  let control;
  if (setting.kind === 'bool') {
    control = (
      <label className="switch">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-text">{value === true ? 'On' : 'Off'}</span>
      </label>
    );
  } else if (setting.kind === 'select') {
    control = (
      <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {setting.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        id={id}
        type={setting.kind === 'number' ? 'number' : setting.kind === 'secret' ? 'password' : 'text'}
        value={String(value)}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className="setting-row">
      <div className="setting-label">
        <label htmlFor={id}>{setting.label}</label>
        {setting.help && <small className="muted">{setting.help}</small>}
      </div>
      <div className="setting-control">{control}</div>
    </div>
  );
}
