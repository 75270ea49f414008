// The census module against a real database: importing (and refusing) census files, a process's and a
// phase's participants against the census with known figures, and the outreach thresholds behind the alert.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import { localDate } from '../shared/dates.ts';

let platform: Platform;
let drop: () => Promise<void>;
let mailer: Awaited<ReturnType<typeof testPlatform>>['mailer'];
let admin: Actor;
let manager: Actor;
let decider: Actor;
let processId = '';
let ideasPhaseId = '';
let surveyPhaseId = '';

/** 1,000 people: Sentrum 600 (16–29: 200, 30+: 400), Nordbyen 400 (16–29: 200, 30+: 200), half women in each. */
const census = [
  'område;alder;kjønn;personer',
  'Sentrum;16-29;Kvinner;100',
  'Sentrum;16-29;Menn;100',
  'Sentrum;30 år eller eldre;Kvinner;200',
  'Sentrum;30 år eller eldre;Menn;200',
  'Sentrum;I alt;I alt;600',
  'Nordbyen;16-29;Kvinner;100',
  'Nordbyen;16-29;Menn;100',
  'Nordbyen;30 år eller eldre;Kvinner;100',
  'Nordbyen;30 år eller eldre;Menn;100',
  'Nordbyen;I alt;I alt;400',
].join('\n');

const days = (n: number) => localDate(new Date(Date.now() + n * 86_400_000), 'Europe/Oslo');

before(async () => {
  ({ platform, drop, mailer } = await testPlatform());
  await platform.municipality.ensure({ name: 'Testvik kommune', logoUrl: null, primaryColour: '#1f5f8b', defaultLocale: 'nb', areas: ['Sentrum', 'Nordbyen'] });
  const user = async (email: string, roles: Actor['roles'][number][]) => ({ id: await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles }), roles });
  admin = await user('admin@example.no', ['administrator']);
  manager = await user('manager@example.no', ['process_manager']);
  decider = await user('ordforer@example.no', ['decision_maker']);
  const created = await platform.processes.createProcess(manager, { title: 'Ny park', locale: 'nb' });
  assert.ok(created.ok);
  processId = created.value.id;
  const ideas = await platform.processes.addPhase(manager, processId, { method: 'ideas', title: 'Idéer', startsOn: days(-20), endsOn: days(20), locale: 'nb' });
  const survey = await platform.processes.addPhase(manager, processId, { method: 'survey', title: 'Spørsmål', startsOn: days(21), endsOn: days(40), locale: 'nb' });
  assert.ok(ideas.ok && survey.ok);
  ideasPhaseId = ideas.value.id;
  surveyPhaseId = survey.value.id;
  // Twelve participants: ten told area and year of birth, one only the area, one nothing.
  const year = new Date().getUTCFullYear();
  const told: [string | null, number | null][] = [
    ...Array.from({ length: 6 }, () => ['Sentrum', year - 45] as [string, number]),
    ['Sentrum', year - 20],
    ['Sentrum', year - 22],
    ['Nordbyen', year - 50],
    ['Nordbyen', year - 70],
    ['Nordbyen', null],
    [null, null],
  ];
  const people: string[] = [];
  for (const [i, [area, birthYear]] of told.entries()) {
    const person = await user(`person${i}@example.no`, ['resident']);
    people.push(person.id);
    if (area !== null || birthYear !== null) assert.ok((await platform.accounts.updateResidentProfile(person, { area: area ?? '', birthYear: birthYear === null ? '' : String(birthYear) })).ok);
  }
  // Half post ideas, the other half support the first idea.
  const first = await platform.ideas.importIdea({ phaseId: ideasPhaseId, authorId: people[0]!, title: 'Benker ved dammen', body: 'Flere benker.', supporterIds: people.slice(6) });
  assert.ok(first);
  for (const person of people.slice(1, 6)) await platform.ideas.importIdea({ phaseId: ideasPhaseId, authorId: person, title: `Idé fra ${person.slice(0, 4)}`, body: 'Tekst.' });
});
after(async () => drop());

