import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { labelStopWords } from '@tingsted/text';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let resident: Actor;
let processId = '';
let phaseId = '';

const themes: [string, string][] = [
  ['Flere benker langs elva', 'Det er for få benker langs elvepromenaden, eldre trenger steder å hvile når de går tur.'],
  ['Benker ved elva', 'Sett opp benker langs elva slik at eldre kan sette seg ned og hvile på turen.'],
  ['Sitteplasser ved elva', 'Elvepromenaden trenger flere benker og bord der folk kan sitte i sola.'],
  ['Benker og skygge ved elva', 'Plant trær og sett ut benker langs elva så det blir skygge å sitte i om sommeren.'],
  ['Hvilebenker for eldre', 'Eldre som går tur langs elva trenger benker med ryggstø og armlener.'],
  ['Sykkelfelt i Storgata', 'Storgata trenger et eget sykkelfelt, syklister må i dag sykle blant bilene.'],
  ['Trygt sykkelfelt til skolen', 'Barna sykler til skolen langs en farlig vei uten sykkelfelt, bygg et trygt sykkelfelt.'],
  ['Sammenhengende sykkelfelt', 'Sykkelfeltene stopper midt i byen, lag et sammenhengende nett av sykkelfelt.'],
  ['Brøyt sykkelfeltene', 'Sykkelfeltene må brøytes om vinteren slik at man kan sykle hele året.'],
  ['Sykkelfelt langs sjøen', 'Lag sykkelfelt langs sjøen så syklister slipper å sykle i veien.'],
  ['Buss om kvelden', 'Bussen slutter å gå for tidlig, det trengs bussavganger om kvelden og i helgene.'],
  ['Nattbuss i helgene', 'Innfør nattbuss fra sentrum i helgene så ungdom kommer trygt hjem med bussen.'],
  ['Oftere buss til sykehuset', 'Bussen til sykehuset går for sjelden om kvelden, pasienter venter lenge på bussen.'],
  ['Billigere bussbilletter', 'Bussbillettene er for dyre, lavere pris vil få flere til å ta bussen om kvelden.'],
  ['Buss til hyttefeltet', 'Sett opp buss til hyttefeltet i helgene, bussen er eneste måte uten bil.'],
];

async function run(): Promise<void> {
  const asked = await platform.analysis.requestAnalysis(manager, processId);
  assert.ok(asked.ok);
  assert.equal(await platform.analysis.runAnalysis(asked.value.runId), 'done');
}

async function topics() {
  const read = await platform.analysis.topicsOf(manager, processId);
  assert.ok(read.ok);
  return read.value;
}

