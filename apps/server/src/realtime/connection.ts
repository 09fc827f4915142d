import { WebSocket } from 'ws';
import type { Session } from '../app.ts';

/** Events kept per connection for replay after a reconnect (Mattermost's dead queue). */
export const REPLAY_SIZE = 128;
/** Above this much unsent data, events clients can do without (typing, status) are dropped. */
const DROP_THRESHOLD = 256 * 1024;
/** Above this, the client is not reading: the socket is cut and the client resumes from replay. */
const CUT_THRESHOLD = 16 * 1024 * 1024;
const DROPPABLE = new Set(['typing', 'status_change', 'multiple_channels_viewed']);

export type ResumeOutcome = 'continued' | 'replayed' | 'lost';

/**
 * One logical websocket connection: its id, its event numbering and the last events sent. It
 * outlives its socket for a while, so a client that reconnects with its connection_id and next
 * sequence number gets what it missed, including events published while it was away.
 */
export class WebConn {
  readonly id: string;
  readonly userId: string;
  session: Session;
  ws: WebSocket | null = null;
  disconnectedAt = 0;
  lastSeenAt = Date.now();
  lastPingAt = Date.now();
  /** What the client is looking at (the `presence` action), for push suppression. */
  active = { channelId: '', teamId: '', threadChannelId: '', isThreadView: false };
  private nextSeq = 0;
  private readonly recent: { seq: number; text: string }[] = [];

  constructor(id: string, session: Session) {
    this.id = id;
    this.userId = session.userId;
    this.session = session;
  }

  attach(ws: WebSocket): void {
    this.ws = ws;
    this.disconnectedAt = 0;
    this.lastSeenAt = Date.now();
    this.lastPingAt = Date.now();
  }

  detach(): void {
    this.ws = null;
    this.disconnectedAt = Date.now();
  }

  /** Numbers and sends one event; `prefix` is the event JSON up to its `"seq":` value. */
  send(event: string, prefix: string): void {
    const ws = this.ws;
    const open = ws !== null && ws.readyState === WebSocket.OPEN;
    if (DROPPABLE.has(event) && (!open || ws.bufferedAmount > DROP_THRESHOLD)) return;
    const seq = this.nextSeq++;
    const text = `${prefix}${seq}}`;
    this.recent.push({ seq, text });
    if (this.recent.length > REPLAY_SIZE) this.recent.shift();
    if (!open) return;
    if (ws.bufferedAmount > CUT_THRESHOLD) {
      ws.terminate();
      return;
    }
    ws.send(text);
  }

  /** Picks up where a client left off: `expected` is the seq of the first event it has not seen. */
  resume(expected: number): ResumeOutcome {
    if (expected === this.nextSeq) return 'continued';
    const oldest = this.recent[0]?.seq;
    if (expected > this.nextSeq || oldest === undefined || expected < oldest) return 'lost';
    for (const entry of this.recent) if (entry.seq >= expected) this.ws?.send(entry.text);
    return 'replayed';
  }
}
