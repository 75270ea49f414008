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
