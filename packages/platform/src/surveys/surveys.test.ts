import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
const residents: Actor[] = [];
let phaseId = '';
const q: Record<string, string> = {};

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'M', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  for (let i = 0; i < 3; i++) {
    residents.push({ id: await platform.accounts.ensureUser({ email: `r${i}@example.no`, displayName: `R${i}`, password: null, roles: ['resident'] }), roles: ['resident'] });
  }
  const created = await platform.processes.ensureProcess({
    slug: 'undersokelse',
    status: 'published',
    title: { nb: 'Undersøkelse' },
    summary: { nb: 'Si din mening' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'survey', title: { nb: 'Spørsmål' }, startsOn: '2026-11-01', endsOn: '2026-12-31', settings: { publicResults: false } }],
  });
  phaseId = created.phaseIds[0] ?? '';
});
after(async () => drop());

test('the form builder checks each question and refuses residents', async () => {
  assert.equal(!(await platform.surveys.addQuestion(residents[0] ?? null, phaseId, { kind: 'short_text', prompt: 'Hei?', locale: 'nb' })).ok, true);
  const oneChoice = await platform.surveys.addQuestion(manager, phaseId, { kind: 'single_choice', prompt: 'Velg', locale: 'nb', choices: 'Bare én' });
  assert.deepEqual(!oneChoice.ok && oneChoice.fields?.map((f) => f.message), ['field.choicesRequired']);
  const add = async (input: Parameters<Platform['surveys']['addQuestion']>[2]) => {
    const result = await platform.surveys.addQuestion(manager, phaseId, input);
    assert.ok(result.ok);
    return result.value.id;
  };
  q.transport = await add({ kind: 'single_choice', prompt: 'Hvordan kommer du til sentrum?', locale: 'nb', required: true, choices: 'Buss\nSykkel\nBil' });
  await add({ kind: 'page_break', prompt: '', locale: 'nb' });
  q.wishes = await add({ kind: 'multiple_choice', prompt: 'Hva ønsker du deg?', locale: 'nb', choices: ['Benker', 'Trær', 'Lys'] });
  q.safety = await add({ kind: 'scale', prompt: 'Hvor trygt føler du deg?', locale: 'nb', min: 1, max: 5, required: true });
  q.other = await add({ kind: 'long_text', prompt: 'Noe annet?', locale: 'nb' });
  assert.deepEqual((await platform.surveys.questionsOf(phaseId)).map((x) => x.kind), ['single_choice', 'page_break', 'multiple_choice', 'scale', 'long_text']);
});

test('answers are checked by field; one response per person', async () => {
  const [a, b, c] = residents as [Actor, Actor, Actor];
  const bad = await platform.surveys.submitResponse(a, phaseId, { [q.transport ?? '']: 'c9', [q.safety ?? '']: '7' });
  assert.deepEqual(!bad.ok && bad.fields?.map((f) => f.field), [`q-${q.transport}`, `q-${q.safety}`]);
  const missing = await platform.surveys.submitResponse(a, phaseId, {});
  assert.deepEqual(!missing.ok && missing.fields?.map((f) => f.message), ['field.required', 'field.required']);
  assert.equal((await platform.surveys.submitResponse(a, phaseId, { [q.transport ?? '']: 'c1', [q.wishes ?? '']: ['c1', 'c2'], [q.safety ?? '']: '4', [q.other ?? '']: 'Flere busser' })).ok, true);
  assert.equal((await platform.surveys.submitResponse(b, phaseId, { [q.transport ?? '']: 'c2', [q.wishes ?? '']: 'c2', [q.safety ?? '']: 5 })).ok, true);
  assert.equal((await platform.surveys.submitResponse(c, phaseId, { [q.transport ?? '']: 'c1', [q.safety ?? '']: '2' })).ok, true);
  const twice = await platform.surveys.submitResponse(a, phaseId, { [q.transport ?? '']: 'c3', [q.safety ?? '']: '1' });
  assert.equal(!twice.ok && twice.code, 'AlreadyResponded');
  assert.equal(await platform.surveys.hasResponded(a, phaseId), true);
});

test('results: counts and percentages of those who answered, scale mean; private unless made public', async () => {
  assert.equal(!(await platform.surveys.results(residents[0] ?? null, phaseId)).ok, true, 'results are private by default');
  const results = await platform.surveys.results(manager, phaseId);
  assert.ok(results.ok);
  assert.equal(results.value.respondents, 3);
  const byId = new Map(results.value.questions.map((r) => [r.question.id, r]));
  assert.deepEqual(byId.get(q.transport ?? '')?.tallies.map((t) => [t.count, t.percent]), [[2, 66.7], [1, 33.3], [0, 0]]);
  // Two of three answered the multiple-choice question; each choice's share is of those two.
  const wishes = byId.get(q.wishes ?? '');
  assert.equal(wishes?.answered, 2);
  assert.deepEqual(wishes?.tallies.map((t) => [t.count, t.percent]), [[1, 50], [2, 100], [0, 0]]);
  const safety = byId.get(q.safety ?? '');
  assert.equal(safety?.mean, 3.67);
  assert.deepEqual(safety?.tallies.map((t) => t.count), [0, 1, 0, 1, 1]);
  assert.deepEqual(byId.get(q.other ?? '')?.texts, ['Flere busser']);
  const late = await platform.surveys.addQuestion(manager, phaseId, { kind: 'short_text', prompt: 'For sent', locale: 'nb' });
  assert.deepEqual(!late.ok && [late.code, late.fields?.[0]?.message], ['InUse', 'field.surveyAnswered'], 'no new questions once people have answered');
});
