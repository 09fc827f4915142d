import WebSocket from 'ws';

/**
 * One simulated client's WebSocket, speaking Mattermost's protocol: connect to /api/v4/websocket,
 * authenticate with `authentication_challenge`, wait for `hello`. Frames are scanned as text for
 * `posted` events; only those are parsed (a pending_post_id regex), which keeps the generator's
 * CPU small when thousands of sockets receive every post of a busy channel.
 */
const PENDING = /pending_post_id\\?"\s*:\s*\\?"([^"\\]+)/;

export class SimSocket {
  private ws: WebSocket | null = null;
  private seq = 1;
  open = false;

  private readonly url: string;
  private readonly token: string;
  private readonly onPosted: (pendingPostId: string, at: number) => void;

  constructor(url: string, token: string, onPosted: (pendingPostId: string, at: number) => void) {
    this.url = url;
    this.token = token;
    this.onPosted = onPosted;
  }

  connect(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false });
      this.ws = ws;
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error('no hello within the timeout'));
      }, timeoutMs);
      ws.on('open', () => {
        ws.send(
          JSON.stringify({
            seq: this.seq++,
            action: 'authentication_challenge',
            data: { token: this.token },
          }),
        );
      });
      ws.on('message', (data: Buffer) => {
        const text = data.toString('utf8');
        if (!this.open) {
          if (text.includes('"event":"hello"')) {
            this.open = true;
            clearTimeout(timer);
            resolve();
          }
          return;
        }
        if (text.includes('"event":"posted"')) {
          const m = PENDING.exec(text);
          if (m) this.onPosted(m[1], performance.now());
        }
      });
      ws.on('close', () => {
        this.open = false;
        clearTimeout(timer);
        reject(new Error('closed before hello'));
      });
      ws.on('error', () => {});
    });
  }

  typing(channelId: string, parentId = ''): void {
    if (this.open) {
      this.ws?.send(
        JSON.stringify({
          seq: this.seq++,
          action: 'user_typing',
          data: { channel_id: channelId, parent_id: parentId },
        }),
      );
    }
  }

  close(): void {
    this.open = false;
    this.ws?.terminate();
  }
}
