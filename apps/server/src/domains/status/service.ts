import type { UserStatus } from '@mattermost/types/users';
import type { App, Session } from '../../app.ts';
import {
  badRequest,
  forbidden,
  invalidBodyParam,
  invalidUrlParam,
  notFound,
} from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import { isValidId } from '../../platform/ids.ts';
import * as store from './store.ts';

/** Mattermost's user statuses: automatic online/away/offline, and manual ones that win over them. */

export const STATUSES = ['online', 'away', 'dnd', 'offline'] as const;
export type StatusName = (typeof STATUSES)[number];

/** Bounds every list this area reads or writes in one go. */
export const MAX_STATUS_IDS = 10_000;
const SWEEP_BATCH = 1000;

export function presentStatus(row: store.StatusRow): UserStatus {
  return {
    user_id: row.user_id,
    status: row.status,
    manual: row.manual,
    last_activity_at: row.last_activity_at,
    active_channel: '',
    dnd_end_time: row.dnd_end_time,
  };
}

function offline(userId: string): store.StatusRow {
  return {
    user_id: userId,
    status: 'offline',
    manual: false,
    last_activity_at: 0,
    dnd_end_time: 0,
    prev_status: '',
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function dndExpired(row: store.StatusRow): boolean {
  return row.status === 'dnd' && row.dnd_end_time > 0 && row.dnd_end_time <= nowSeconds();
}

/** `status_change` goes only to the user concerned; others poll POST /users/status/ids. */
function announce(app: App, userId: string, status: string): void {
  app.events.publish({ event: 'status_change', data: { status, user_id: userId }, broadcast: { userId } });
}

/** Reverts timed do-not-disturb that has run out (also done by the periodic sweep). */
export async function expireDnd(app: App): Promise<void> {
  const changed = await store.expireDnd(app.db, nowSeconds(), SWEEP_BATCH);
  for (const c of changed) announce(app, c.user_id, c.status);
}

/** Statuses of the given users; users with no row are offline. */
export async function statusesOf(app: App, userIds: string[]): Promise<store.StatusRow[]> {
  let rows = await store.findStatuses(app.db, userIds);
  if (rows.some(dndExpired)) {
    await expireDnd(app);
    rows = await store.findStatuses(app.db, userIds);
  }
  const byId = new Map(rows.map((r) => [r.user_id, r]));
  return userIds.map((id) => byId.get(id) ?? offline(id));
}

export async function getStatus(app: App, userId: string): Promise<UserStatus> {
  const [row] = await statusesOf(app, [userId]);
  if (row.last_activity_at === 0 && row.status === 'offline' && !(await store.userExists(app.db, userId))) {
    throw notFound('app.user.missing_account.const', 'Unable to find the user.');
  }
  return presentStatus(row);
}

export async function getStatusesByIds(app: App, userIds: unknown): Promise<UserStatus[]> {
  if (!Array.isArray(userIds) || userIds.length === 0) throw invalidBodyParam('user_ids');
  if (userIds.length > MAX_STATUS_IDS)
    throw badRequest('api.context.invalid_body_param.app_error', `At most ${MAX_STATUS_IDS} user_ids.`);
  for (const id of userIds) {
    if (!isValidId(id)) throw invalidUrlParam('user_ids');
  }
  return (await statusesOf(app, [...new Set(userIds as string[])])).map(presentStatus);
}

/** Users currently not offline (bounded), as the websocket `get_statuses` map. */
export async function presentStatuses(app: App): Promise<Record<string, string>> {
  const rows = await store.listPresentStatuses(app.db, MAX_STATUS_IDS);
  return Object.fromEntries(rows.map((r) => [r.user_id, dndExpired(r) ? 'online' : r.status]));
}

/** PUT /users/{user_id}/status: self or edit_other_users. */
export async function updateStatus(
  app: App,
  session: Session,
  userId: string,
  body: Record<string, unknown>,
): Promise<UserStatus> {
  if (body.user_id !== userId) throw invalidBodyParam('user_id');
  if (userId !== session.userId && !hasPermissionToSystem(app, session, 'edit_other_users'))
    throw forbidden();
  const status = body.status;
  if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) {
    throw invalidBodyParam('status');
  }
  const dndEnd = body.dnd_end_time ?? 0;
  if (typeof dndEnd !== 'number' || !Number.isInteger(dndEnd) || dndEnd < 0)
    throw invalidBodyParam('dnd_end_time');
  if (!(await store.userExists(app.db, userId))) {
    throw notFound('app.user.missing_account.const', 'Unable to find the user.');
  }
  await setStatus(app, userId, status as StatusName, true, status === 'dnd' ? dndEnd : 0);
  return getStatus(app, userId);
}

/**
 * The one place statuses change. Automatic changes (`manual` false) never override a manual
 * status; a manual "online" hands control back to the automatic rules.
 */
export async function setStatus(
  app: App,
  userId: string,
  status: StatusName,
  manual: boolean,
  dndEndTime = 0,
): Promise<void> {
  const row = await store.findStatus(app.db, userId);
  if (row && row.manual && !manual && !dndExpired(row)) return;
  const now = Date.now();
  if (!manual && status === 'away') {
    if (row?.status === 'away') return;
    const idle = app.config.get().TeamSettings.UserStatusAwayTimeout * 1000;
    if (row && now - row.last_activity_at < idle) return;
  }
  const previous = row?.status ?? 'offline';
  const next: store.StatusRow = {
    user_id: userId,
    status,
    manual: manual && status !== 'online',
    last_activity_at: status === 'online' ? now : (row?.last_activity_at ?? 0),
    dnd_end_time: status === 'dnd' ? dndEndTime : 0,
    prev_status: status === 'dnd' ? (previous === 'dnd' ? (row?.prev_status ?? '') : previous) : '',
  };
  if (row && previous === status && row.manual === next.manual && row.dnd_end_time === next.dnd_end_time) {
    if (status === 'online') await store.touchActivity(app.db, userId, now);
    return;
  }
  await store.saveStatus(app.db, next);
  if (previous !== status) announce(app, userId, status);
}

/**
 * Activity of a user: online. Someone already automatically online (the usual case) only has their
 * last activity moved, in one statement; anything else goes through setStatus's rules.
 */
export async function noteOnline(app: App, userId: string): Promise<void> {
  if (await store.touchIfAutomaticallyOnline(app.db, userId, Date.now())) return;
  await setStatus(app, userId, 'online', false);
}

/** Automatic online users idle longer than UserStatusAwayTimeout become away. */
export async function sweepIdle(app: App): Promise<void> {
  const idle = app.config.get().TeamSettings.UserStatusAwayTimeout * 1000;
  if (idle > 0) {
    for (const userId of await store.markIdleAway(app.db, Date.now() - idle, SWEEP_BATCH)) {
      announce(app, userId, 'away');
    }
  }
  await expireDnd(app);
}
