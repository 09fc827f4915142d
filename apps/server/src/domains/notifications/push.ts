import type { App } from '../../app.ts';
import { createOutboundClient, type OutboundClient } from '../../platform/outbound/index.ts';
import { newId } from '../../platform/ids.ts';
import { findSystemValue } from '../system/store.ts';
import { eachLimited } from './limit.ts';
import * as store from './store.ts';

/**
 * Push notifications through Mattermost's push proxy (EmailSettings.PushNotificationServer):
 * POST {server}/api/v1/send_push with one PushNotification JSON per phone. With the default
 * "id_loaded" contents no message text leaves the server; the app fetches the post by id.
 */

const PUSH_TIMEOUT_MS = 10_000;
const MAX_DEVICE_SESSIONS = 1000;
/** Requests to the push proxy in flight at once. */
const PUSH_CONCURRENCY = 16;
const ID_LOADED_MESSAGE = "You've received a new message.";

/** Mattermost's model.PushNotification as the proxy reads it. */
export interface PushNotification {
  ack_id: string;
  platform: string;
  server_id: string;
  device_id: string;
  post_id: string;
  category?: string;
  message?: string;
  badge?: number;
  cont_ava?: number;
  team_id?: string;
  channel_id?: string;
  root_id?: string;
  channel_name?: string;
  type: string;
  sub_type?: string;
  sender_id?: string;
  sender_name?: string;
  override_username?: string;
  override_icon_url?: string;
  from_webhook?: string;
  version: string;
  is_crt_enabled: boolean;
  is_id_loaded: boolean;
}

type Base = Omit<PushNotification, 'ack_id' | 'platform' | 'device_id' | 'server_id' | 'badge'>;

const clients = new WeakMap<App, OutboundClient>();

/**
 * The push server is set by the administrator and trusted, as upstream lets it past the
 * untrusted-connections filter: its host joins the allow list for these requests only.
 */
function pushClient(app: App): OutboundClient {
  let client = clients.get(app);
  if (!client) {
    client = createOutboundClient(() => {
      const c = app.config.get();
      let host = '';
      try {
        host = new URL(c.EmailSettings.PushNotificationServer).hostname;
      } catch {
        // An unusable URL fails at request time with bad_url.
      }
      return {
        allowedUntrustedInternalConnections: `${c.ServiceSettings.AllowedUntrustedInternalConnections} ${host}`,
        timeoutSeconds: PUSH_TIMEOUT_MS / 1000,
      };
    });
    clients.set(app, client);
  }
  return client;
}

/** "apple_rn-v2:token" → platform and token (Mattermost's SetDeviceIdAndPlatform). */
export function splitDeviceId(deviceId: string): { platform: string; token: string } | null {
  const at = deviceId.indexOf(':');
  if (at <= 0 || at === deviceId.length - 1) return null;
  return { platform: deviceId.slice(0, at), token: deviceId.slice(at + 1) };
}

export function canPush(app: App): boolean {
  const e = app.config.get().EmailSettings;
  return e.SendPushNotifications && e.PushNotificationServer.trim() !== '';
}

/** Whether anyone has a phone registered, remembered briefly: posts ask it, and the answer rarely changes. */
const DEVICE_CHECK_TTL_MS = 5000;
const deviceChecks = new WeakMap<App, { at: number; any: boolean }>();

export async function anyPhones(app: App): Promise<boolean> {
  const now = Date.now();
  const cached = deviceChecks.get(app);
  if (cached && now - cached.at < DEVICE_CHECK_TTL_MS) return cached.any;
  const any = await store.anyDeviceSession(app.db, now);
  deviceChecks.set(app, { at: now, any });
  return any;
}

async function serverId(app: App): Promise<string> {
  return (await findSystemValue(app.db, 'DiagnosticId')) ?? '';
}

/** Sends `base` to every registered phone of the users, each with their badge. */
async function sendToDevices(
  app: App,
  userIds: readonly string[],
  build: (userId: string) => Base | null,
  skipSessionId = '',
): Promise<void> {
  const sessions = await store.listDeviceSessions(app.db, userIds, Date.now(), MAX_DEVICE_SESSIONS);
  const targets = sessions.filter((s) => s.id !== skipSessionId);
  if (targets.length === 0) return;
  const [badges, server] = await Promise.all([
    store.mentionBadges(
      app.db,
      targets.map((s) => s.user_id),
    ),
    serverId(app),
  ]);
  await eachLimited(targets, PUSH_CONCURRENCY, async (s) => {
    const device = splitDeviceId(s.device_id);
    const base = build(s.user_id);
    if (!device || !base) return;
    const msg: PushNotification = {
      ...base,
      ack_id: newId(),
      platform: device.platform,
      device_id: device.token,
      server_id: server,
      badge: badges.get(s.user_id) ?? 0,
    };
    try {
      await sendToProxy(app, msg, s.id);
    } catch (err) {
      app.log.warn({ err, userId: s.user_id, type: msg.type }, 'push notification failed');
    }
  });
}

