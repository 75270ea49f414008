import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let phaseId = '';

before(async () => {
  ({ platform, drop } = await testPlatform());
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'M', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  const created = await platform.processes.ensureProcess({
    slug: 'info',
    status: 'published',
    title: { nb: 'Info' },
    summary: { nb: 'Info' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'information', title: { nb: 'Les' }, startsOn: '2026-01-01', endsOn: '2026-12-31' }],
  });
  phaseId = created.phaseIds[0] ?? '';
});
after(async () => drop());

const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a]);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

test('a document is stored on disk and read back byte for byte', async () => {
  const attached = await platform.files.attach(manager, { ownerType: 'phase', ownerId: phaseId, filename: 'plan.pdf', contentType: 'application/pdf', data: pdf, locale: 'nb' });
  assert.ok(attached.ok);
  const read = await platform.files.read(attached.value.id);
  assert.deepEqual(read?.data && [...read.data], [...pdf]);
  assert.equal(read?.contentType, 'application/pdf');
  const listed = await platform.files.listFor('phase', [phaseId]);
  assert.deepEqual(listed.map((f) => [f.filename, f.kind, f.sizeBytes]), [['plan.pdf', 'document', pdf.byteLength]]);
});

test('images need alt text; a wrong type, a disguised file and an oversized file are refused; residents cannot upload', async () => {
  const noAlt = await platform.files.attach(manager, { ownerType: 'phase', ownerId: phaseId, filename: 'kart.png', contentType: 'image/png', data: png, locale: 'nb' });
  assert.deepEqual(!noAlt.ok && noAlt.fields?.map((f) => f.message), ['field.altRequired']);
  const withAlt = await platform.files.attach(manager, { ownerType: 'phase', ownerId: phaseId, filename: 'kart.png', contentType: 'image/png', data: png, altText: 'Kart over sentrum', locale: 'nb' });
  assert.equal(withAlt.ok, true);
  const exe = await platform.files.attach(manager, { ownerType: 'phase', ownerId: phaseId, filename: 'virus.exe', contentType: 'application/x-msdownload', data: new Uint8Array([0x4d, 0x5a, 0x90]), locale: 'nb' });
  assert.deepEqual(!exe.ok && exe.fields?.map((f) => f.message), ['field.fileType']);
  const disguised = await platform.files.attach(manager, { ownerType: 'phase', ownerId: phaseId, filename: 'plan.pdf', contentType: 'application/pdf', data: new Uint8Array([0x4d, 0x5a, 0x90, 0x00]), locale: 'nb' });
  assert.deepEqual(!disguised.ok && disguised.fields?.map((f) => f.message), ['field.fileType']);
  const big = new Uint8Array(5 * 1024 * 1024 + 1);
  big.set(pdf);
  const tooBig = await platform.files.attach(manager, { ownerType: 'phase', ownerId: phaseId, filename: 'stor.pdf', contentType: 'application/pdf', data: big, locale: 'nb' });
  assert.deepEqual(!tooBig.ok && tooBig.fields?.map((f) => f.message), ['field.fileTooLarge']);
  const resident = await platform.files.attach({ id: manager.id, roles: ['resident'] }, { ownerType: 'phase', ownerId: phaseId, filename: 'a.pdf', contentType: 'application/pdf', data: pdf, locale: 'nb' });
  assert.equal(!resident.ok && resident.code, 'Forbidden');
  assert.equal((await platform.files.listFor('phase', [phaseId])).length, 2, 'only the two accepted files were stored');
});
