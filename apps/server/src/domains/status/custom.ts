import type { App, Session } from '../../app.ts';
import { forbidden, invalidBodyParam, notImplemented } from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { getUserOr404, publishUserUpdated } from '../users/service.ts';
import { updateUser } from '../users/store.ts';

/** Custom statuses live, as in Mattermost, in the user's props as `customStatus` (a JSON string). */

const DURATIONS = ['', 'thirty_minutes', 'one_hour', 'four_hours', 'today', 'this_week', 'date_and_time'];
const MAX_TEXT = 100;

function authorize(app: App, session: Session, userId: string): void {
  if (!app.config.get().TeamSettings.EnableCustomUserStatuses) {
    throw notImplemented('api.custom_status.disabled', 'Custom statuses are disabled.');
  }
  if (userId !== session.userId && !hasPermissionToSystem(app, session, 'edit_other_users'))
    throw forbidden();
}

async function writeProps(app: App, userId: string, change: (props: Record<string, string>) => void) {
  const user = await getUserOr404(app, userId);
  const props = { ...user.props };
  change(props);
  const updated = await updateUser(app.db, userId, { props, update_at: Date.now() });
  if (updated) publishUserUpdated(app, updated);
}

export async function setCustomStatus(
  app: App,
  session: Session,
  userId: string,
  body: unknown,
): Promise<void> {
  authorize(app, session, userId);
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = b.text ?? '';
  const emoji = b.emoji ?? '';
  const duration = b.duration ?? '';
  const expiresAt = b.expires_at ?? '';
  if (typeof text !== 'string' || [...text].length > MAX_TEXT) throw invalidBodyParam('custom_status');
  if (typeof emoji !== 'string' || !/^[a-z0-9_+-]{0,64}$/.test(emoji))
    throw invalidBodyParam('custom_status');
  if (typeof duration !== 'string' || !DURATIONS.includes(duration)) throw invalidBodyParam('custom_status');
  if (typeof expiresAt !== 'string') throw invalidBodyParam('custom_status');
  if (!text && !emoji) throw invalidBodyParam('custom_status');
  const value = { emoji: emoji || 'speech_balloon', text, duration, expires_at: expiresAt };
  await writeProps(app, userId, (props) => {
    props.customStatus = JSON.stringify(value);
  });
}

export async function clearCustomStatus(app: App, session: Session, userId: string): Promise<void> {
  authorize(app, session, userId);
  await writeProps(app, userId, (props) => {
    delete props.customStatus;
  });
}