test('only administrators import the census; a good file becomes the census in use', async () => {
  assert.equal((await platform.census.importCensus(manager, { year: 2026, source: '', file: census })).ok, false);
  const before = await platform.census.currentCensus(manager);
  assert.ok(before.ok);
  assert.equal(before.value, null);
  const imported = await platform.census.importCensus(admin, { year: '2026', source: 'SSB tabell 07459', file: census });
  assert.ok(imported.ok, JSON.stringify(imported));
  assert.equal(imported.value.population, 1000);
  assert.deepEqual(imported.value.ageBands.map((b) => b.label), ['16–29', '30+']);
  const now = await platform.census.currentCensus(decider);
  assert.ok(now.ok);
  assert.equal(now.value?.year, 2026);
  assert.equal(now.value?.source, 'SSB tabell 07459');
});

test('a file with a wrong total is refused with its line, and nothing of it is stored', async () => {
  const wrong = census.replace('Nordbyen;I alt;I alt;400', 'Nordbyen;I alt;I alt;410');
  const refused = await platform.census.importCensus(admin, { year: 2027, source: '', file: wrong });
  assert.ok(!refused.ok);
  assert.equal(refused.code, 'ValidationFailed');
  assert.deepEqual(refused.fields, [{ field: 'census', message: 'census.file.totalMismatch', params: { line: 11, stated: 410, sum: 400, lines: '7–10' } }]);
  const year = await platform.census.importCensus(admin, { year: '26', source: '', file: census });
  assert.ok(!year.ok);
  assert.deepEqual(year.fields?.map((f) => f.field), ['year']);
  const current = await platform.census.currentCensus(admin);
  assert.ok(current.ok);
  assert.equal(current.value?.year, 2026, 'the census in use is still 2026');
  assert.equal(await platform.db.selectFrom('census_imports').select('id').execute().then((r) => r.length), 1);
});

test("a process's participants against the census: counts, expected, ratios, and who did not tell", async () => {
  const result = await platform.census.representationOf(decider, processId, { dimensions: 'area,age' });
  assert.ok(result.ok, JSON.stringify(result));
  const r = result.value;
  assert.equal(r.participants, 12);
  assert.deepEqual(r.groupings.map((g) => g.dimensions), [['area'], ['age'], ['area', 'age']]);
  const [byArea, byAge, both] = r.groupings;
  assert.deepEqual([byArea?.counted, byArea?.notGiven, byArea?.outside], [11, 1, 0]);
  assert.deepEqual(byArea?.groups.map((g) => [g.values.area, g.participants, g.expected]), [['Sentrum', 8, 0.6 * 11], ['Nordbyen', 3, 0.4 * 11]]);
  assert.deepEqual([byAge?.counted, byAge?.notGiven], [10, 2]);
  assert.deepEqual(byAge?.groups.map((g) => [g.values.age, g.participants]), [['16–29', 2], ['30+', 8]]);
  const youngNordbyen = both?.groups.find((g) => g.values.area === 'Nordbyen' && g.values.age === '16–29');
  assert.equal(youngNordbyen?.participants, 0);
  assert.equal(youngNordbyen?.expected, 2);
  assert.equal(youngNordbyen?.ratio, 0);
  assert.ok(youngNordbyen && youngNordbyen.low === 0 && youngNordbyen.high > 0.2, 'an interval, not a point');
  // By the default thresholds two expected is too few to judge, and no alert is raised until the manager sets them.
  assert.deepEqual(r.underRepresented, []);
  assert.deepEqual(r.thresholds, { maxRatio: 0.8, minExpected: 5, setByManager: false });
  assert.equal(r.alert, null);
});

test('sex is in the census but participants are never asked: all of them are "not given", none guessed', async () => {
  const result = await platform.census.representationOf(manager, processId, { dimensions: 'sex' });
  assert.ok(result.ok);
  const [bySex] = result.value.groupings;
  assert.deepEqual([bySex?.counted, bySex?.notGiven], [0, 12]);
  assert.deepEqual(bySex?.groups.map((g) => g.participants), [0, 0]);
});

test('a dimension the census lacks is refused, naming it', async () => {
  const result = await platform.census.representationOf(manager, processId, { dimensions: 'area,education' });
  assert.ok(!result.ok);
  assert.deepEqual(result.fields, [{ field: 'dimensions', message: 'census.dimensionMissing', params: { dimensions: 'education', year: 2026 } }]);
  const unknown = await platform.census.representationOf(manager, processId, { dimensions: 'income' });
  assert.ok(!unknown.ok);
  assert.equal(unknown.fields?.[0]?.field, 'dimensions');
});

