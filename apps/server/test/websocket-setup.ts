import { WebSocketClient, type WebSocketBroadcast } from '@mattermost/client';
import { WebSocket as WsSocket } from 'ws';
import type { TestServer } from './harness.ts';

/**
 * Websocket helpers for the hub suites: the official WebSocketClient (token challenge, its own
 * seq checks and reconnects) and raw `ws` sockets for what it cannot do (cookies, headers, frames).
 */

/** An event or a reply as received (events carry `seq`, replies `seq_reply`). */
export interface Msg {
  event: string;
  data: unknown;
  broadcast: WebSocketBroadcast;
  seq: number;
  seq_reply?: number;
  status?: string;
  error?: { id: string };
}

export function wsUrl(server: TestServer): string {
  return `${server.url.replace(/^http/, 'ws')}/api/v4/websocket`;
}

export async function until<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  ms = 5000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface OfficialSocket {
  client: WebSocketClient;
  /** Events in the order accepted by the client (it rejects seq gaps itself). */
  events: Msg[];
  closes: number;
  /** Times the server answered a reconnect with a new connection (client resyncs over REST). */
  missed: number;
  event(name: string, pred?: (m: Msg) => boolean, ms?: number): Promise<Msg>;
  request(action: string, data?: unknown): Promise<Msg>;
  close(): void;
}

/** WebSocketClient authenticated by `authentication_challenge`, connected (hello received). */
export async function officialSocket(server: TestServer, token: string): Promise<OfficialSocket> {
  const client = new WebSocketClient({ minWebSocketRetryTime: 100, reconnectJitterRange: 0 });
  const socket: OfficialSocket = {
    client,
    events: [],
    closes: 0,
    missed: 0,
    event: (name, pred = () => true, ms) =>
      until(() => socket.events.find((m) => m.event === name && pred(m)), `event ${name}`, ms),
    request: (action, data) =>
      new Promise((resolve) => client.sendMessage(action, data, (reply: Msg) => resolve(reply))),
    close: () => closeFully(client),
  };
  client.addMessageListener((m) => socket.events.push(m as unknown as Msg));
  // As in the web app: without such a listener the client never records its connection id.
  client.addMissedMessageListener(() => {
    socket.missed += 1;
  });
  client.addCloseListener(() => {
    socket.closes += 1;
  });
  client.initialize(wsUrl(server), token);
  await socket.event('hello');
  return socket;
}

/**
 * WebSocketClient.close() only closes an OPEN socket: one still connecting (a reconnect in flight,
 * e.g. after the server closed a revoked session's socket) keeps its close handler, fails again and
 * schedules another reconnect, forever, which keeps the test process from exiting.
 */
function closeFully(client: WebSocketClient): void {
  client.close();
  const internals = client as unknown as { conn: WebSocket | null; clearReconnectTimeout(): void };
  if (internals.conn) {
    internals.conn.onclose = () => undefined;
    internals.conn.onerror = () => undefined;
    internals.conn.close();
    internals.conn = null;
  }
  internals.clearReconnectTimeout();
}

export interface RawSocket {
  ws: WsSocket;
  messages: Msg[];
  closed: Promise<number>;
  isClosed(): boolean;
  send(body: unknown): void;
  next(pred: (m: Msg) => boolean, what: string, ms?: number): Promise<Msg>;
}

/** A raw socket; resolves once open (or rejects with the refused status). */
export function rawSocket(
  server: TestServer,
  options: { query?: string; headers?: Record<string, string> } = {},
): Promise<RawSocket> {
  const ws = new WsSocket(`${wsUrl(server)}${options.query ?? ''}`, { headers: options.headers });
  const messages: Msg[] = [];
  let closed = false;
  const closedP = new Promise<number>((resolve) =>
    ws.on('close', (code) => {
      closed = true;
      resolve(code);
    }),
  );
  ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as Msg));
  const socket: RawSocket = {
    ws,
    messages,
    closed: closedP,
    isClosed: () => closed,
    send: (body) => ws.send(typeof body === 'string' ? body : JSON.stringify(body)),
    next: (pred, what, ms) => until(() => messages.find(pred), what, ms),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
