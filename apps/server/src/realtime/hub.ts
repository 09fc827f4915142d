import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { App, Session } from '../app.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors/app-error.ts';
import { versionHeader } from '../http/version.ts';
import { newId } from '../platform/ids.ts';
import { sessionForToken } from '../domains/sessions/service.ts';
import { presenceOf, type Presence } from '../domains/status/presence.ts';
import type { Broadcast, ServerEvent } from './bus.ts';
import { WebConn } from './connection.ts';
import { runAction } from './actions.ts';
import { findLiveSessions, teamMembersAmong } from './store.ts';
import { ChannelMemberReader } from './member-reader.ts';
import { visibleRecipients } from './visibility.ts';
import { originAllowed, resumeRequest, upgradeToken, WEBSOCKET_PATH, type ResumeRequest } from './upgrade.ts';

const MAX_FRAME = 8 * 1024;
const AUTH_TIMEOUT = 5_000;
const PING_INTERVAL = 60_000;
const READ_DEADLINE = 100_000;
/** How long a dropped connection can be resumed with its connection_id. */
const RESUME_WINDOW = 5 * 60_000;
const HOUSEKEEPING_INTERVAL = 10_000;
/** Sends per event loop turn, so a large fan-out does not stall requests. */
const FANOUT_CHUNK = 500;

/** Per socket: its connection once authenticated, and its messages handled one after another. */
interface SocketState {
  conn: WebConn | null;
  resume: ResumeRequest | null;
  queue: Promise<void>;
}

/**
 * The websocket hub: authenticates sockets, numbers and routes bus events to connections
 * (Mattermost's broadcast rules, membership checked at send time), replays what a reconnecting
 * client missed, and drives automatic statuses.
 */
export class Hub {
  private readonly app: App;
  /** Where membership is read at send time: its own small pool (see server.ts), or the app's. */
  private readonly db: Db;
  private readonly members: ChannelMemberReader;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  private readonly conns = new Map<string, WebConn>();
  private readonly byUser = new Map<string, Set<WebConn>>();
  private readonly presence: Presence;
  private readonly unsubscribe: () => void;
  private readonly housekeeping: NodeJS.Timeout;
  /** Deliveries happen in publish order even though routing waits on membership queries. */
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(app: App, db: Db = app.db, readers = 4) {
    this.app = app;
    this.db = db;
    this.members = new ChannelMemberReader(db, readers);
    this.presence = presenceOf(app);
    this.unsubscribe = app.events.subscribe((event) => this.onEvent(event));
    this.housekeeping = setInterval(() => this.sweep(), HOUSEKEEPING_INTERVAL);
    this.housekeeping.unref();
  }

  /** The HTTP server's 'upgrade' listener. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.upgrade(req, socket, head).catch((err: Error) => {
      this.app.log.error({ err: err.message }, 'websocket upgrade failed');
      refuse(socket, 500, 'Internal Server Error');
    });
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.replace(/\/+$/, '') !== WEBSOCKET_PATH) return refuse(socket, 404, 'Not Found');
    if (this.closed) return refuse(socket, 503, 'Service Unavailable');
    if (!originAllowed(this.app, req)) return refuse(socket, 403, 'Forbidden');
    const resume = resumeRequest(url);
    if (resume === 'bad') return refuse(socket, 400, 'Bad Request');
    const token = upgradeToken(req);
    // An unusable token leaves the socket unauthenticated: the client may still send a challenge.
    const session = token ? await sessionForToken(this.app, token) : null;
    if (this.closed) return refuse(socket, 503, 'Service Unavailable');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, session, resume));
  }

  private accept(ws: WebSocket, session: Session | null, resume: ResumeRequest | null): void {
    const state: SocketState = { conn: null, resume, queue: Promise.resolve() };
    ws.on('error', (err) => this.app.log.debug({ err: err.message }, 'websocket error'));
    ws.on('pong', () => {
      if (state.conn) state.conn.lastSeenAt = Date.now();
    });
    ws.on('message', (raw, isBinary) => {
      if (state.conn) state.conn.lastSeenAt = Date.now();
      state.queue = state.queue
        .then(() => this.onMessage(ws, state, raw, isBinary))
        .catch((err: Error) => this.app.log.error({ err: err.message }, 'websocket message failed'));
    });
    ws.on('close', () => this.onClose(ws, state));
    if (session) {
      this.register(ws, state, session);
      return;
    }
    const timer = setTimeout(() => {
      if (!state.conn) ws.close(1008, 'authentication required');
    }, AUTH_TIMEOUT);
    timer.unref();
    ws.once('close', () => clearTimeout(timer));
  }

  /** Binds an authenticated socket to a resumed or new connection; a new one starts with hello. */
  private register(ws: WebSocket, state: SocketState, session: Session): void {
    const wanted = state.resume ? this.conns.get(state.resume.connectionId) : undefined;
    let conn = wanted && wanted.userId === session.userId ? wanted : undefined;
    if (conn) {
      const previous = conn.ws;
      if (previous && previous !== ws) previous.terminate();
      conn.session = session;
      conn.attach(ws);
      if (conn.resume(state.resume!.sequenceNumber) === 'lost') {
        this.remove(conn);
        conn = undefined;
      }
    }
    if (!conn) {
      conn = new WebConn(newId(), session);
      conn.attach(ws);
      this.conns.set(conn.id, conn);
      let set = this.byUser.get(conn.userId);
      if (!set) this.byUser.set(conn.userId, (set = new Set()));
      set.add(conn);
      this.sendTo(conn, {
        event: 'hello',
        data: { server_version: versionHeader(this.app), connection_id: conn.id },
        broadcast: { userId: conn.userId },
      });
    }
    state.conn = conn;
    this.presence.connected(conn.userId);
  }

