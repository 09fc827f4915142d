import type { Readable } from 'node:stream';
import type { Config } from '../../config/defaults.ts';
import { LocalBackend } from './local.ts';
import { S3Backend } from './s3.ts';

/** An inclusive byte range, as HTTP Range requests name them. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where file bytes live (Mattermost's FileBackend): a local directory or an S3-compatible bucket.
 * Paths are relative, '/'-separated, and chosen by the server (never by a client).
 */
export interface FileBackend {
  put(path: string, data: Buffer, contentType: string): Promise<void>;
  /** The whole object; FileMissingError when absent. */
  read(path: string): Promise<Buffer>;
  /** A stream of the object (or of `range` of it) and the object's full size. */
  open(path: string, range?: ByteRange): Promise<{ stream: Readable; size: number }>;
  /** The object's size, or null when absent. */
  size(path: string): Promise<number | null>;
  remove(path: string): Promise<void>;
}

export class FileMissingError extends Error {
  constructor(path: string) {
    super(`file not found: ${path}`);
  }
}

/** Refuses paths that could leave the store's root (they are built by the server, so this is a guard). */
export function checkPath(path: string): string {
  const parts = path.split('/');
  if (path === '' || path.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..'))
    throw new Error(`invalid file path: ${path}`);
  return path;
}

type FileSettings = Config['FileSettings'];

let cached: { key: string; backend: FileBackend } | null = null;

/** The backend FileSettings describe; rebuilt when the settings change (config reload). */
export function fileBackend(settings: FileSettings): FileBackend {
  const key = JSON.stringify(settings);
  if (cached?.key === key) return cached.backend;
  const backend =
    settings.DriverName === 'amazons3' ? new S3Backend(settings) : new LocalBackend(settings.Directory);
  cached = { key, backend };
  return backend;
}
