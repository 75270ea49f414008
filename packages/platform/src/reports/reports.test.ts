// The read models over several modules: "you said, we did", the participation report and the idea export,
// and that each reads every module it needs once per view, whatever the number of ideas.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import { reportsService, type ReportsDeps } from './index.ts';

let platform: Platform;
let drop: () => Promise<void>;
const now = new Date('2026-11-23T10:00:00Z');
let manager: Actor;
let decider: Actor;
let moderator: Actor;
let residents: Actor[] = [];
let processId = '';
let surveyPhase = '';
const ideas: string[] = [];

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => now }));
  await platform.municipality.ensure({ name: 'Testvik kommune', logoUrl: null, primaryColour: '#1f5f8b', defaultLocale: 'nb', areas: ['Sentrum', 'Nordbyen'] });
  const user = async (email: string, roles: Actor['roles'][number][]) => ({
    id: await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles }),
    roles,
  });
  manager = await user('manager@example.no', ['process_manager']);
  decider = await user('ordforer@example.no', ['decision_maker']);
  moderator = await user('moderator@example.no', ['moderator']);
  residents = [await user('kari@example.no', ['resident']), await user('ola@example.no', ['resident']), await user('per@example.no', ['resident'])];
  const created = await platform.processes.createProcess(manager, { title: 'Ny park', locale: 'nb' });
  assert.ok(created.ok);
  processId = created.value.id;
  const ideasPhase = await platform.processes.addPhase(manager, processId, { method: 'ideas', title: 'Idéer', startsOn: '2026-11-01', endsOn: '2026-11-30', locale: 'nb' });
  const survey = await platform.processes.addPhase(manager, processId, { method: 'survey', title: 'Spørsmål', startsOn: '2026-12-01', endsOn: '2026-12-31', locale: 'nb' });
  assert.ok(ideasPhase.ok && survey.ok);
  surveyPhase = survey.value.id;
  // Four ideas by Kari and Ola; Per supports the first.
  for (const [i, title] of ['Benker ved dammen', 'Lekeplass', 'Hundepark', 'Grillplass'].entries()) {
    const author = residents[i % 2] as Actor;
    ideas.push(await platform.ideas.importIdea({ phaseId: ideasPhase.value.id, authorId: author.id, title, body: `Om ${title}`, supporterIds: i === 0 ? [residents[2]?.id ?? ''] : [] }));
  }
});
after(async () => drop());

test('"you said, we did" pages through the latest answer of each visible idea, newest first', async () => {
  const [benches, playground, dogs, grill] = ideas as [string, string, string, string];
  assert.ok((await platform.feedback.answerIdea(decider, benches, { status: 'under_consideration', body: 'Vi ser på det.' })).ok);
  assert.ok((await platform.feedback.answerIdea(decider, playground, { status: 'accepted', body: 'Den bygges.' })).ok);
  assert.ok((await platform.feedback.answerIdea(decider, dogs, { status: 'rejected', body: 'Ikke plass.' })).ok);
  assert.ok((await platform.feedback.answerIdea(decider, grill, { status: 'rejected', body: 'Brannfare.' })).ok);
  assert.ok((await platform.feedback.answerIdea(decider, benches, { status: 'accepted', body: 'Benkene kommer.' })).ok);
  assert.ok((await platform.moderation.hideItem(moderator, { type: 'idea', id: grill, reason: 'Dublett av en annen idé' })).ok);

  const first = await platform.reports.youSaidWeDid(processId, { pageSize: 2 });
  assert.equal(first.answeredTotal, 3, 'the hidden idea is left out');
  assert.equal(first.total, 3);
  assert.deepEqual(Object.fromEntries(first.counts.map((c) => [c.status.key, c.count])), { received: 0, under_consideration: 0, accepted: 2, rejected: 1, implemented: 0 });
  assert.deepEqual(first.answers.map((a) => [a.title, a.status, a.body]), [
    ['Benker ved dammen', 'accepted', 'Benkene kommer.'],
    ['Hundepark', 'rejected', 'Ikke plass.'],
  ]);
  const second = await platform.reports.youSaidWeDid(processId, { page: 2, pageSize: 2 });
  assert.deepEqual(second.answers.map((a) => [a.title, a.status, a.authorName, a.authorRole]), [['Lekeplass', 'accepted', 'ordforer', 'decision_maker']]);
  assert.deepEqual(await platform.feedback.youSaidWeDid(processId, { pageSize: 2 }), first, 'the old name gives the same view');
});

