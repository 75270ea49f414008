import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3StoreOptions } from '../files/s3.store.ts';

/** The credentials the test S3 server accepts (S3rver's built-in account). */
const testCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * An S3-compatible server (S3rver, from the npm registry) on a free loopback port, holding one empty bucket
 * in a temporary folder; it checks request signatures as S3 does. `close()` stops it and removes the folder.
 */
export async function startTestS3(bucket = 'tingsted-test'): Promise<{ endpoint: string; store: S3StoreOptions; close(): Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'tingsted-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    store: { endpoint, bucket, region: 'us-east-1', pathStyle: true, ...testCredentials },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
