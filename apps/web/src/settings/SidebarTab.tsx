import { background } from '../api.ts';
import { dmLimit, DM_LIMITS, savePreferences, showUnreadSection, SIDEBAR } from '../prefs.ts';
import { useStore } from '../store.ts';

const LIMIT_LABEL: Record<(typeof DM_LIMITS)[number], string> = {
  '10': '10',
  '15': '15',
  '20': '20',
  '40': '40',
  '10000': 'All direct messages',
};

/**
 * Sidebar preferences, kept where Mattermost keeps them (sidebar_settings show_unread_section and
 * limit_visible_dms_gms) so they roam; the sidebar applies them at once.
 */
export function SidebarTab() {
  const grouped = useStore(showUnreadSection);
  const limit = useStore((s) => String(dmLimit(s)));
  return (
    <div aria-label="Sidebar">
      <fieldset className="choice">
        <legend>Group unread channels separately</legend>
        <label>
          <input
            type="checkbox"
            checked={grouped}
            onChange={(e) =>
              background(savePreferences([[SIDEBAR, 'show_unread_section', String(e.target.checked)]]))
            }
          />
          Show unread channels in their own section at the top of the sidebar
        </label>
      </fieldset>
      <label className="field">
        <span>Number of direct messages to show</span>
        <select
          value={limit}
          onChange={(e) => background(savePreferences([[SIDEBAR, 'limit_visible_dms_gms', e.target.value]]))}
        >
          {DM_LIMITS.map((n) => (
            <option key={n} value={n}>
              {LIMIT_LABEL[n]}
            </option>
          ))}
        </select>
        <small className="muted">The most recent ones; unread and open conversations always show.</small>
      </label>
    </div>
  );
}
