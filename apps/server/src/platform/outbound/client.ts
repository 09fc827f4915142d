import { lookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { addressAllowed, hostAllowed, parseAllowList, type AllowList } from './address.ts';

/**
 * The one HTTP client for requests Parley makes to integrations (webhooks, commands, actions).
 * It resolves the host itself, refuses internal addresses unless allow-listed, then connects to
 * exactly the address it vetted (so DNS cannot answer differently between check and connect),
 * re-vets every redirect hop, and bounds the answer's size and the whole exchange's time.
 */

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
export const MAX_REDIRECTS = 10;
const CONNECT_TIMEOUT_MS = 3000;
const USER_AGENT = 'Mattermost-Bot/1.1';

export interface OutboundSettings {
  /** ServiceSettings.AllowedUntrustedInternalConnections. */
  allowedUntrustedInternalConnections: string;
  /** ServiceSettings.OutgoingIntegrationRequestsTimeout, in seconds. */
  timeoutSeconds: number;
}

export interface OutboundRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Largest answer body accepted; larger ones fail with `too_large`. */
  maxBytes?: number;
  /** Overrides the configured timeout for the whole exchange, redirects included. */
  timeoutMs?: number;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
}

export type OutboundFailure =
  | 'bad_url'
  | 'forbidden_address'
  | 'unresolvable'
  | 'too_many_redirects'
  | 'too_large'
  | 'timeout'
  | 'network';

export class OutboundError extends Error {
  readonly reason: OutboundFailure;
  constructor(reason: OutboundFailure, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'OutboundError';
    this.reason = reason;
  }
}

export interface OutboundClient {
  request(req: OutboundRequest): Promise<OutboundResponse>;
}

export function createOutboundClient(settings: () => OutboundSettings): OutboundClient {
  return {
    request: async (req) => {
      const { allowedUntrustedInternalConnections, timeoutSeconds } = settings();
      const allow = parseAllowList(allowedUntrustedInternalConnections);
      const signal = AbortSignal.timeout(req.timeoutMs ?? Math.max(1, timeoutSeconds) * 1000);
      return follow(req, allow, signal);
    },
  };
}

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

async function follow(
  req: OutboundRequest,
  allow: AllowList,
  signal: AbortSignal,
): Promise<OutboundResponse> {
  let hop: Hop = {
    url: parseUrl(req.url),
    method: req.method ?? 'GET',
    headers: { 'User-Agent': USER_AGENT, ...req.headers },
    body: req.body,
  };
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  for (let redirects = 0; ; redirects++) {
    const address = await vet(hop.url, allow);
    const res = await send(hop, address, signal);
    const location = res.headers.location;
    if (!isRedirect(res.statusCode) || !location) {
      return {
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: await readBounded(res, maxBytes, signal),
        url: hop.url.href,
      };
    }
    res.destroy();
    if (redirects >= MAX_REDIRECTS)
      throw new OutboundError('too_many_redirects', `stopped after ${MAX_REDIRECTS} redirects`);
    hop = nextHop(hop, res.statusCode ?? 0, parseUrl(location, hop.url));
  }
}

function parseUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new OutboundError('bad_url', 'invalid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OutboundError('bad_url', `unsupported scheme ${url.protocol}`);
  return url;
}

const isRedirect = (status: number | undefined) => [301, 302, 303, 307, 308].includes(status ?? 0);

/** As browsers and Go: 303 (and 301/302 after a POST) continue as GET without body; credentials stay on their host. */
function nextHop(prev: Hop, status: number, url: URL): Hop {
  const headers = { ...prev.headers };
  if (url.host !== prev.url.host) {
    for (const name of Object.keys(headers))
      if (['authorization', 'cookie'].includes(name.toLowerCase())) delete headers[name];
  }
  const toGet = status === 303 || ((status === 301 || status === 302) && prev.method === 'POST');
  if (!toGet) return { url, method: prev.method, headers, body: prev.body };
  for (const name of Object.keys(headers))
    if (['content-type', 'content-length'].includes(name.toLowerCase())) delete headers[name];
  return { url, method: 'GET', headers, body: undefined };
}

/** The address to connect to: the URL's literal IP or the first resolved one that may be reached. */
async function vet(url: URL, allow: AllowList): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const trustedHost = hostAllowed(allow, url.hostname);
  let candidates: { address: string; family: number }[];
  if (isIP(host)) {
    candidates = [{ address: host, family: isIP(host) }];
  } else {
    try {
      candidates = await lookup(host, { all: true, verbatim: true });
    } catch (err) {
      throw new OutboundError('unresolvable', `cannot resolve ${host}`, err);
    }
  }
  const usable = candidates.find((c) => trustedHost || addressAllowed(allow, c.address));
  if (!usable)
    throw new OutboundError(
      'forbidden_address',
      `${host} resolves to an address that is not allowed; add it to AllowedUntrustedInternalConnections to trust it`,
    );
  return { address: usable.address, family: usable.family === 6 ? 6 : 4 };
}

function send(hop: Hop, target: { address: string }, signal: AbortSignal): Promise<IncomingMessage> {
  const { url } = hop;
  const secure = url.protocol === 'https:';
  const name = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const headers: Record<string, string> = { ...hop.headers, Host: url.host };
  if (hop.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(hop.body));
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request({
      // The vetted address itself: no second resolution can send the request elsewhere.
      host: target.address,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: hop.method,
      headers,
      auth: url.username
        ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
        : undefined,
      servername: secure && !isIP(name) ? name : undefined,
      agent: false,
      signal,
    });
    const connectTimer = setTimeout(
      () => req.destroy(new OutboundError('timeout', `connecting to ${url.host} timed out`)),
      CONNECT_TIMEOUT_MS,
    );
    req.once('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.once('response', (res) => {
      clearTimeout(connectTimer);
      resolve(res);
    });
    req.once('error', (err) => {
      clearTimeout(connectTimer);
      reject(asOutboundError(err, signal));
    });
    req.end(hop.body);
  });
}

function asOutboundError(err: unknown, signal: AbortSignal): OutboundError {
  if (err instanceof OutboundError) return err;
  if (signal.aborted) return new OutboundError('timeout', 'the integration did not answer in time', err);
  return new OutboundError('network', (err as Error).message, err);
}

function readBounded(res: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    return Promise.reject(new OutboundError('too_large', `answer larger than ${maxBytes} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy(new OutboundError('too_large', `answer larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.once('end', () => resolve(Buffer.concat(chunks)));
    res.once('error', (err) => reject(asOutboundError(err, signal)));
  });
}
