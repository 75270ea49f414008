// Editing a survey's questions after they were made: wording, choices, order and removal, and the rules that
// keep what residents answered (an answered question stays; answered choices keep their lines).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let resident: Actor;
let phaseId = '';

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'M', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  resident = { id: await platform.accounts.ensureUser({ email: 'r@example.no', displayName: 'R', password: null, roles: ['resident'] }), roles: ['resident'] };
  const created = await platform.processes.ensureProcess({
    slug: 'skjema', status: 'published', title: { nb: 'Skjema' }, summary: { nb: 'x' }, startsOn: null, endsOn: null, createdBy: manager.id,
    phases: [{ method: 'survey', title: { nb: 'Spørsmål' }, startsOn: '2026-11-01', endsOn: '2026-12-31' }],
  });
  phaseId = created.phaseIds[0] ?? '';
});
after(async () => drop());

const add = async (input: Parameters<Platform['surveys']['addQuestion']>[2]) => {
  const result = await platform.surveys.addQuestion(manager, phaseId, input);
  assert.ok(result.ok);
  return result.value.id;
};
const questions = async () => platform.surveys.questionsOf(phaseId);
const labels = async (id: string) => (await questions()).find((q) => q.id === id)?.options.choices?.map((c) => [c.key, c.label.nb ?? '', c.label.en ?? '']);

test('before anyone answers, questions and choices change freely; other languages follow their text', async () => {
  const transport = await add({ kind: 'single_choice', prompt: 'Hvordan reiser du?', locale: 'nb', choices: 'Buss\nSykkel\nBil' });
  const other = await add({ kind: 'long_text', prompt: 'Noe annet?', locale: 'nb' });
  assert.ok((await platform.surveys.updateQuestion(manager, phaseId, transport, { prompt: 'How do you travel?', locale: 'en', choices: 'Bus\nBike\nCar' })).ok);
  // Reordered in Norwegian: each line keeps its English text (a new text on a line keeps that line's); the keys
  // follow the lines.
  assert.ok((await platform.surveys.updateQuestion(manager, phaseId, transport, { prompt: 'Hvordan reiser du oftest?', locale: 'nb', required: true, choices: 'Sykkel\nBuss\nTog' })).ok);
  assert.deepEqual(await labels(transport), [['c1', 'Sykkel', 'Bike'], ['c2', 'Buss', 'Bus'], ['c3', 'Tog', 'Car']]);
  const q = (await questions()).find((x) => x.id === transport);
  assert.deepEqual([q?.prompt, q?.required], [{ nb: 'Hvordan reiser du oftest?', en: 'How do you travel?' }, true]);
  assert.ok((await platform.surveys.moveQuestion(manager, phaseId, other, 'up')).ok);
  assert.deepEqual((await questions()).map((x) => x.id), [other, transport]);
  const one = await platform.surveys.updateQuestion(manager, phaseId, transport, { prompt: 'Hvordan?', locale: 'nb', choices: 'Buss' });
  assert.deepEqual(!one.ok && one.fields?.map((f) => [f.field, f.message]), [['choices', 'field.choicesRequired']]);
  assert.equal((await platform.surveys.updateQuestion(resident, phaseId, transport, { prompt: 'Hei', locale: 'nb' })).ok, false);
  assert.ok((await platform.surveys.moveQuestion(manager, phaseId, other, 'down')).ok);
});

