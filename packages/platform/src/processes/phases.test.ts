// Changing a timeline after it was made: editing a phase, moving it, and removing it, with the rules that keep
// what residents made (a phase with inputs stays; a started phase keeps its place).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let resident: Actor;

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'M', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  resident = { id: await platform.accounts.ensureUser({ email: 'r@example.no', displayName: 'R', password: null, roles: ['resident'] }), roles: ['resident'] };
});
after(async () => drop());

async function timeline(processId: string) {
  const process = await platform.processes.getProcessById(processId);
  return (process?.phases ?? []).map((p) => [p.title.nb, p.startsOn, p.endsOn]);
}

test('moving a phase swaps it with its neighbour: the two keep their shared span, their lengths and the gap', async () => {
  const created = await platform.processes.ensureProcess({
    slug: 'flytting',
    status: 'draft',
    title: { nb: 'Flytting' },
    summary: { nb: 'x' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'information', title: { nb: 'A' }, startsOn: '2027-01-01', endsOn: '2027-01-10' },
      { method: 'ideas', title: { nb: 'B' }, startsOn: '2027-01-15', endsOn: '2027-01-17' },
      { method: 'survey', title: { nb: 'C' }, startsOn: '2027-02-01', endsOn: '2027-02-28' },
    ],
  });
  const [, b, c] = created.phaseIds as [string, string, string];
  assert.ok((await platform.processes.reorderPhase(manager, created.id, b, 'up')).ok);
  // B (3 days) now starts where A started; A (10 days) ends where B ended; the 4-day gap stays between them.
  assert.deepEqual(await timeline(created.id), [
    ['B', '2027-01-01', '2027-01-03'],
    ['A', '2027-01-08', '2027-01-17'],
    ['C', '2027-02-01', '2027-02-28'],
  ]);
  assert.ok((await platform.processes.reorderPhase(manager, created.id, c, 'up')).ok);
  assert.deepEqual((await timeline(created.id)).map(([title]) => title), ['B', 'C', 'A']);
  assert.deepEqual((await platform.processes.getProcessById(created.id))?.endsOn, '2027-02-28', 'the process keeps its span');
  const first = await platform.processes.reorderPhase(manager, created.id, b, 'up');
  assert.deepEqual(!first.ok && [first.code, first.fields?.[0]?.message], ['ValidationFailed', 'field.phaseFirst']);
  assert.equal((await platform.processes.reorderPhase(resident, created.id, b, 'down')).ok, false);
  const wrong = await platform.processes.reorderPhase(manager, created.id, b, 'sideways');
  assert.deepEqual(!wrong.ok && wrong.fields?.map((f) => f.field), ['direction']);
});

test('a phase that has started keeps its place; one with inputs is not removed, and the refusal gives the reason', async () => {
  const created = await platform.processes.ensureProcess({
    slug: 'regler',
    status: 'published',
    title: { nb: 'Regler' },
    summary: { nb: 'x' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2026-11-01', endsOn: '2026-11-30' },
      { method: 'survey', title: { nb: 'Spørsmål' }, startsOn: '2026-12-01', endsOn: '2026-12-31' },
      { method: 'information', title: { nb: 'Info' }, startsOn: '2027-01-01', endsOn: '2027-01-31' },
    ],
  });
  const [ideas, survey, info] = created.phaseIds as [string, string, string];
  const moved = await platform.processes.reorderPhase(manager, created.id, survey, 'up');
  assert.deepEqual(!moved.ok && [moved.code, moved.fields?.[0]?.field, moved.fields?.[0]?.message], ['InUse', 'direction', 'field.phaseStartedKeepsPlace']);

  await platform.ideas.importIdea({ phaseId: ideas, authorId: resident.id, title: 'Benker', body: 'Flere benker' });
  await platform.ideas.importIdea({ phaseId: ideas, authorId: resident.id, title: 'Lys', body: 'Bedre lys' });
  const withInputs = await platform.processes.removePhase(manager, created.id, ideas);
  assert.deepEqual(!withInputs.ok && [withInputs.code, withInputs.fields?.[0]?.field, withInputs.fields?.[0]?.message, withInputs.fields?.[0]?.params?.count], ['InUse', 'phaseId', 'field.phaseHasInputs', 2]);

  assert.ok((await platform.surveys.addQuestion(manager, survey, { kind: 'short_text', prompt: 'Hva?', locale: 'nb' })).ok);
  // The survey has no responses and has not started: it can go; the information phase too.
  assert.ok((await platform.processes.removePhase(manager, created.id, survey)).ok);
  assert.ok((await platform.processes.removePhase(manager, created.id, info)).ok);
  assert.deepEqual((await timeline(created.id)).map(([title]) => title), ['Idéer']);
  assert.equal((await platform.processes.getProcessById(created.id))?.endsOn, '2026-11-30', 'the process ends with its last phase');
});

