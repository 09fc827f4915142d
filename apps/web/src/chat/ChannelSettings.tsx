import { useState, type FormEvent } from 'react';
import { errorText } from '../api.ts';
import { useStore } from '../store.ts';
import { Modal } from '../ui/Modal.tsx';
import { patchChannel } from './channel-actions.ts';

/** Rename a channel and set its header and purpose (PATCH /channels/{id}). */
export function ChannelSettings({ channelId, onClose }: { channelId: string; onClose: () => void }) {
  const channel = useStore((s) => s.channels[channelId]);
  const [displayName, setDisplayName] = useState(channel?.display_name ?? '');
  const [header, setHeader] = useState(channel?.header ?? '');
  const [purpose, setPurpose] = useState(channel?.purpose ?? '');
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      await patchChannel(channelId, { display_name: displayName.trim(), header, purpose });
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Modal title="Channel settings" onClose={onClose}>
      <form className="modal-body" onSubmit={submit} aria-label="Channel settings">
        <label className="field">
          <span>Channel name</span>
          <input
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            required
            maxLength={64}
          />
        </label>
        <label className="field">
          <span>Header</span>
          <textarea value={header} rows={2} maxLength={1024} onChange={(e) => setHeader(e.target.value)} />
          <small className="muted">Shown at the top of the channel; Markdown and links work.</small>
        </label>
        <label className="field">
          <span>Purpose</span>
          <textarea value={purpose} rows={2} maxLength={250} onChange={(e) => setPurpose(e.target.value)} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
