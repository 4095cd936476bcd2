import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

/** Where attachment bytes live (disk under the data dir, or an S3 bucket); keys are generated, never taken from users. */
export type FileStore = {
  put(bytes: Buffer): Promise<string>;
  /** A stream of the bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Readable | null>;
  remove(key: string): Promise<void>;
  /** For `playmaker files migrate`: every stored key, presence, and a write under a given key. */
  keys(): AsyncIterable<string>;
  has(key: string): Promise<boolean>;
  write(key: string, bytes: Buffer): Promise<void>;
};

const keyPattern = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/** `ab/ab12…`: a random UUID under a two-character fan-out folder. */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

export function isStorageKey(key: string): boolean {
  return keyPattern.test(key);
}

export function assertStorageKey(key: string): string {
  if (!isStorageKey(key)) throw new Error('invalid storage key');
  return key;
}

export function createDiskFileStore(dataDir: string): FileStore {
  const root = path.join(dataDir, 'files');
  const resolve = (key: string) => path.join(root, assertStorageKey(key));
  const write = async (key: string, bytes: Buffer) => {
    const file = resolve(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves a partial file that a re-run of `files migrate` would skip.
    const partial = `${file}.${randomUUID()}.partial`;
    await writeFile(partial, bytes);
    await rename(partial, file);
  };
  return {
    async put(bytes) {
      const key = newStorageKey();
      await write(key, bytes);
      return key;
    },
    async get(key) {
      // Opened eagerly, so a missing file is a null here rather than an error mid-response.
      const handle = await open(resolve(key)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
      return handle ? handle.createReadStream() : null;
    },
    remove: (key) => rm(resolve(key), { force: true }),
    async *keys() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(
        (err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return [];
          throw err;
        },
      );
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const key = path
          .relative(root, path.join(entry.parentPath, entry.name))
          .split(path.sep)
          .join('/');
        if (isStorageKey(key)) yield key;
      }
    },
    has: (key) =>
      stat(resolve(key)).then(
        (s) => s.isFile(),
        () => false,
      ),
    write,
  };
}