async function sendToProxy(app: App, msg: PushNotification, sessionId: string): Promise<void> {
  const server = app.config.get().EmailSettings.PushNotificationServer.replace(/\/+$/u, '');
  const res = await pushClient(app).request({
    url: `${server}/api/v1/send_push`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(msg),
    maxBytes: 64 * 1024,
  });
  let answer: { status?: string; error?: string } = {};
  try {
    answer = JSON.parse(res.body.toString('utf8')) as typeof answer;
  } catch {
    throw new Error(`push proxy answered ${res.status} without JSON`);
  }
  // The proxy says the app was uninstalled from that phone: stop pushing to it.
  if (answer.status === 'REMOVE') await store.detachDevice(app.db, sessionId);
  else if (answer.status === 'FAIL') throw new Error(answer.error || 'push proxy refused the notification');
}

export interface PushPost {
  post: {
    id: string;
    channel_id: string;
    root_id: string;
    user_id: string;
    message: string;
    file_ids: string[];
    props: Record<string, unknown>;
  };
  channel: { id: string; team_id: string; type: string };
  /** How the recipients see the channel's name (the sender for a DM). */
  channelName: string;
  senderName: string;
  recipients: { userId: string; mentioned: boolean }[];
}

const CHANNEL_WIDE = /(^|[^\p{L}\p{N}_-])@(channel|all|here)\b/iu;

/** The notification's text for "full", "generic" and "generic_no_channel" (getPushNotificationMessage). */
export function pushText(
  contents: string,
  p: { message: string; hasFiles: boolean; channelType: string; senderName: string },
  mentioned: boolean,
): string {
  if (p.message.trim() === '' && p.hasFiles)
    return p.channelType === 'D' ? 'attached a file.' : `${p.senderName} attached a file.`;
  if (contents === 'full') return p.channelType === 'D' ? p.message : `${p.senderName}: ${p.message}`;
  if (p.channelType === 'D') return 'sent you a message.';
  if (CHANNEL_WIDE.test(p.message)) return `${p.senderName} notified the channel.`;
  if (mentioned) return `${p.senderName} mentioned you.`;
  return `${p.senderName} posted a message.`;
}

export function buildMessage(app: App, p: PushPost, mentioned: boolean): Base {
  const c = app.config.get();
  const contents = c.EmailSettings.PushNotificationContents;
  const isCrt = c.ServiceSettings.CollapsedThreads !== 'disabled';
  const base: Base = {
    type: 'message',
    version: 'v2',
    category: 'CAN_REPLY',
    post_id: p.post.id,
    channel_id: p.post.channel_id,
    root_id: p.post.root_id,
    team_id: p.channel.team_id,
    sender_id: p.post.user_id,
    is_crt_enabled: isCrt,
    is_id_loaded: false,
  };
  if (contents === 'id_loaded') return { ...base, is_id_loaded: true, message: ID_LOADED_MESSAGE };
  const props = p.post.props;
  let senderName = p.senderName;
  const override = typeof props.override_username === 'string' ? props.override_username : '';
  if (override && c.ServiceSettings.EnablePostUsernameOverride) {
    senderName = override;
    base.override_username = override;
  }
  if (typeof props.override_icon_url === 'string' && c.ServiceSettings.EnablePostIconOverride)
    base.override_icon_url = props.override_icon_url;
  if (typeof props.from_webhook === 'string') base.from_webhook = props.from_webhook;
  if (contents !== 'generic_no_channel' || p.channel.type === 'D') base.channel_name = p.channelName;
  base.sender_name = senderName;
  base.message = pushText(
    contents,
    {
      message: p.post.message,
      hasFiles: p.post.file_ids.length > 0,
      channelType: p.channel.type,
      senderName,
    },
    mentioned,
  );
  return base;
}

export async function pushPost(app: App, p: PushPost): Promise<void> {
  if (p.recipients.length === 0 || !canPush(app)) return;
  const mentioned = new Map(p.recipients.map((r) => [r.userId, r.mentioned]));
  await sendToDevices(app, [...mentioned.keys()], (userId) =>
    buildMessage(app, p, mentioned.get(userId) ?? false),
  );
}

/**
 * The user read the channel: their phones remove its notifications and update the badge. The
 * session that viewed it is skipped (Mattermost's clearPushNotification).
 */
export async function clearPushes(
  app: App,
  sessionId: string,
  userId: string,
  channelId: string,
): Promise<void> {
  if (!canPush(app) || !(await anyPhones(app))) return;
  const isCrt = app.config.get().ServiceSettings.CollapsedThreads !== 'disabled';
  await sendToDevices(
    app,
    [userId],
    () => ({
      type: 'clear',
      version: 'v2',
      post_id: '',
      channel_id: channelId,
      root_id: '',
      cont_ava: 1,
      is_crt_enabled: isCrt,
      is_id_loaded: false,
    }),
    sessionId,
  );
}