  private async onMessage(ws: WebSocket, state: SocketState, raw: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) return;
    let msg: { action?: unknown; seq?: unknown; data?: unknown };
    try {
      msg = JSON.parse(raw.toString());
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const seq = typeof msg.seq === 'number' ? msg.seq : 0;
    const reply = (body: Record<string, unknown>) => ws.send(JSON.stringify({ ...body, seq_reply: seq }));
    const fail = (err: AppError) =>
      reply({
        status: 'FAIL',
        error: { id: err.id, message: err.message, detailed_error: '', status_code: err.statusCode },
      });
    if (typeof msg.action !== 'string' || msg.action === '') {
      return fail(new AppError('api.web_socket_router.no_action.app_error', 'No websocket action.', 400));
    }
    if (!Number.isInteger(seq) || seq <= 0) {
      return fail(new AppError('api.web_socket_router.bad_seq.app_error', 'Invalid sequence.', 400));
    }
    const data = (typeof msg.data === 'object' && msg.data !== null ? msg.data : {}) as Record<
      string,
      unknown
    >;
    if (msg.action === 'authentication_challenge') {
      if (state.conn) return;
      const token = typeof data.token === 'string' ? data.token : '';
      const session = token ? await sessionForToken(this.app, token) : null;
      if (!session || this.closed) return void ws.close(1008, 'invalid session');
      if (ws.readyState !== ws.OPEN) return;
      reply({ status: 'OK' });
      this.register(ws, state, session);
      return;
    }
    if (!state.conn) {
      return fail(
        new AppError('api.web_socket_router.not_authenticated.app_error', 'Not authenticated.', 401),
      );
    }
    try {
      const result = await runAction(this.app, state.conn, msg.action, data);
      reply(result === undefined ? { status: 'OK' } : { status: 'OK', data: result });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      fail(err);
    }
  }

  private onClose(ws: WebSocket, state: SocketState): void {
    const conn = state.conn;
    if (!conn || conn.ws !== ws) return;
    conn.detach();
    if (this.conns.has(conn.id))
      this.presence.disconnected(conn.userId, () => !this.hasOpenSocket(conn.userId));
  }

  private hasOpenSocket(userId: string): boolean {
    for (const c of this.byUser.get(userId) ?? []) if (c.ws) return true;
    return false;
  }

  private remove(conn: WebConn): void {
    this.conns.delete(conn.id);
    const set = this.byUser.get(conn.userId);
    set?.delete(conn);
    if (set?.size === 0) this.byUser.delete(conn.userId);
  }

  private onEvent(event: ServerEvent): void {
    if (this.closed) return;
    if (event.internal) {
      if (event.event === 'session_revoked') this.endSession(String(event.data.session_id ?? ''));
      return;
    }
    if (event.event === 'user_role_updated') this.refreshRoles(event.data);
    const targets = this.targetsOf(event.broadcast).then((conns) =>
      visibleRecipients(this.app, this.db, event, conns),
    );
    this.tail = this.tail
      .then(() => targets)
      .then((conns) => this.deliver(event, conns))
      .catch((err: Error) =>
        this.app.log.error({ err: err.message, event: event.event }, 'event delivery failed'),
      );
  }

  /**
   * Open connections keep the session they authenticated with; its roles follow a role change at
   * once (a user demoted to guest stops receiving what only regular users may see).
   */
  private refreshRoles(data: Record<string, unknown>): void {
    const { user_id: userId, roles } = data;
    if (typeof userId !== 'string' || typeof roles !== 'string') return;
    for (const c of this.byUser.get(userId) ?? []) c.session = { ...c.session, roles };
  }

