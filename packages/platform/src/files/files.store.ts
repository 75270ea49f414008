import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A file's storage key: a UUID, so a key can never reach outside the store. */
export const fileKeyPattern = /^[0-9a-f-]{36}$/;

/**
 * Where uploaded files live: the local-disk store (the default, or a folder shared by several servers) or an
 * S3-compatible bucket (`s3.store.ts`).
 */
export interface FileStore {
  put(key: string, data: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

/** Files in a folder on local disk, named by their key. */
export function localDiskStore(folder: string): FileStore {
  const path = (key: string) => {
    if (!fileKeyPattern.test(key)) throw new Error('invalid file key');
    return join(folder, key.slice(0, 2), key);
  };
  return {
    async put(key, data) {
      const target = path(key);
      await mkdir(join(folder, key.slice(0, 2)), { recursive: true });
      await writeFile(target, data, { mode: 0o640 });
    },
    async get(key) {
      try {
        return await readFile(path(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(path(key), { force: true });
    },
  };
}
