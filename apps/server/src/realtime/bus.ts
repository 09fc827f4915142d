import { EventEmitter } from 'node:events';

/** Who receives an event, with Mattermost's broadcast fields. */
export interface Broadcast {
  userId?: string;
  channelId?: string;
  teamId?: string;
  omitUsers?: string[];
  connectionId?: string;
  omitConnectionId?: string;
}

export interface ServerEvent {
  event: string;
  data: Record<string, unknown>;
  broadcast: Broadcast;
  /** Internal events (session revoked, cache invalidation) reach other nodes but never a client. */
  internal?: boolean;
}

/**
 * Where services publish events once their transaction has committed. In-process for one node;
 * a Redis implementation of the same interface fans out across a cluster.
 */
export interface EventBus {
  publish(event: ServerEvent): void;
  subscribe(listener: (event: ServerEvent) => void): () => void;
}

export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: ServerEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: ServerEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