test('once people answered: wording fixes and new choices at the end; moving or removing an answered choice, or removing an answered question, is refused with the reason', async () => {
  const [transport, other] = (await questions()).map((q) => q.id) as [string, string];
  assert.ok((await platform.surveys.submitResponse(resident, phaseId, { [transport]: 'c2', [other]: 'Flere busser' })).ok);

  const reordered = await platform.surveys.updateQuestion(manager, phaseId, transport, { prompt: 'Hvordan reiser du oftest?', locale: 'nb', choices: 'Buss\nSykkel\nTog' });
  assert.deepEqual(!reordered.ok && [reordered.code, reordered.fields?.[0]?.field, reordered.fields?.[0]?.message, reordered.fields?.[0]?.params], ['InUse', 'choices', 'field.choicesKeepPlaces', { choice: 'Buss' }]);
  const removed = await platform.surveys.updateQuestion(manager, phaseId, transport, { prompt: 'Hvordan reiser du oftest?', locale: 'nb', choices: 'Sykkel' + '\n' + 'Tog' + '\n' });
  assert.equal(!removed.ok && removed.fields?.[0]?.message, 'field.choicesKeepPlaces', 'dropping "Buss" moves "Tog" up a line');
  const lastAnswered = await platform.surveys.updateQuestion(manager, phaseId, transport, { prompt: 'Hvordan reiser du oftest?', locale: 'nb', choices: 'Sykkel\nBuss med rute' });
  assert.ok(lastAnswered.ok, 'an unanswered last choice may go; "Buss" gets a wording fix in place');
  assert.deepEqual(await labels(transport), [['c1', 'Sykkel', 'Bike'], ['c2', 'Buss med rute', 'Bus']]);
  const cut = await platform.surveys.updateQuestion(manager, phaseId, transport, { prompt: 'Hvordan reiser du oftest?', locale: 'nb', choices: ['Sykkel'] });
  assert.equal(!cut.ok && cut.fields?.[0]?.message, 'field.choicesRequired');
  assert.ok((await platform.surveys.updateQuestion(manager, phaseId, transport, { prompt: 'Hvordan reiser du oftest?', locale: 'nb', choices: 'Sykkel\nBuss med rute\nTrikk' })).ok);
  assert.deepEqual(await labels(transport), [['c1', 'Sykkel', 'Bike'], ['c2', 'Buss med rute', 'Bus'], ['c3', 'Trikk', '']], 'a new choice takes the next key no answer uses');

  const answered = await platform.surveys.removeQuestion(manager, phaseId, other);
  assert.deepEqual(!answered.ok && [answered.code, answered.fields?.[0]?.field, answered.fields?.[0]?.message, answered.fields?.[0]?.params?.count], ['InUse', 'questionId', 'field.questionAnswered', 1]);
  // Moving questions keeps every answer (they are stored by question).
  assert.ok((await platform.surveys.moveQuestion(manager, phaseId, other, 'up')).ok);
  const results = await platform.surveys.results(manager, phaseId);
  assert.ok(results.ok);
  assert.deepEqual(results.value.questions.map((r) => r.answered), [1, 1]);
  assert.deepEqual(results.value.questions[1]?.tallies.map((t) => [t.key, t.count]), [['c1', 0], ['c2', 1], ['c3', 0]]);
  const edge = await platform.surveys.moveQuestion(manager, phaseId, other, 'up');
  assert.deepEqual(!edge.ok && edge.fields?.map((f) => f.message), ['field.questionFirst']);
});

test('an unanswered question or page break can be removed after others were answered', async () => {
  const late = (await questions()).map((q) => q.id);
  // No new questions once people have answered (earlier respondents could not answer them)…
  assert.equal((await platform.surveys.addQuestion(manager, phaseId, { kind: 'page_break', prompt: '', locale: 'nb' })).ok, false);
  // …but an unanswered question or page break may go, in a survey where someone answered another question.
  assert.equal(late.length, 2);
  const created = await platform.processes.ensureProcess({
    slug: 'skjema-to', status: 'published', title: { nb: 'To' }, summary: { nb: 'x' }, startsOn: null, endsOn: null, createdBy: manager.id,
    phases: [{ method: 'survey', title: { nb: 'Spørsmål' }, startsOn: '2026-11-01', endsOn: '2026-12-31' }],
  });
  const second = created.phaseIds[0] ?? '';
  const asked = await platform.surveys.addQuestion(manager, second, { kind: 'short_text', prompt: 'Navn på plassen?', locale: 'nb' });
  const optional = await platform.surveys.addQuestion(manager, second, { kind: 'short_text', prompt: 'Noe mer?', locale: 'nb' });
  const pageBreak = await platform.surveys.addQuestion(manager, second, { kind: 'page_break', prompt: '', locale: 'nb' });
  assert.ok(asked.ok && optional.ok && pageBreak.ok);
  assert.ok((await platform.surveys.submitResponse(resident, second, { [asked.value.id]: 'Torget' })).ok);
  assert.ok((await platform.surveys.removeQuestion(manager, second, optional.value.id)).ok);
  assert.ok((await platform.surveys.removeQuestion(manager, second, pageBreak.value.id)).ok);
  assert.deepEqual((await platform.surveys.questionsOf(second)).map((q) => q.id), [asked.value.id]);
  assert.equal(!(await platform.surveys.removeQuestion(manager, second, asked.value.id)).ok, true);
});
