import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let resident: Actor;
let projectId = '';
let ideaImageId = '';

function value<T>(result: { ok: true; value: T } | { ok: false }): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a]);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const projectFiles = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM files WHERE owner_type = 'budget_project'`.execute(platform.db)).rows[0]?.n);

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'Mona', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  resident = { id: await platform.accounts.ensureUser({ email: 'r@example.no', displayName: 'Rune', password: null, roles: ['resident'] }), roles: ['resident'] };
  const process = await platform.processes.ensureProcess({
    slug: 'budsjett',
    status: 'published',
    title: { nb: 'Nabolagsbudsjett' },
    summary: { nb: 'Ideer blir prosjekter' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Ideer' }, startsOn: '2026-10-01', endsOn: '2026-10-31' },
      { method: 'budgeting', title: { nb: 'Avstemning' }, startsOn: '2026-11-01', endsOn: '2026-11-30' },
    ],
  });
  const [ideasPhase, phaseId = ''] = process.phaseIds;
  const ideaId = await platform.ideas.importIdea({ phaseId: ideasPhase ?? '', authorId: resident.id, title: 'Benker i parken', body: 'Flere benker ved dammen.' });
  const checked = platform.files.checkImage({ filename: 'benk.png', contentType: 'image/png', data: png, altText: 'En benk ved dammen' });
  ideaImageId = (await platform.files.attachChecked(resident.id, 'idea', ideaId, value(checked), 'nb')).id;
  const budgetId = value(await platform.budgeting.addBudget(manager, { phaseId, name: 'Sentrum', amount: 500_000 })).id;
  projectId = value(await platform.budgeting.createProject(manager, { phaseId, budgetId, cost: 80_000, ideaIds: [ideaId] })).id;
});
after(async () => drop());

test('a manager adds an image: shown before the idea’s, served to anyone, audited; and removes it again', async () => {
  const added = value(await platform.budgeting.addProjectImage(manager, { projectId, file: { filename: 'skisse.png', contentType: 'image/png', data: base64(png) }, altText: ' Skisse av benkene ', locale: 'nn' }));
  const hidden = await platform.budgeting.getProject(null, { projectId });
  assert.equal(!hidden.ok && hidden.code, 'NotFound', 'a project waiting for review is not public (its image file is)');
  const staffView = value(await platform.budgeting.getProject(manager, { projectId })).project.images;
  assert.deepEqual(staffView, [
    { url: `/files/${added.id}`, alt: 'Skisse av benkene', fileId: added.id, own: true, width: null, height: null, variantWidths: [] },
    { url: `/files/${ideaImageId}`, alt: 'En benk ved dammen', fileId: ideaImageId, own: false, width: null, height: null, variantWidths: [] },
  ]);
  const read = await platform.files.read(added.id, null);
  assert.deepEqual(read && [[...read.data], read.contentType, read.access], [[...png], 'image/png', 'public']);
  const audit = await platform.audit.forSubject('budget_project', projectId);
  assert.ok(audit.some((e) => e.action === 'budgeting.project_image_added' && e.details.fileId === added.id), JSON.stringify(audit));

  const ideaImage = await platform.budgeting.removeProjectImage(manager, { projectId, fileId: ideaImageId });
  assert.equal(!ideaImage.ok && ideaImage.code, 'NotFound', 'an idea’s image is not the project’s to remove');
  value(await platform.budgeting.removeProjectImage(manager, { projectId, fileId: added.id }));
  assert.equal(await platform.files.read(added.id, null), null);
  assert.deepEqual(value(await platform.budgeting.getProject(manager, { projectId })).project.images.map((i) => i.fileId), [ideaImageId]);
  const again = await platform.budgeting.removeProjectImage(manager, { projectId, fileId: added.id });
  assert.equal(!again.ok && again.code, 'NotFound');
  assert.ok((await platform.audit.forSubject('budget_project', projectId)).some((e) => e.action === 'budgeting.project_image_removed'));
});

test('residents and anonymous visitors are refused; a non-image or missing alt text names the field and stores nothing', async () => {
  const file = { filename: 'skisse.png', contentType: 'image/png', data: base64(png) };
  const byResident = await platform.budgeting.addProjectImage(resident, { projectId, file, altText: 'Skisse' });
  assert.equal(!byResident.ok && byResident.code, 'Forbidden');
  const anonymous = await platform.budgeting.addProjectImage(null, { projectId, file, altText: 'Skisse' });
  assert.equal(!anonymous.ok && anonymous.code, 'NotSignedIn');
  const noAlt = await platform.budgeting.addProjectImage(manager, { projectId, file, altText: '  ' });
  assert.deepEqual(!noAlt.ok && noAlt.fields?.map((f) => [f.field, f.message]), [['altText', 'field.altRequired']]);
  const document = await platform.budgeting.addProjectImage(manager, { projectId, file: { filename: 'plan.pdf', contentType: 'application/pdf', data: base64(pdf) }, altText: 'Plan' });
  assert.deepEqual(!document.ok && document.fields?.map((f) => [f.field, f.message]), [['file', 'field.imageType']]);
  const disguised = await platform.budgeting.addProjectImage(manager, { projectId, file: { ...file, data: base64(pdf) }, altText: 'Skisse' });
  assert.deepEqual(!disguised.ok && disguised.fields?.map((f) => f.field), ['file'], 'the type is checked by the content');
  const unknown = await platform.budgeting.addProjectImage(manager, { projectId: '00000000-0000-4000-8000-000000000000', file, altText: 'Skisse' });
  assert.equal(!unknown.ok && unknown.code, 'NotFound');
  const removeByResident = await platform.budgeting.removeProjectImage(resident, { projectId, fileId: ideaImageId });
  assert.equal(!removeByResident.ok && removeByResident.code, 'Forbidden');
  assert.equal(await projectFiles(), 0, 'nothing was stored');
});

test('staff put the own images in order and rewrite an alt text, audited; bad orders and empty alt text are refused', async () => {
  const add = async (alt: string) => value(await platform.budgeting.addProjectImage(manager, { projectId, file: { filename: 'a.png', contentType: 'image/png', data: base64(png) }, altText: alt })).id;
  const first = await add('Første');
  const second = await add('Andre');
  const images = async () => value(await platform.budgeting.getProject(manager, { projectId })).project.images.map((i) => [i.fileId, i.alt]);
  assert.deepEqual(await images(), [[first, 'Første'], [second, 'Andre'], [ideaImageId, 'En benk ved dammen']], 'oldest first before any order');
  value(await platform.budgeting.arrangeProjectImages(manager, { projectId, order: [second, first] }));
  value(await platform.budgeting.describeProjectImage(manager, { projectId, fileId: first, altText: ' Benkene sett fra dammen ', locale: 'nb' }));
  assert.deepEqual(await images(), [[second, 'Andre'], [first, 'Benkene sett fra dammen'], [ideaImageId, 'En benk ved dammen']], 'the idea’s image stays last');
  const third = await add('Tredje');
  assert.deepEqual((await images()).map(([id]) => id), [second, first, third, ideaImageId], 'an image added since follows the ordered ones');

  for (const order of [[second, first], [second, first, third, third], [second, first, ideaImageId]]) {
    const refused = await platform.budgeting.arrangeProjectImages(manager, { projectId, order });
    assert.deepEqual(!refused.ok && refused.fields?.map((f) => [f.field, f.message]), [['order', 'budgeting.images.orderIncomplete']]);
  }
  const noAlt = await platform.budgeting.describeProjectImage(manager, { projectId, fileId: second, altText: '   ' });
  assert.deepEqual(!noAlt.ok && noAlt.fields?.map((f) => [f.field, f.message]), [['altText', 'field.altRequired']]);
  const ideaAlt = await platform.budgeting.describeProjectImage(manager, { projectId, fileId: ideaImageId, altText: 'Ny' });
  assert.equal(!ideaAlt.ok && ideaAlt.code, 'NotFound', 'an idea’s image is not the project’s to describe');
  const byResident = await platform.budgeting.arrangeProjectImages(resident, { projectId, order: [first, second, third] });
  assert.equal(!byResident.ok && byResident.code, 'Forbidden');
  const describedByResident = await platform.budgeting.describeProjectImage(resident, { projectId, fileId: first, altText: 'Ny' });
  assert.equal(!describedByResident.ok && describedByResident.code, 'Forbidden');
  assert.deepEqual((await images()).map(([id]) => id), [second, first, third, ideaImageId], 'nothing changed');
  const actions = (await platform.audit.forSubject('budget_project', projectId)).map((e) => e.action);
  assert.ok(actions.includes('budgeting.project_images_arranged') && actions.includes('budgeting.project_image_described'), actions.join());
});

test('removing a project removes its own images with it', async () => {
  const added = value(await platform.budgeting.addProjectImage(manager, { projectId, file: { filename: 'a.png', contentType: 'image/png', data: base64(png) }, altText: 'Skisse' }));
  value(await platform.budgeting.removeProject(manager, { projectId }));
  assert.equal(await projectFiles(), 0);
  assert.equal(await platform.files.read(added.id, null), null);
  assert.ok(await platform.files.read(ideaImageId, null), 'the idea keeps its image');
});
