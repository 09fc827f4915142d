import { useState } from 'react';
import { Modal } from '../ui/Modal.tsx';
import { DisplayTab } from './DisplayTab.tsx';
import { NotificationsTab } from './NotificationsTab.tsx';
import { ProfileTab } from './ProfileTab.tsx';
import { SecurityTab } from './SecurityTab.tsx';
import { SidebarTab } from './SidebarTab.tsx';

const TABS = [
  { id: 'profile', label: 'Profile' },
  { id: 'security', label: 'Password' },
  { id: 'notifications', label: 'Notifications' },
  { id: 'display', label: 'Display' },
  { id: 'sidebar', label: 'Sidebar' },
] as const;

type Tab = (typeof TABS)[number]['id'];

/** My settings: profile and picture, password, notifications, display and sidebar (saved as roaming preferences). */
export function SettingsModal({ onClose, initial = 'profile' }: { onClose: () => void; initial?: Tab }) {
  const [tab, setTab] = useState<Tab>(initial);
  return (
    <Modal title="Settings" onClose={onClose} wide>
      <div className="settings">
        <div
          className="settings-tabs"
          role="tablist"
          aria-label="Settings sections"
          aria-orientation="vertical"
        >
          {TABS.map((t) => (
            <button
              key={t.id}
              role="tab"
              id={`settings-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="settings-panel"
              className={tab === t.id ? 'selected' : ''}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div
          className="settings-panel"
          id="settings-panel"
          role="tabpanel"
          aria-labelledby={`settings-tab-${tab}`}
        >
          {tab === 'profile' && <ProfileTab />}
          {tab === 'security' && <SecurityTab />}
          {tab === 'notifications' && <NotificationsTab />}
          {tab === 'display' && <DisplayTab />}
          {tab === 'sidebar' && <SidebarTab />}
        </div>
      </div>
    </Modal>
  );
}

/** The saved/failed line under a settings form. */
export function Outcome({ saved, error }: { saved: boolean; error: string }) {
  if (error)
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  if (saved)
    return (
      <p className="form-ok" role="status">
        Saved.
      </p>
    );
  return null;
}
