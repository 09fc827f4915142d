import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { checkPath, FileMissingError, type ByteRange, type FileBackend } from './backend.ts';
import { newId } from '../ids.ts';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** Files under FileSettings.Directory (default ./data/), laid out as Mattermost's local driver. */
export class LocalBackend implements FileBackend {
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory || './data/');
  }

  private full(path: string): string {
    return join(this.root, checkPath(path));
  }

  async put(path: string, data: Buffer): Promise<void> {
    const target = this.full(path);
    await mkdir(dirname(target), { recursive: true });
    // Written aside and renamed, so a reader never sees half a file.
    const temp = `${target}.${newId()}.tmp`;
    await writeFile(temp, data);
    await rename(temp, target);
  }

  async read(path: string): Promise<Buffer> {
    try {
      return await readFile(this.full(path));
    } catch (err) {
      if (isMissing(err)) throw new FileMissingError(path);
      throw err;
    }
  }

  async open(path: string, range?: ByteRange) {
    const size = await this.size(path);
    if (size === null) throw new FileMissingError(path);
    const stream = createReadStream(this.full(path), range ? { start: range.start, end: range.end } : {});
    return { stream, size };
  }

  async size(path: string): Promise<number | null> {
    try {
      return (await stat(this.full(path))).size;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async remove(path: string): Promise<void> {
    await rm(this.full(path), { force: true });
  }
}
