import type { Logger } from 'pino';
import type { ConfigStore } from './config/store.ts';
import type { Db } from './db/connection.ts';
import type { EventBus } from './realtime/bus.ts';
import type { RoleCatalog } from './permissions/catalog.ts';

/** What every service is handed: the running server's parts. */
export interface App {
  config: ConfigStore;
  db: Db;
  events: EventBus;
  roles: RoleCatalog;
  log: Logger;
  version: ServerVersion;
}

export interface ServerVersion {
  version: string;
  buildNumber: string;
  buildHash: string;
}

/** The authenticated caller of a request or WebSocket action. */
export interface Session {
  id: string;
  userId: string;
  /** The user's system roles, space-separated (cached with the session; a role change invalidates it). */
  roles: string;
  createAt: number;
  expiresAt: number;
  lastActivityAt: number;
  deviceId: string;
  isOAuth: boolean;
  props: Record<string, string>;
}
