import type { IncomingMessage } from 'node:http';
import type { App } from '../app.ts';
import { websocketOriginAllowed } from '../http/cors.ts';
import { isValidId } from '../platform/ids.ts';

export const WEBSOCKET_PATH = '/api/v4/websocket';

export interface ResumeRequest {
  connectionId: string;
  sequenceNumber: number;
}

/** The websocket Origin rule, shared with the CORS settings (see websocketOriginAllowed). */
export function originAllowed(app: App, req: IncomingMessage): boolean {
  return websocketOriginAllowed(app.config.get().ServiceSettings, req.headers.origin, req.headers.host);
}

/** The session token of the upgrade request: cookie MMAUTHTOKEN, then `Authorization: Bearer|Token`. */
export function upgradeToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === 'MMAUTHTOKEN') {
      const value = decodeURIComponent(part.slice(eq + 1).trim());
      if (value) return value;
    }
  }
  const match = /^(bearer|token)\s+(\S+)$/i.exec((req.headers.authorization ?? '').trim());
  return match ? match[2] : null;
}

/**
 * `connection_id` + `sequence_number` of a reconnect; null for a fresh connection, 'bad' when
 * the id is malformed or the sequence number missing (Mattermost fails such upgrades).
 */
export function resumeRequest(url: URL): ResumeRequest | null | 'bad' {
  const connectionId = url.searchParams.get('connection_id') ?? '';
  if (!connectionId) return null;
  const seq = url.searchParams.get('sequence_number');
  if (!isValidId(connectionId) || seq === null || !/^\d{1,15}$/.test(seq)) return 'bad';
  return { connectionId, sequenceNumber: Number(seq) };
}
