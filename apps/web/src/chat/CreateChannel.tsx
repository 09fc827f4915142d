import { useState, type FormEvent } from 'react';
import { errorText } from '../api.ts';
import { Modal } from '../ui/Modal.tsx';
import { createChannel } from './channel-actions.ts';

export function CreateChannel({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await createChannel(name, purpose, isPrivate);
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <Modal title="Create a channel" onClose={onClose}>
      <form className="modal-body" onSubmit={submit} aria-label="New channel">
        <label className="field">
          <span>Name</span>
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} />
        </label>
        <label className="field">
          <span>Purpose (optional)</span>
          <input value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={250} />
        </label>
        <label className="switch">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} />
          <span className="switch-track" aria-hidden="true" />
          <span className="switch-text">Private channel: only invited people can see and join it</span>
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
          <button type="submit" className="btn primary" disabled={busy || !name.trim()}>
            Create channel
          </button>
        </div>
      </form>
    </Modal>
  );
}
