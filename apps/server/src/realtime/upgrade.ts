import type { IncomingMessage } from 'node:http';
import type { App } from '../app.ts';
import { isValidId } from '../platform/ids.ts';

export const WEBSOCKET_PATH = '/api/v4/websocket';

export interface ResumeRequest {
  connectionId: string;
  sequenceNumber: number;
}

/**
 * Mattermost's websocket origin rule: with ServiceSettings.AllowCorsFrom set, the Origin must be
 * one of those (or SiteURL); otherwise it must name the host the request was sent to. Without an
 * Origin header (non-browser clients) there is no cross-site risk. This is what stops another
 * site from opening a socket with the user's cookie.
 */
export function originAllowed(app: App, req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const settings = app.config.get().ServiceSettings;
  const allowed = settings.AllowCorsFrom.trim();
  if (allowed) {
    const list = allowed.split(/\s+/);
    if (list.includes('*')) return true;
    if (settings.SiteURL) {
      try {
        list.push(new URL(settings.SiteURL).origin);
      } catch {
        // An unparsable SiteURL adds nothing to the list.
      }
    }
    return list.includes(origin);
  }
  try {
    return new URL(origin).host.toLowerCase() === (req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
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
