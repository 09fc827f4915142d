import { useState } from 'react';
import { client } from '../api.ts';
import { useStore } from '../store.ts';
import './branding.css';

/**
 * The custom brand on the signed-out pages (Mattermost's TeamSettings.EnableCustomBrand): the
 * uploaded brand image, CustomBrandText and the CustomDescriptionText tagline. Shown only when the
 * admin turned custom branding on; texts are rendered as plain text, never as HTML.
 */
export function BrandPanel() {
  const config = useStore((s) => s.config);
  // No image uploaded answers 404: the panel then shows the texts alone.
  const [imageMissing, setImageMissing] = useState(false);
  // One URL per mount: a fresh one on each render would make the browser fetch the image again.
  const [imageUrl] = useState(() => client.getBrandImageUrl(String(Date.now())));
  if (config.EnableCustomBrand !== 'true') return null;
  const description = config.CustomDescriptionText ?? '';
  const text = config.CustomBrandText ?? '';
  if (!description && !text && imageMissing) return null;
  return (
    <div className="custom-brand" data-testid="custom-brand">
      {description && <p className="custom-brand-description">{description}</p>}
      {!imageMissing && (
        <img
          className="custom-brand-image"
          src={imageUrl}
          alt="Brand image"
          onError={() => setImageMissing(true)}
        />
      )}
      {text && <p className="custom-brand-text">{text}</p>}
    </div>
  );
}

/** The links under the signed-out pages, from SupportSettings (empty ones are left out). */
export function SupportLinks() {
  const config = useStore((s) => s.config);
  const links = [
    { label: 'About', href: config.AboutLink },
    { label: 'Privacy', href: config.PrivacyPolicyLink },
    { label: 'Terms', href: config.TermsOfServiceLink },
    { label: 'Help', href: config.HelpLink },
    { label: 'Report a problem', href: config.ReportAProblemLink },
  ].filter((l): l is { label: string; href: string } => Boolean(l.href) && isSafeHref(l.href ?? ''));
  const email = config.SupportEmail ?? '';
  if (links.length === 0 && !email) return null;
  return (
    <nav className="support-links" aria-label="Support">
      {links.map((l) => (
        <a key={l.label} href={l.href} target="_blank" rel="noopener noreferrer">
          {l.label}
        </a>
      ))}
      {email && <a href={`mailto:${email}`}>Contact support</a>}
    </nav>
  );
}

/** Only web and mail links: a configured `javascript:` URL must never become a clickable link. */
function isSafeHref(href: string): boolean {
  return /^(https?:|mailto:)/i.test(href.trim());
}