test('a phase counts those who took part on its dates; a phase not started has nobody yet', async () => {
  const ideas = await platform.census.representationOf(manager, processId, { phaseId: ideasPhaseId, dimensions: 'area' });
  assert.ok(ideas.ok);
  assert.equal(ideas.value.participants, 12);
  const survey = await platform.census.representationOf(manager, processId, { phaseId: surveyPhaseId, dimensions: 'area' });
  assert.ok(survey.ok);
  assert.equal(survey.value.participants, 0);
  assert.equal(survey.value.groupings[0]?.counted, 0);
  const other = await platform.census.representationOf(manager, processId, { phaseId: '7d0c1e5a-0000-4000-8000-000000000000' });
  assert.ok(!other.ok);
  assert.equal(other.fields?.[0]?.field, 'phaseId');
});

test("the manager's thresholds raise the alert while a phase is open; bad thresholds name their fields", async () => {
  assert.equal((await platform.census.setThresholds(decider, processId, { maxRatio: 0.5, minExpected: 2 })).ok, false, 'decision-makers read, managers set');
  const bad = await platform.census.setThresholds(manager, processId, { maxRatio: '1.5', minExpected: '0' });
  assert.ok(!bad.ok);
  assert.deepEqual(bad.fields?.map((f) => [f.field, f.message]), [['maxRatio', 'census.maxRatio'], ['minExpected', 'census.minExpected']]);
  assert.ok((await platform.census.setThresholds(manager, processId, { maxRatio: '0,5', minExpected: '2' })).ok);
  const result = await platform.census.representationOf(manager, processId, { dimensions: 'area,age' });
  assert.ok(result.ok);
  assert.deepEqual(result.value.thresholds, { maxRatio: 0.5, minExpected: 2, setByManager: true });
  assert.equal(result.value.alert?.phaseId, ideasPhaseId);
  assert.deepEqual(result.value.alert?.groups.map((g) => [g.values, g.participants, g.expected]), [[{ area: 'Nordbyen', age: '16–29' }, 0, 2]]);
  // The survey phase has not opened: no alert for it.
  const survey = await platform.census.representationOf(manager, processId, { phaseId: surveyPhaseId, dimensions: 'area,age' });
  assert.ok(survey.ok);
  assert.equal(survey.value.alert, null);
});

test("the alert offers letters from the process's panel register, and the round it leads to is aimed at that group only", async () => {
  const panel = await platform.panels.createPanel(manager, processId, { title: 'Parkpanelet', locale: 'nb' });
  assert.ok(panel.ok);
  const register = ['id,name,address,postcode,area,age_band,sex'];
  for (let i = 1; i <= 80; i++) register.push(`R${i},Person ${i},Parkveien ${i},${9000 + (i % 10)},${i % 2 ? 'Nordbyen' : 'Sentrum'},${i % 4 < 2 ? '16-29' : '30+'},${i % 3 ? 'K' : 'M'}`);
  assert.ok((await platform.panels.importRegister(manager, panel.value.id, register.join('\n'))).ok);
  const result = await platform.census.representationOf(manager, processId, { dimensions: 'area,age' });
  assert.ok(result.ok);
  // Two expected, nobody came: ten letters per missing participant.
  assert.deepEqual(result.value.alert?.groups[0]?.actions.find((a) => a.kind === 'letters'), { kind: 'letters', panelId: panel.value.id, area: 'Nordbyen', ageBand: '16–29', letters: 20 });
  assert.deepEqual(result.value.alert?.groups[0]?.actions.find((a) => a.kind === 'event'), { kind: 'event', area: 'Nordbyen' });
  const plan = await platform.panels.roundPlan(manager, panel.value.id, { letters: 20, reserve: 0, aim: { area: 'Nordbyen', ageBand: '16–29' } });
  assert.ok(plan.ok);
  const proposed = plan.value.strata.filter((s) => s.proposedCount > 0);
  assert.ok(proposed.length > 0 && proposed.every((s) => s.area === 'Nordbyen' && s.ageBand === '16-29'), JSON.stringify(proposed));
  assert.equal(proposed.reduce((sum, s) => sum + s.proposedCount, 0), 20);
});

