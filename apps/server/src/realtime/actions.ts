import type { App } from '../app.ts';
import { AppError, forbidden } from '../errors/app-error.ts';
import { hasPermissionToChannel } from '../permissions/authorize.ts';
import { isValidId } from '../platform/ids.ts';
import { presentStatuses, setStatus, statusesOf, MAX_STATUS_IDS } from '../domains/status/service.ts';
import type { WebConn } from './connection.ts';

/**
 * Client → server websocket actions of an authenticated connection (api.md §C). Each returns the
 * reply's `data` (undefined for none) or throws an AppError; they call the same services as REST.
 */

type Data = Record<string, unknown>;
type Action = (app: App, conn: WebConn, data: Data) => Promise<unknown>;

export const invalidWsParam = (action: string, name: string) =>
  new AppError(
    'api.websocket_handler.invalid_param.app_error',
    `Invalid ${name} parameter for ${action}.`,
    400,
  );

const actions: Record<string, Action> = {
  ping: async (app) => ({
    text: 'pong',
    version: app.version.version,
    server_time: Date.now(),
    node_id: '',
  }),

  user_typing: async (app, conn, data) => {
    const channelId = data.channel_id;
    const parentId = data.parent_id ?? '';
    if (!isValidId(channelId)) throw invalidWsParam('user_typing', 'channel_id');
    if (typeof parentId !== 'string' || (parentId !== '' && !isValidId(parentId))) {
      throw invalidWsParam('user_typing', 'parent_id');
    }
    if (!(await hasPermissionToChannel(app, conn.session, channelId, 'create_post'))) throw forbidden();
    if (!app.config.get().ServiceSettings.EnableUserTypingMessages) return undefined;
    app.events.publish({
      event: 'typing',
      data: { parent_id: parentId, user_id: conn.userId },
      broadcast: { channelId, omitUsers: [conn.userId] },
    });
    return undefined;
  },

  get_statuses: async (app) => presentStatuses(app),

  get_statuses_by_ids: async (app, _conn, data) => {
    const ids = data.user_ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_STATUS_IDS || !ids.every(isValidId)) {
      throw invalidWsParam('get_statuses_by_ids', 'user_ids');
    }
    const rows = await statusesOf(app, [...new Set(ids)]);
    return Object.fromEntries(rows.map((r) => [r.user_id, r.status]));
  },

  user_update_active_status: async (app, conn, data) => {
    if (typeof data.user_is_active !== 'boolean') {
      throw invalidWsParam('user_update_active_status', 'user_is_active');
    }
    const manual = data.manual === true;
    await setStatus(app, conn.userId, data.user_is_active ? 'online' : 'away', manual);
    return undefined;
  },

  presence: async (_app, conn, data) => {
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    if ('channel_id' in data) conn.active.channelId = str(data.channel_id);
    if ('team_id' in data) conn.active.teamId = str(data.team_id);
    if ('thread_channel_id' in data) {
      conn.active.threadChannelId = str(data.thread_channel_id);
      conn.active.isThreadView = data.is_thread_view === true;
    }
    return undefined;
  },

  // Delivery acknowledgements only feed Mattermost's metrics; accepted so clients see no error.
  posted_notify_ack: async () => undefined,
};

export async function runAction(app: App, conn: WebConn, action: string, data: Data): Promise<unknown> {
  const handler = Object.hasOwn(actions, action) ? actions[action] : undefined;
  if (!handler) {
    throw new AppError('api.web_socket_router.bad_action.app_error', `Unknown action ${action}.`, 501);
  }
  return handler(app, conn, data);
}
