import type { ReactNode } from 'react';
import { navigate } from '../router.ts';
import { useStore } from '../store.ts';
import { BrandImageSection } from './BrandImageSection.tsx';
import { ChannelsSection } from './ChannelsSection.tsx';
import { SETTINGS_PAGES } from './settings-schema.ts';
import { SettingsSection } from './SettingsSection.tsx';
import { StatsSection } from './StatsSection.tsx';
import { TeamsSection } from './TeamsSection.tsx';
import { UsersSection } from './UsersSection.tsx';
import './console.css';

const REPORTS = [
  { id: 'stats', title: 'Site statistics' },
  { id: 'users', title: 'Users' },
  { id: 'teams', title: 'Teams' },
  { id: 'channels', title: 'Channels' },
];

/** The system console (a chunk of its own, loaded only for administrators): `/admin_console/{section}`. */
export default function Console({ section }: { section: string }) {
  const siteName = useStore((s) => s.config.SiteName) || 'Parley';
  const current = section || 'stats';
  const page = SETTINGS_PAGES.find((p) => p.id === current);
  let body: ReactNode;
  if (current === 'users') body = <UsersSection />;
  else if (current === 'teams') body = <TeamsSection />;
  else if (current === 'channels') body = <ChannelsSection />;
  else if (page?.id === 'branding')
    body = (
      <>
        <SettingsSection key={page.id} page={page} />
        <BrandImageSection />
      </>
    );
  else if (page) body = <SettingsSection key={page.id} page={page} />;
  else body = <StatsSection />;

  const link = (id: string, title: string) => (
    <li key={id}>
      <a
        href={`/admin_console/${id}`}
        className={id === current ? 'active' : ''}
        aria-current={id === current ? 'page' : undefined}
        onClick={(e) => {
          e.preventDefault();
          navigate(`/admin_console/${id}`);
        }}
      >
        {title}
      </a>
    </li>
  );

  return (
    <div className="console">
      <nav className="console-nav" aria-label="System console">
        <div className="console-brand">
          <span className="logo" aria-hidden="true">
            P
          </span>
          <div>
            <strong>{siteName}</strong>
            <div className="small">System console</div>
          </div>
        </div>
        <button className="btn small console-back" onClick={() => navigate('/')}>
          ← Back to chat
        </button>
        <div className="console-group">Reporting and people</div>
        <ul>{REPORTS.map((r) => link(r.id, r.title))}</ul>
        <div className="console-group">Settings</div>
        <ul>{SETTINGS_PAGES.map((p) => link(p.id, p.title))}</ul>
      </nav>
      <main className="console-main">{body}</main>
    </div>
  );
}
