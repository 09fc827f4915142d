import pino, { type DestinationStream, type Logger } from 'pino';

const RING_LINES = 2000;
const MAX_LINE = 4096;

/** The last N JSON log lines in memory, for GET /logs (a bounded stand-in for Mattermost's log file). */
export class LogRing implements DestinationStream {
  private readonly lines: string[] = [];
  private readonly size: number;

  constructor(size = RING_LINES) {
    this.size = size;
  }

  write(line: string): void {
    const trimmed = line.endsWith('\n') ? line.slice(0, -1) : line;
    this.lines.push(trimmed.length > MAX_LINE ? trimmed.slice(0, MAX_LINE) : trimmed);
    if (this.lines.length > this.size) this.lines.splice(0, this.lines.length - this.size);
  }

  /** Page 0 is the newest `perPage` lines; each page is returned oldest first, as a log file reads. */
  page(page: number, perPage: number): string[] {
    const end = this.lines.length - page * perPage;
    if (end <= 0) return [];
    return this.lines.slice(Math.max(0, end - perPage), end);
  }
}

const rings = new WeakMap<Logger, LogRing>();

/**
 * A logger writing where `base` writes (stdout when none) and also into a ring kept for GET /logs.
 * The ring is found again from the logger, so nothing else needs to carry it.
 */
export function withLogRing(base: Logger | undefined, level: string): Logger {
  const target = base
    ? (base as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym]
    : pino.destination(1);
  const ring = new LogRing();
  const log = pino(
    { level: base?.level ?? level },
    pino.multistream([
      { level: 'trace', stream: target },
      { level: 'trace', stream: ring },
    ]),
  );
  rings.set(log, ring);
  return log;
}

export function logRingOf(log: Logger): LogRing | undefined {
  return rings.get(log);
}
