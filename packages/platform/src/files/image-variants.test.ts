// An uploaded image is kept with smaller WebP copies of the same shape (issue 22), on local disk and in an
// S3-compatible bucket alike; a file that is not a decodable image is kept as uploaded, without copies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { testPlatform } from '../testing/database.ts';
import { startTestS3 } from '../testing/s3.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import { localDiskStore, type FileStore } from './files.store.ts';
import { s3Store } from './s3.store.ts';
import { resizeImage } from './image-variants.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const photo = (width: number, height: number, orientation?: number) => {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg();
  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer();
};

test('a wide photo gets 480, 960 and 1600 px WebP copies of its shape; a small one none', async () => {
  const resized = await resizeImage(await photo(2000, 1000));
  assert.ok(resized);
  assert.deepEqual([resized.width, resized.height], [2000, 1000]);
  assert.deepEqual(resized.variants.map((v) => [v.width, v.height]), [[480, 240], [960, 480], [1600, 800]]);
  for (const v of resized.variants) {
    const meta = await sharp(v.data).metadata();
    assert.equal(meta.format, 'webp');
    assert.deepEqual([meta.width, meta.height], [v.width, v.height], 'the copy is the size its row says');
  }
  const small = await resizeImage(await photo(400, 300));
  assert.deepEqual(small && [small.width, small.height, small.variants.length], [400, 300, 0]);
});

test("a photo taken on its side is measured and copied as it is shown (its EXIF orientation applied)", async () => {
  // Stored 1200 × 800 with orientation 6 (turn 90° clockwise): shown 800 wide and 1200 high.
  const resized = await resizeImage(await photo(1200, 800, 6));
  assert.ok(resized);
  assert.deepEqual([resized.width, resized.height], [800, 1200]);
  assert.deepEqual(resized.variants.map((v) => [v.width, v.height]), [[480, 720]]);
});

test('bytes that only start like an image are not decoded: no copies', async () => {
  assert.equal(await resizeImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])), null);
});

let s3: Awaited<ReturnType<typeof startTestS3>>;
before(async () => {
  s3 = await startTestS3();
});
after(async () => s3.close());

for (const kind of ['local disk', 'S3'] as const) {
  describe(`stored on ${kind}`, () => {
    let platform: Platform;
    let drop: () => Promise<void>;
    let store: FileStore;
    const written: string[] = [];
    let manager: Actor;
    let phaseId = '';
    before(async () => {
      store = kind === 'S3' ? s3Store(s3.store) : localDiskStore(mkdtempSync(join(tmpdir(), 'tingsted-variants-')));
      // The keys written, to see that removing an image removes every copy's bytes.
      const recording: FileStore = { ...store, put: (key, data) => (written.push(key), store.put(key, data)) };
      ({ platform, drop } = await testPlatform({ fileStore: recording }));
      manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'M', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
      const created = await platform.processes.ensureProcess({
        slug: 'bilder',
        status: 'published',
        title: { nb: 'Bilder' },
        summary: { nb: 'Bilder' },
        startsOn: null,
        endsOn: null,
        createdBy: manager.id,
        phases: [{ method: 'information', title: { nb: 'Se' }, startsOn: '2026-01-01', endsOn: '2026-12-31' }],
      });
      phaseId = created.phaseIds[0] ?? '';
    });
    after(async () => drop());

    test('an uploaded image is listed with its size and copies, each served at its width, and removed with it', async () => {
      const original = await photo(1800, 1200);
      const attached = await platform.files.attach(manager, { ownerType: 'phase', ownerId: phaseId, filename: 'torget.jpg', contentType: 'image/jpeg', data: new Uint8Array(original), altText: 'Torget', locale: 'nb' });
      assert.ok(attached.ok);
      const [listed] = await platform.files.listFor('phase', [phaseId]);
      assert.deepEqual(listed && [listed.width, listed.height, listed.variantWidths], [1800, 1200, [480, 960, 1600]]);
      for (const width of [480, 960, 1600]) {
        const served = await platform.files.read(attached.value.id, null, width);
        assert.ok(served, `the ${width} px copy is served`);
        assert.equal(served.contentType, 'image/webp');
        assert.equal(served.filename, `torget-${width}.webp`);
        const meta = await sharp(served.data).metadata();
        assert.equal(meta.width, width);
        assert.equal(meta.height, Math.round((width * 1200) / 1800), 'the copy keeps the 3:2 shape');
      }
      assert.equal(await platform.files.read(attached.value.id, null, 700), null, 'a width without a copy is not served');
      const whole = await platform.files.read(attached.value.id);
      assert.deepEqual(whole?.data && Buffer.from(whole.data).equals(original), true, 'the upload itself is kept byte for byte');

      // Removing an image removes its copies' bytes too (shown with an idea's image: phases' files are not
      // removed through `detach`).
      const resident = { id: await platform.accounts.ensureUser({ email: 'r@example.no', displayName: 'R', password: null, roles: ['resident'] }), roles: ['resident' as const] };
      const ideaImage = platform.files.checkImage({ filename: 'a.jpg', contentType: 'image/jpeg', data: new Uint8Array(original), altText: 'A' });
      assert.ok(ideaImage.ok);
      const ownerId = crypto.randomUUID();
      const before = written.length;
      const { id } = await platform.files.attachChecked(resident.id, 'idea', ownerId, ideaImage.value, 'nb');
      const keys = written.slice(before);
      assert.equal(keys.length, 4, 'the upload and its three copies');
      for (const key of keys) assert.ok(await store.get(key));
      assert.deepEqual(await platform.files.detach(resident.id, 'idea', ownerId, [id]), [id]);
      for (const key of keys) assert.equal(await store.get(key), null, `${key} is removed`);
      assert.equal(await platform.files.read(id), null);
    });
  });
}
