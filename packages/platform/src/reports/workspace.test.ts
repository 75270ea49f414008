// The workspace overview of a process: what waits for a moderator, ideas without an official answer, and
// phases starting or ending within 14 days.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
});
after(async () => drop());

test('the overview counts what needs attention and names the phases that start or end soon', async () => {
  const user = async (email: string, roles: Actor['roles'][number][]): Promise<Actor> => ({ id: await platform.accounts.ensureUser({ email, displayName: email, password: null, roles }), roles });
  const manager = await user('m@example.no', ['process_manager']);
  const decider = await user('d@example.no', ['decision_maker']);
  const kari = await user('kari@example.no', ['resident']);
  const ola = await user('ola@example.no', ['resident']);
  const created = await platform.processes.ensureProcess({
    slug: 'oversikt', status: 'published', title: { nb: 'Oversikt' }, summary: { nb: 'x' }, startsOn: null, endsOn: null, createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2026-11-01', endsOn: '2026-11-30' },
      { method: 'survey', title: { nb: 'Spørsmål' }, startsOn: '2026-12-01', endsOn: '2026-12-20' },
      { method: 'information', title: { nb: 'Senere' }, startsOn: '2027-03-01', endsOn: '2027-03-31' },
    ],
  });
  const [ideasPhase, surveyPhase] = created.phaseIds as [string, string];
  const ideas = [];
  for (const title of ['Benker', 'Lys', 'Trær']) ideas.push(await platform.ideas.importIdea({ phaseId: ideasPhase, authorId: kari.id, title, body: `${title} i parken` }));
  assert.ok((await platform.feedback.answerIdea(decider, ideas[0] ?? '', { status: 'accepted', body: 'Vi setter opp benker.' })).ok);
  assert.ok((await platform.moderation.reportContent(ola, { type: 'idea', id: ideas[1] ?? '', reason: 'spam' })).ok);

  const overview = await platform.reports.processOverview(manager, created.id);
  assert.ok(overview.ok);
  assert.deepEqual(overview.value.waiting, { reported: 1, screening: 0, review: 0 });
  assert.deepEqual([overview.value.ideas, overview.value.unanswered], [3, 2]);
  // The ideas phase ends in 7 days, the survey starts in 8; the phase in March is too far off.
  assert.deepEqual(overview.value.phasesSoon.map((p) => [p.id, p.event, p.on, p.inDays]), [
    [ideasPhase, 'ends', '2026-11-30', 7],
    [surveyPhase, 'starts', '2026-12-01', 8],
  ]);
  assert.equal((await platform.reports.processOverview(kari, created.id)).ok, false);
  assert.equal((await platform.reports.processOverview(decider, created.id)).ok, false, 'the workspace is for process managers');
  const unknown = await platform.reports.processOverview(manager, '00000000-0000-4000-8000-000000000000');
  assert.equal(!unknown.ok && unknown.code, 'NotFound');
});

test('the inputs manager lists every idea with filters and pages; the same answer goes to several ideas, or to none when one is wrong', async () => {
  const user = async (email: string, roles: Actor['roles'][number][]): Promise<Actor> => ({ id: await platform.accounts.ensureUser({ email, displayName: email, password: null, roles }), roles });
  const manager = await user('m2@example.no', ['process_manager']);
  const kari = await user('kari2@example.no', ['resident']);
  const ola = await user('ola2@example.no', ['resident']);
  const created = await platform.processes.ensureProcess({
    slug: 'innspill', status: 'published', title: { nb: 'Innspill' }, summary: { nb: 'x' }, startsOn: null, endsOn: null, createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Første' }, startsOn: '2026-10-01', endsOn: '2026-10-31' },
      { method: 'ideas', title: { nb: 'Andre' }, startsOn: '2026-11-01', endsOn: '2026-11-30' },
    ],
  });
  const [first, second] = created.phaseIds as [string, string];
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(await platform.ideas.importIdea({ phaseId: i < 2 ? first : second, authorId: kari.id, title: `Idé ${i}`, body: 'Tekst' }));
  assert.ok((await platform.moderation.reportContent(ola, { type: 'idea', id: ids[3] ?? '', reason: 'spam' })).ok);

  const all = await platform.reports.processInputs(manager, created.id, { pageSize: 2 });
  assert.ok(all.ok);
  assert.deepEqual([all.value.total, all.value.inputs.length, all.value.page], [5, 2, 1]);
  const pageThree = await platform.reports.processInputs(manager, created.id, { pageSize: 2, page: 3 });
  assert.deepEqual(pageThree.ok && pageThree.value.inputs.map((i) => i.id), [ids[0]], 'newest first, the oldest on the last page');
  const inSecond = await platform.reports.processInputs(manager, created.id, { phaseId: second });
  assert.deepEqual(inSecond.ok && inSecond.value.total, 3);
  const reported = await platform.reports.processInputs(manager, created.id, { reported: true });
  assert.deepEqual(reported.ok && reported.value.inputs.map((i) => [i.id, i.reports]), [[ids[3], 1]]);
  assert.equal((await platform.reports.processInputs(kari, created.id, {})).ok, false);

  // One idea of another process in the list: nothing is answered.
  const other = await platform.processes.ensureProcess({
    slug: 'annet', status: 'published', title: { nb: 'Annet' }, summary: { nb: 'x' }, startsOn: null, endsOn: null, createdBy: manager.id,
    phases: [{ method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2026-11-01', endsOn: '2026-11-30' }],
  });
  const foreign = await platform.ideas.importIdea({ phaseId: other.phaseIds[0] ?? '', authorId: kari.id, title: 'Annet sted', body: 'Tekst' });
  const mixed = await platform.feedback.answerIdeas(manager, created.id, [ids[0] ?? '', foreign], { status: 'accepted', body: 'Ja' });
  assert.equal(!mixed.ok && mixed.code, 'NotFound');
  assert.equal((await platform.reports.processInputs(manager, created.id, { status: 'accepted' })).ok && (await platform.feedback.latestAnswersOf([ids[0] ?? ''])).size, 0, 'nothing was answered');
  const missingAnswer = await platform.feedback.answerIdeas(manager, created.id, [ids[0] ?? ''], { status: 'rejected', body: '' });
  assert.deepEqual(!missingAnswer.ok && missingAnswer.fields?.map((f) => f.field), ['body']);
  const none = await platform.feedback.answerIdeas(manager, created.id, [], { status: 'accepted', body: 'Ja' });
  assert.deepEqual(!none.ok && none.fields?.map((f) => f.message), ['field.chooseInputs']);
  const answered = await platform.feedback.answerIdeas(manager, created.id, [ids[0] ?? '', ids[1] ?? ''], { status: 'accepted', body: 'Vi gjør det.' });
  assert.deepEqual(answered.ok && answered.value, { answered: 2 });
  const accepted = await platform.reports.processInputs(manager, created.id, { status: 'accepted' });
  // Newest first: the second idea, then the first.
  assert.deepEqual(accepted.ok && accepted.value.inputs.map((i) => [i.id, i.answer]), [[ids[1], 'Vi gjør det.'], [ids[0], 'Vi gjør det.']]);
  const csv = await platform.reports.exportInputs(manager, created.id, { phaseId: first });
  assert.ok(csv.ok);
  assert.deepEqual(csv.value.rows.map((r) => [r[1], r[2], r[4], r[10]]), [['Første', 'Idé 1', 'accepted', 'Vi gjør det.'], ['Første', 'Idé 0', 'accepted', 'Vi gjør det.']]);
});