test('a started phase of a published process stays even without inputs; a draft may lose any phase without inputs', async () => {
  const published = await platform.processes.ensureProcess({
    slug: 'startet', status: 'published', title: { nb: 'Startet' }, summary: { nb: 'x' }, startsOn: null, endsOn: null, createdBy: manager.id,
    phases: [{ method: 'information', title: { nb: 'Nå' }, startsOn: '2026-11-01', endsOn: '2026-11-30' }],
  });
  const started = await platform.processes.removePhase(manager, published.id, published.phaseIds[0] ?? '');
  assert.deepEqual(!started.ok && [started.code, started.fields?.[0]?.message], ['InUse', 'field.phaseStarted']);
  const draft = await platform.processes.ensureProcess({
    slug: 'utkast', status: 'draft', title: { nb: 'Utkast' }, summary: { nb: 'x' }, startsOn: null, endsOn: null, createdBy: manager.id,
    phases: [{ method: 'information', title: { nb: 'Nå' }, startsOn: '2026-11-01', endsOn: '2026-11-30' }],
  });
  assert.ok((await platform.processes.removePhase(manager, draft.id, draft.phaseIds[0] ?? '')).ok);
});

test('editing a phase: title in one language, dates without overlap, the switches of its method', async () => {
  const created = await platform.processes.ensureProcess({
    slug: 'redigering', status: 'draft', title: { nb: 'Redigering' }, summary: { nb: 'x' }, startsOn: null, endsOn: null, createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Idéer', en: 'Ideas' }, startsOn: '2027-01-01', endsOn: '2027-01-31', settings: { categories: ['Trafikk'] } },
      { method: 'survey', title: { nb: 'Spørsmål' }, startsOn: '2027-02-01', endsOn: '2027-02-28' },
    ],
  });
  const [ideas, survey] = created.phaseIds as [string, string];
  const overlap = await platform.processes.updatePhase(manager, created.id, ideas, { title: 'Forslag', locale: 'nb', startsOn: '2027-01-01', endsOn: '2027-02-05' });
  assert.deepEqual(!overlap.ok && overlap.fields?.map((f) => [f.field, f.message]), [['startsOn', 'field.phaseOverlap']]);
  const empty = await platform.processes.updatePhase(manager, created.id, ideas, { title: ' ', locale: 'nb', startsOn: '2027-01-31', endsOn: '2027-01-01' });
  assert.deepEqual(!empty.ok && empty.fields?.map((f) => f.field), ['title', 'endsOn']);
  assert.ok((await platform.processes.updatePhase(manager, created.id, ideas, { title: 'Forslag', locale: 'nb', startsOn: '2027-01-05', endsOn: '2027-01-25', preScreening: true, categories: 'Trafikk\nLek' })).ok);
  assert.ok((await platform.processes.updatePhase(manager, created.id, survey, { title: 'Undersøkelse', locale: 'nb', startsOn: '2027-02-01', endsOn: '2027-02-28', publicResults: true, preScreening: true })).ok);
  const process = await platform.processes.getProcessById(created.id);
  const [edited, surveyPhase] = process?.phases ?? [];
  assert.deepEqual(edited?.title, { nb: 'Forslag', en: 'Ideas' }, 'the other language is kept');
  assert.deepEqual([edited?.startsOn, edited?.endsOn, edited?.settings.preScreening, edited?.settings.categories], ['2027-01-05', '2027-01-25', true, ['Trafikk', 'Lek']]);
  assert.deepEqual([surveyPhase?.settings.publicResults, surveyPhase?.settings.preScreening], [true, undefined], 'a survey takes only its own switch');
  assert.equal(process?.startsOn, '2027-01-05');
  assert.equal((await platform.processes.updatePhase(resident, created.id, ideas, { title: 'x', locale: 'nb', startsOn: '2027-01-05', endsOn: '2027-01-25' })).ok, false);
});
