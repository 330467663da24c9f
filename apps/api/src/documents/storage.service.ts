import { mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where document bytes live, by a key the server generates. Small on purpose: an object-storage
 * implementation (S3, Swift…) only needs these three methods.
 */
export abstract class StorageService {
  /** Stores the bytes under a new key and returns it. */
  abstract put(bytes: Buffer): Promise<string>;
  /** The bytes of `key`; rejects when they are missing. */
  abstract get(key: string): Promise<Readable>;
  /** Removes `key`; a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export class InvalidStorageKeyError extends Error {}

/** Files in a folder outside the web root, under `ab/cd/<uuid>` so that no folder grows too large. */
export class LocalDiskStorage extends StorageService {
  private readonly root: string;

  constructor(root: string, webRoot?: string) {
    super();
    this.root = resolve(root);
    if (webRoot && isInside(resolve(webRoot), this.root)) {
      throw new Error(`The document storage folder (${this.root}) must not be inside the web root (${webRoot})`);
    }
  }

  async put(bytes: Buffer): Promise<string> {
    const key = randomUUID();
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true, mode: 0o750 });
    // Written beside the target then renamed: a reader never sees half a file, even after a crash.
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temporary, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return key;
  }

  async get(key: string): Promise<Readable> {
    // Opened first so that a missing file fails here, before any response header is sent.
    const handle = await open(this.pathOf(key), 'r');
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** Only keys this service generated map to a path, and the path stays under the root. */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new InvalidStorageKeyError('invalid storage key');
    const path = join(this.root, key.slice(0, 2), key.slice(2, 4), key);
    if (!isInside(this.root, path)) throw new InvalidStorageKeyError('invalid storage key');
    return path;
  }
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
