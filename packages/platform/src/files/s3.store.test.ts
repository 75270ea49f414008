// The S3 store against an S3-compatible server started here (S3rver behind a front that checks Signature V4).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestS3 } from '../testing/s3.ts';
import { s3Store, S3StoreError } from './s3.store.ts';

let s3: Awaited<ReturnType<typeof startTestS3>>;
before(async () => {
  s3 = await startTestS3();
});
after(async () => s3.close());

test('stores, returns and deletes a file byte for byte; a missing file is null', async () => {
  const store = s3Store(s3.store);
  await store.check();
  const key = randomUUID();
  const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
  await store.put(key, bytes);
  assert.deepEqual(await store.get(key), bytes);
  // A second store on the same bucket (another app server) sees the same file.
  assert.deepEqual(await s3Store(s3.store).get(key), bytes);
  await store.delete(key);
  assert.equal(await store.get(key), null);
  await store.delete(key);
  assert.equal(await store.get(randomUUID()), null);
});

test('a wrong secret, a missing bucket and a bad key are refused, naming the reason', async () => {
  const wrong = s3Store({ ...s3.store, secretAccessKey: 'not-the-secret' });
  await assert.rejects(wrong.put(randomUUID(), new Uint8Array([1])), (error: unknown) => error instanceof S3StoreError && error.status === 403 && error.code === 'SignatureDoesNotMatch');
  await assert.rejects(wrong.check(), (error: unknown) => error instanceof S3StoreError && error.status === 403);
  await assert.rejects(s3Store({ ...s3.store, accessKeyId: 'SOMEONE' }).get(randomUUID()), (error: unknown) => error instanceof S3StoreError && error.code === 'InvalidAccessKeyId');
  const missing = s3Store({ ...s3.store, bucket: 'no-such-bucket' });
  await assert.rejects(missing.check(), (error: unknown) => error instanceof S3StoreError && error.code === 'NoSuchBucket');
  await assert.rejects(missing.put(randomUUID(), new Uint8Array([1])), (error: unknown) => error instanceof S3StoreError && error.code === 'NoSuchBucket');
  await assert.rejects(s3Store(s3.store).get('../../etc/passwd'), /invalid file key/);
  const unreachable = s3Store({ ...s3.store, endpoint: 'http://127.0.0.1:1', timeoutMs: 2000 });
  await assert.rejects(unreachable.get(randomUUID()), (error: unknown) => error instanceof S3StoreError && error.status === 0);
});
