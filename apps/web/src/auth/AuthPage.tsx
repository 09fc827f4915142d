import type { ReactNode } from 'react';
import { useStore } from '../store.ts';
import { BrandPanel, SupportLinks } from './Branding.tsx';

/** The frame of the signed-out pages: logo, site name, one card. */
export function AuthPage({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  const siteName = useStore((s) => s.config.SiteName) || 'Parley';
  return (
    <main className="center-page">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          P
        </span>
        <span>{siteName}</span>
      </div>
      <BrandPanel />
      <section className="card" aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
        {children}
      </section>
      <SupportLinks />
    </main>
  );
}

export function FormError({ text }: { text: string }) {
  if (!text) return null;
  return (
    <p className="form-error" role="alert">
      {text}
    </p>
  );
}

export function Field(props: {
  label: string;
  name: string;
  type?: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete?: string;
  autoFocus?: boolean;
  hint?: string;
}) {
  const id = `f-${props.name}`;
  return (
    <label className="field" htmlFor={id}>
      <span>{props.label}</span>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        autoFocus={props.autoFocus}
        onChange={(e) => props.onChange(e.target.value)}
        required
      />
      {props.hint && <small className="muted">{props.hint}</small>}
    </label>
  );
}
