import { useState, type ChangeEvent } from 'react';
import { client, errorText } from '../api.ts';

/** Upload, preview and removal of the brand image (POST/DELETE /brand/image), on the Branding page. */
export function BrandImageSection() {
  // Changing the key reloads the preview after an upload or removal.
  const [version, setVersion] = useState(() => Date.now());
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await work();
      setMissing(false);
      setVersion(Date.now());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const upload = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void run(() => client.uploadBrandImage(file));
  };

  return (
    <section className="console-card settings-form" aria-label="Brand image">
      <div className="setting-row">
        <div className="setting-label">
          <label htmlFor="brand-image-file">Brand image</label>
          <small className="muted">
            PNG, JPEG, GIF or WebP; stored as PNG. Shown when custom branding is on.
          </small>
        </div>
        <div className="setting-control">
          {missing ? (
            <p className="muted">No brand image uploaded.</p>
          ) : (
            <img
              key={version}
              src={client.getBrandImageUrl(String(version))}
              alt="Current brand image"
              style={{ maxWidth: 240, maxHeight: 120, display: 'block', marginBottom: 8 }}
              onError={() => setMissing(true)}
            />
          )}
          <input id="brand-image-file" type="file" accept="image/*" disabled={busy} onChange={upload} />
          {!missing && (
            <button
              className="btn small"
              type="button"
              disabled={busy}
              onClick={() => void run(() => client.deleteBrandImage())}
            >
              Remove image
            </button>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
