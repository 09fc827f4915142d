import http from 'node:http';

/**
 * A lean JSON client for the Mattermost v4 API over keep-alive sockets. Client4 would add a
 * fetch and a promise chain per request; on a 2-core box the generator's CPU is taken from the
 * server's, so requests are made with node:http directly, with the headers Client4 sends.
 */
export interface Reply {
  status: number;
  body: string;
  ms: number;
  headers: http.IncomingHttpHeaders;
}

export class ApiClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, maxSockets: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** One request; never rejects (a network error is status 0) so callers can count it. */
  request(method: string, path: string, token: string | null, body?: unknown): Promise<Reply> {
    const started = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = {
      'X-Requested-With': 'XMLHttpRequest',
      Accept: 'application/json',
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve) => {
      const req = http.request(
        { host: this.host, port: this.port, method, path: `/api/v4${path}`, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
              headers: res.headers,
            }),
          );
          res.on('error', () =>
            resolve({ status: 0, body: '', ms: performance.now() - started, headers: {} }),
          );
        },
      );
      req.on('error', (err) =>
        resolve({ status: 0, body: err.message, ms: performance.now() - started, headers: {} }),
      );
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