test("a reminder reaches the group's registered residents who have not taken part, once per phase", async () => {
  const young = await platform.accounts.ensureUser({ email: 'ung@example.no', displayName: 'Ung i Nordbyen', password: null, roles: ['resident'] });
  assert.ok((await platform.accounts.updateResidentProfile({ id: young, roles: ['resident'] }, { area: 'Nordbyen', birthYear: String(new Date().getUTCFullYear() - 19) })).ok);
  const before = await platform.census.representationOf(manager, processId, { dimensions: 'area,age' });
  assert.ok(before.ok);
  const reminder = before.value.alert?.groups[0]?.actions.find((a) => a.kind === 'reminder');
  assert.deepEqual(reminder, { kind: 'reminder', area: 'Nordbyen', ageBand: '16–29', recipients: 1, sentAt: null });
  assert.equal((await platform.census.sendReminder(decider, processId, { area: 'Nordbyen', ageBand: '16–29' })).ok, false, 'process managers send reminders');
  const bad = await platform.census.sendReminder(manager, processId, { area: 'Vestbyen', ageBand: '10–12' });
  assert.ok(!bad.ok);
  assert.deepEqual(bad.fields?.map((f) => f.field), ['area', 'ageBand']);
  const sent = await platform.census.sendReminder(manager, processId, { area: 'Nordbyen', ageBand: '16–29' });
  assert.ok(sent.ok, JSON.stringify(sent));
  assert.equal(sent.value.recipients, 1);
  const mail = mailer.lastTo('ung@example.no');
  assert.ok(mail && mail.subject.includes('Ny park'), 'e-mailed to the resident, naming the process');
  assert.equal(mailer.sent.filter((m) => m.subject.includes('Ny park')).length, 1, 'nobody who took part is reminded');
  const again = await platform.census.sendReminder(manager, processId, { area: 'Nordbyen', ageBand: '16–29' });
  assert.ok(!again.ok);
  assert.equal(again.fields?.[0]?.message, 'census.reminderSent');
  const after = await platform.census.representationOf(manager, processId, { dimensions: 'area,age' });
  assert.ok(after.ok);
  const done = after.value.alert?.groups[0]?.actions.find((a) => a.kind === 'reminder');
  assert.ok(done?.kind === 'reminder' && done.sentAt instanceof Date && done.recipients === 1);
});

test('residents see no representation figures', async () => {
  const resident = { id: (await platform.accounts.ensureUser({ email: 'resident@example.no', displayName: 'R', password: null, roles: ['resident'] })), roles: ['resident' as const] };
  const result = await platform.census.representationOf(resident, processId);
  assert.ok(!result.ok);
  assert.equal(result.code, 'Forbidden');
});

test("a panel phase is compared by its members' registration answers, sex included; the pool is left out", async () => {
  const phase = await platform.processes.addPhase(manager, processId, { method: 'panel', title: 'Panel', startsOn: days(41), endsOn: days(60), locale: 'nb' });
  assert.ok(phase.ok, JSON.stringify(phase));
  const panel = await platform.panels.panelOfProcess(processId);
  assert.ok(panel);
  // Fixtures: four members and one person left in the pool (the selection itself is the panels module's test).
  const member = (number: number, answers: Record<string, string>, status: 'selected' | 'confirmed' | 'pool') => ({ panel_id: panel.id, number, answers: JSON.stringify(answers), status });
  await platform.db
    .insertInto('panel_respondents')
    .values([
      member(1, { Bydel: 'Nordbyen', Alder: '16-29', Kjønn: 'Mann' }, 'selected'),
      member(2, { Bydel: 'Sentrum', Alder: '30 år eller eldre', Kjønn: 'Kvinne' }, 'confirmed'),
      member(3, { Bydel: 'Sentrum', Alder: '30+', Kjønn: 'Kvinne' }, 'confirmed'),
      member(4, { Bydel: 'Sentrum', Kjønn: 'Mann' }, 'confirmed'),
      member(5, { Bydel: 'Nordbyen', Alder: '16-29', Kjønn: 'Mann' }, 'pool'),
    ])
    .execute();
  const result = await platform.census.representationOf(decider, processId, { phaseId: phase.value.id, dimensions: 'area,age,sex' });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.kind, 'panel');
  assert.equal(result.value.participants, 4);
  const bySex = result.value.groupings.find((g) => g.dimensions.join() === 'sex');
  assert.deepEqual([bySex?.counted, bySex?.notGiven], [4, 0]);
  assert.deepEqual(bySex?.groups.map((g) => [g.values.sex, g.participants]), [['female', 2], ['male', 2]]);
  const byAge = result.value.groupings.find((g) => g.dimensions.join() === 'age');
  assert.deepEqual([byAge?.counted, byAge?.notGiven], [3, 1], 'a member without an age answer is not given, not guessed');
  assert.equal(result.value.alert, null, 'a panel raises no outreach alert');
});