test('the participation report joins ideas, survey responses and profiles, counting each person once', async () => {
  const [kari, ola, per] = residents as [Actor, Actor, Actor];
  // Survey responses are fixtures here (the survey's own test covers answering); Per also supported an idea.
  await platform.db
    .insertInto('survey_responses')
    .values([
      { phase_id: surveyPhase, user_id: per.id, answers: '{}', created_at: '2025-03-12T12:00:00Z' },
      { phase_id: surveyPhase, user_id: null, answers: '{}', created_at: '2025-03-12T13:00:00Z' },
    ])
    .execute();
  assert.ok((await platform.accounts.updateResidentProfile(per, { area: 'Sentrum', birthYear: '1950' })).ok);
  assert.equal((await platform.reports.participationReport(kari, processId)).ok, false);
  const report = await platform.reports.participationReport(manager, processId);
  assert.ok(report.ok);
  assert.equal(report.value.participants, 3, `${kari.id}, ${ola.id} and ${per.id}`);
  const responses = report.value.weeks.find((w) => w.week === '2025-W11');
  assert.deepEqual(responses && [responses.responses, responses.participants], [2, 1], 'an anonymous response counts, but as nobody');
  const totals = report.value.weeks.reduce((t, w) => ({ ideas: t.ideas + w.ideas, supports: t.supports + w.supports }), { ideas: 0, supports: 0 });
  assert.deepEqual(totals, { ideas: 3, supports: 1 }, 'the hidden idea is not counted');
  assert.deepEqual(report.value.byArea, [{ area: 'Sentrum', count: 1 }, { area: 'Nordbyen', count: 0 }, { area: null, count: 2 }]);
  assert.deepEqual(report.value.byAgeGroup.find((g) => g.group === '67+'), { group: '67+', count: 1 });
  assert.deepEqual(await platform.feedback.participationReport(manager, processId), report, 'the old name gives the same view');
});

test('the idea export lists every visible idea with its latest answer, for staff, and is audited', async () => {
  assert.equal((await platform.reports.exportIdeas(residents[0] ?? null, processId)).ok, false);
  const exported = await platform.reports.exportIdeas(moderator, processId);
  assert.ok(exported.ok);
  assert.deepEqual(
    exported.value.map((r) => [r.title, r.status, r.answer, r.answeredBy, r.supports]),
    [
      ['Hundepark', 'rejected', 'Ikke plass.', 'ordforer (decision_maker)', 0],
      ['Lekeplass', 'accepted', 'Den bygges.', 'ordforer (decision_maker)', 0],
      ['Benker ved dammen', 'accepted', 'Benkene kommer.', 'ordforer (decision_maker)', 1],
    ],
  );
  const audit = await platform.db.selectFrom('audit_log').select('details').where('action', '=', 'process.ideas_exported').execute();
  assert.deepEqual(audit.map((a) => a.details), [{ count: 3 }]);
});

test('each read model calls each module’s query at most once, however many ideas there are', async () => {
  const calls = new Map<string, number>();
  /** The service with every function call counted under `module.function`. */
  function counted<T extends object>(module: string, service: T): T {
    return new Proxy(service, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.set(`${module}.${String(key)}`, (calls.get(`${module}.${String(key)}`) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
  const deps: ReportsDeps = {
    audit: counted('audit', platform.audit),
    accounts: counted('accounts', platform.accounts),
    processes: counted('processes', platform.processes),
    ideas: counted('ideas', platform.ideas),
    surveys: counted('surveys', platform.surveys),
    feedback: counted('feedback', platform.feedback),
    moderation: counted('moderation', platform.moderation),
    clock: () => now,
    timeZone: 'Europe/Oslo',
    municipality: () => platform.municipality.get(),
  };
  const reports = reportsService(deps);
  // Forty more answered ideas: the number of calls must not grow with them.
  const phaseId = (await platform.processes.getProcessById(processId))?.phases.find((p) => p.method === 'ideas')?.id ?? '';
  for (let i = 0; i < 40; i++) {
    const id = await platform.ideas.importIdea({ phaseId, authorId: residents[i % 3]?.id ?? '', title: `Idé ${i}`, body: 'Tekst' });
    assert.ok((await platform.feedback.answerIdea(decider, id, { status: 'accepted', body: `Svar ${i}` })).ok);
  }
  const page = await reports.youSaidWeDid(processId, { pageSize: 50 });
  assert.equal(page.answers.length, 43);
  assert.ok((await reports.participationReport(manager, processId)).ok);
  const repeated = [...calls].filter(([, n]) => n > 1);
  assert.deepEqual(repeated, []);
  assert.ok((calls.get('feedback.latestAnswersAmong') ?? 0) === 1 && (calls.get('ideas.summariesOf') ?? 0) === 1);
});