before(async () => {
  ({ platform, drop } = await testPlatform());
  manager = { id: await platform.accounts.ensureUser({ email: 'tm@example.no', displayName: 'Tone Manager', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  resident = { id: await platform.accounts.ensureUser({ email: 'tr@example.no', displayName: 'Tor Resident', password: null, roles: ['resident'] }), roles: ['resident'] };
  const created = await platform.processes.ensureProcess({
    slug: 'temaer',
    status: 'published',
    title: { nb: 'Temaer' },
    summary: { nb: 'Hva trenger byen?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2020-01-01', endsOn: '2099-12-31' }],
  });
  processId = created.id;
  phaseId = created.phaseIds[0] ?? '';
  for (const [title, body] of themes) await platform.ideas.importIdea({ phaseId, authorId: resident.id, title, body });
});
after(async () => drop());

test('only staff who may analyse read and change topics; before a run there are none', async () => {
  assert.deepEqual(await platform.analysis.topicsOf(resident, processId), { ok: false, code: 'Forbidden' });
  assert.deepEqual(await platform.analysis.renameTopic(resident, { id: processId, topic: 'run-1', name: 'x' }), { ok: false, code: 'Forbidden' });
  assert.deepEqual(await platform.analysis.topicsOf(null, processId), { ok: false, code: 'NotSignedIn' });
  assert.deepEqual(await topics(), { runId: null, topics: [], refs: {} });
});

test('topics have phrase labels without stop words, their size, examples and inputs per week; staff choices are kept by the next run', async () => {
  await run();
  const first = await topics();
  assert.ok(first.runId);
  assert.ok(first.topics.length >= 2, `${first.topics.length} topics`);
  const stop = labelStopWords('nb');
  for (const t of first.topics) {
    assert.ok(t.phrases.length > 0);
    for (const p of t.phrases) for (const w of [p.split(' ')[0], p.split(' ').at(-1)]) assert.ok(!stop.has((w ?? '').toLowerCase()), `"${p}"`);
    assert.ok(t.examples.length > 0 && t.examples.every((k) => first.refs[k]), 'examples are described inputs');
    // Every idea was written this week: one week, counting the whole topic.
    assert.deepEqual(t.trend.map((w) => w.count), [t.size]);
  }

  // Unknown topics and merging a topic with itself are refused, naming the field.
  assert.deepEqual(await platform.analysis.renameTopic(manager, { id: processId, topic: 'run-99', name: 'X' }), { ok: false, code: 'ValidationFailed', fields: [{ field: 'topic', message: 'field.topicUnknown' }] });
  assert.deepEqual(await platform.analysis.mergeTopics(manager, { id: processId, topic: 'run-1', into: 'run-1' }), { ok: false, code: 'ValidationFailed', fields: [{ field: 'into', message: 'field.topicSame' }] });
  assert.deepEqual(await platform.analysis.renameTopic(manager, { id: processId, topic: 'run-1', name: '   ' }), { ok: false, code: 'ValidationFailed', fields: [{ field: 'name', message: 'field.required' }] });

  // Rename the largest topic, pin the smallest.
  const [largest, , smallest] = [...first.topics].sort((a, b) => b.size - a.size);
  assert.ok(largest && smallest);
  const renamed = await platform.analysis.renameTopic(manager, { id: processId, topic: largest.id, name: 'Det vi er enige om' });
  assert.ok(renamed.ok);
  const pinned = await platform.analysis.pinTopic(manager, { id: processId, topic: (first.topics.at(-1) ?? largest).id, pinned: true });
  assert.ok(pinned.ok);
  const second = await topics();
  assert.equal(second.topics[0]?.id, pinned.value.topic, 'a pinned topic comes first');
  assert.ok(second.topics[0]?.pinned && second.topics[0].kept);
  const named = second.topics.find((t) => t.id === renamed.value.topic);
  assert.deepEqual(named && [named.label, named.name, named.size, named.kept], ['Det vi er enige om', 'Det vi er enige om', largest.size, true]);

  // Merge a third topic into the renamed one: the merged topic keeps the name.
  const third = second.topics.find((t) => !t.pinned && t.id !== renamed.value.topic);
  assert.ok(third, 'a third topic');
  const merged = await platform.analysis.mergeTopics(manager, { id: processId, topic: third.id, into: renamed.value.topic });
  assert.ok(merged.ok);
  const afterMerge = await topics();
  assert.equal(afterMerge.topics.length, second.topics.length - 1);
  const mergedView = afterMerge.topics.find((t) => t.id === merged.value.topic);
  assert.deepEqual(mergedView && [mergedView.label, mergedView.size], ['Det vi er enige om', largest.size + third.size]);
  const sizes = (v: typeof first) => v.topics.reduce((s, t) => s + t.size, 0);
  assert.equal(sizes(afterMerge), sizes(first), 'no input is lost or counted twice');

  // A new run with two more ideas keeps every choice: the pinned topic exactly, the merged topic with its name.
  await platform.ideas.importIdea({ phaseId, authorId: resident.id, title: 'Nattbuss fra sentrum', body: 'Vi trenger nattbuss fra sentrum i helgene, bussen må gå senere.' });
  await platform.ideas.importIdea({ phaseId, authorId: resident.id, title: 'Flere benker langs elva', body: 'Sett ut flere benker langs elva for eldre som går tur.' });
  await run();
  const next = await topics();
  assert.notEqual(next.runId, first.runId);
  const pinnedNext = next.topics[0];
  assert.deepEqual(pinnedNext && [pinnedNext.id, pinnedNext.pinned, pinnedNext.size], [pinned.value.topic, true, second.topics[0]?.size]);
  const mergedNext = next.topics.find((t) => t.id === merged.value.topic);
  assert.ok(mergedNext && mergedNext.label === 'Det vi er enige om' && mergedNext.size >= largest.size + third.size, 'the merged, renamed topic is kept');
  assert.equal(sizes(next), sizes(first) + 2);

  // Split the merged topic in two: both halves are labelled from their inputs and kept by the next run.
  const split = await platform.analysis.splitTopic(manager, { id: processId, topic: merged.value.topic });
  assert.ok(split.ok);
  assert.equal(split.value.topics.length, 2);
  const halves = (await topics()).topics.filter((t) => split.value.topics.includes(t.id));
  assert.equal(halves.length, 2);
  assert.equal(halves.reduce((s, t) => s + t.size, 0), mergedNext.size);
  for (const h of halves) assert.ok(h.phrases.length > 0 && h.kept && h.name === null);
  await run();
  const last = await topics();
  for (const h of halves) assert.equal(last.topics.find((t) => t.id === h.id)?.size, h.size, 'each half is kept');
  // A topic of fewer than four inputs is not split.
  const tiny = last.topics.find((t) => t.size < 4);
  if (tiny) assert.deepEqual(await platform.analysis.splitTopic(manager, { id: processId, topic: tiny.id }), { ok: false, code: 'ValidationFailed', fields: [{ field: 'topic', message: 'field.topicTooSmall' }] });
});
