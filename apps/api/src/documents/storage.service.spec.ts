import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InvalidStorageKeyError, LocalDiskStorage } from './storage.service';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('LocalDiskStorage', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tremplin-storage-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores bytes under a generated key in two-level folders and reads them back', async () => {
    const storage = new LocalDiskStorage(root);
    const key = await storage.put(Buffer.from('contenu'));
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(await readFile(join(root, key.slice(0, 2), key.slice(2, 4), key), 'utf8')).toBe('contenu');
    expect((await readAll(await storage.get(key))).toString()).toBe('contenu');
    // No temporary file is left behind.
    expect(await readdir(join(root, key.slice(0, 2), key.slice(2, 4)))).toEqual([key]);
  });

  it('deletes, and a missing key is not an error on delete but is on read', async () => {
    const storage = new LocalDiskStorage(root);
    const key = await storage.put(Buffer.from('x'));
    await storage.delete(key);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('accepts only the keys it generates: no path traversal', async () => {
    const storage = new LocalDiskStorage(root);
    for (const key of ['../../etc/passwd', '/etc/passwd', 'aa/../../x', '', 'ABCDEF00-0000-4000-8000-000000000000', `${'0'.repeat(8)}-0000-4000-8000-000000000000/..`]) {
      expect(() => storage.pathOf(key)).toThrow(InvalidStorageKeyError);
      await expect(storage.get(key)).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.delete(key)).rejects.toThrow(InvalidStorageKeyError);
    }
  });

  it('refuses a storage folder inside the web root', () => {
    expect(() => new LocalDiskStorage(join(root, 'web', 'documents'), join(root, 'web'))).toThrow(/web root/);
    expect(() => new LocalDiskStorage(join(root, 'documents'), join(root, 'web'))).not.toThrow();
  });
});