  /** Mattermost's routing (web_conn.go ShouldSendEvent), membership read when the event is sent. */
  private async targetsOf(b: Broadcast): Promise<WebConn[]> {
    if (b.connectionId) {
      const conn = this.conns.get(b.connectionId);
      return conn ? [conn] : [];
    }
    const notOmitted = (c: WebConn) => c.id !== b.omitConnectionId;
    if (b.userId) return [...(this.byUser.get(b.userId) ?? [])].filter(notOmitted);
    const omit = new Set(b.omitUsers ?? []);
    // Channel events (most of them) match the channel's members against the connected users in
    // memory, without first listing every connected user for each event.
    const wanted = (u: string) => this.byUser.has(u) && !omit.has(u);
    let allowed: string[];
    if (b.channelId) allowed = (await this.members.read(b.channelId)).filter(wanted);
    else {
      const users = [...this.byUser.keys()].filter((u) => !omit.has(u));
      allowed = b.teamId ? await teamMembersAmong(this.db, b.teamId, users) : users;
    }
    const out: WebConn[] = [];
    for (const userId of allowed)
      for (const c of this.byUser.get(userId) ?? []) if (notOmitted(c)) out.push(c);
    return out;
  }

  private async deliver(event: ServerEvent, conns: WebConn[]): Promise<void> {
    if (conns.length === 0) return;
    const prefix = envelopePrefix(event);
    for (let i = 0; i < conns.length; i += FANOUT_CHUNK) {
      if (i > 0) await nextTurn();
      for (const conn of conns.slice(i, i + FANOUT_CHUNK)) conn.send(event.event, prefix);
    }
  }

  private sendTo(conn: WebConn, event: ServerEvent): void {
    conn.send(event.event, envelopePrefix(event));
  }

  /** A revoked session's sockets close at once and cannot be resumed. */
  private endSession(sessionId: string): void {
    for (const conn of [...this.conns.values()]) {
      if (conn.session.id !== sessionId) continue;
      this.remove(conn);
      const ws = conn.ws;
      conn.detach();
      ws?.close(1008, 'session revoked');
      if (!this.hasOpenSocket(conn.userId))
        this.presence.disconnected(conn.userId, () => !this.hasOpenSocket(conn.userId));
    }
  }

  /**
   * Sockets whose session has passed its expiry (as last seen) are checked against the database:
   * a session that slid forward with REST activity lives on, an expired or deleted one is closed.
   */
  private async expireSessions(now: number): Promise<void> {
    const due = [...this.conns.values()].filter((c) => c.session.expiresAt < now);
    const ids = [...new Set(due.map((c) => c.session.id))];
    if (ids.length === 0) return;
    const live = new Map((await findLiveSessions(this.db, ids, now)).map((s) => [s.id, s.expires_at]));
    for (const id of ids) {
      const expiresAt = live.get(id);
      if (expiresAt === undefined) this.endSession(id);
      else for (const c of due) if (c.session.id === id) c.session = { ...c.session, expiresAt };
    }
  }

  /** Protocol pings, the read deadline, and forgetting connections gone too long to resume. */
  private sweep(): void {
    const now = Date.now();
    this.expireSessions(now).catch((err: Error) =>
      this.app.log.warn({ err: err.message }, 'websocket session check failed'),
    );
    for (const conn of [...this.conns.values()]) {
      const ws = conn.ws;
      if (!ws) {
        if (now - conn.disconnectedAt > RESUME_WINDOW) this.remove(conn);
      } else if (now - conn.lastSeenAt > READ_DEADLINE) {
        ws.terminate();
      } else if (now - conn.lastPingAt >= PING_INTERVAL) {
        conn.lastPingAt = now;
        ws.ping();
      }
    }
  }

  /** Closes every socket (shutdown); call before the HTTP server closes. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    clearInterval(this.housekeeping);
    this.presence.close();
    const sockets = [...this.wss.clients];
    const closedAll = Promise.all(sockets.map((ws) => new Promise((done) => ws.once('close', done))));
    for (const ws of sockets) ws.close(1001, 'server shutting down');
    const timeout = new Promise((done) => setTimeout(done, 1000).unref());
    await Promise.race([closedAll, timeout]);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((done) => this.wss.close(() => done()));
    this.conns.clear();
    this.byUser.clear();
  }
}

/** The event JSON up to the value of `seq`, shared by every recipient. */
function envelopePrefix(event: ServerEvent): string {
  const b = event.broadcast;
  const json = JSON.stringify({
    event: event.event,
    data: event.data,
    broadcast: {
      omit_users: b.omitUsers?.length ? Object.fromEntries(b.omitUsers.map((u) => [u, true])) : null,
      user_id: b.userId ?? '',
      channel_id: b.channelId ?? '',
      team_id: b.teamId ?? '',
      connection_id: b.connectionId ?? '',
      omit_connection_id: b.omitConnectionId ?? '',
    },
  });
  return `${json.slice(0, -1)},"seq":`;
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
