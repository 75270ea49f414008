import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where uploaded files live. The local-disk store is the default; an S3-compatible store can implement
 * the same three calls.
 */
export interface FileStore {
  put(key: string, data: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

/** Files in a folder on local disk, named by their key. */
export function localDiskStore(folder: string): FileStore {
  const path = (key: string) => {
    if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error('invalid file key');
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
