import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let moderator: Actor;
let resident: Actor;
let processId = '';
let smallProcessId = '';
const ideaIds: string[] = [];
let twinA = '';
let twinB = '';
let hiddenIdea = '';
let hiddenComment = '';
let visibleComment = '';

// Three themes (benches by the river, cycle lanes, buses in the evening), two ideas that say the same thing
// in nearly the same words, one idea and one comment a moderator hides.
const ideas: [string, string][] = [
  ['Flere benker langs elva', 'Det er for få benker langs elvepromenaden, eldre trenger steder å hvile når de går tur.'],
  ['Benker ved elva', 'Sett opp benker langs elva slik at eldre kan sette seg ned og hvile på turen.'],
  ['Sitteplasser i parken', 'Parken ved elva trenger flere benker og bord der folk kan sitte i sola.'],
  ['Benker og skygge', 'Plant trær og sett ut benker i parken så det blir skygge å sitte i om sommeren.'],
  ['Hvilebenker for eldre', 'Eldre som går tur langs elva trenger benker med ryggstø og armlener.'],
  ['Sykkelfelt i Storgata', 'Storgata trenger et eget sykkelfelt, syklister må i dag sykle blant bilene.'],
  ['Trygg sykkelvei til skolen', 'Barna sykler til skolen langs en farlig vei uten sykkelfelt, bygg en trygg sykkelvei.'],
  ['Sammenhengende sykkelveier', 'Sykkelveiene stopper midt i byen, lag et sammenhengende nett av sykkelfelt.'],
  ['Sykkelparkering ved stasjonen', 'Det trengs mer sykkelparkering med tak ved stasjonen så folk kan sykle til toget.'],
  ['Brøyt sykkelfeltene', 'Sykkelfeltene må brøytes om vinteren slik at man kan sykle hele året.'],
  ['Buss om kvelden', 'Bussen slutter å gå for tidlig, det trengs avganger om kvelden og i helgene.'],
  ['Nattbuss i helgene', 'Innfør nattbuss fra sentrum i helgene så ungdom kommer trygt hjem.'],
  ['Oftere buss til sykehuset', 'Bussen til sykehuset går for sjelden om kvelden, pasienter og ansatte venter lenge.'],
  ['Billigere bussbilletter', 'Bussbillettene er for dyre, lavere pris vil få flere til å ta bussen om kvelden.'],
];
const twinText: [string, string] = ['Gatelys på gangveien ved skolen', 'Gangveien til skolen er helt mørk om vinteren, sett opp gatelys langs hele gangveien så barna ser og blir sett.'];
const twinCopy: [string, string] = ['Gatelys på gangveien ved skolen!', 'Gangveien til skolen er helt mørk om vinteren. Sett opp gatelys langs hele gangveien, så barna ser og blir sett.'];

before(async () => {
  ({ platform, drop } = await testPlatform());
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'Mette Manager', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  moderator = { id: await platform.accounts.ensureUser({ email: 'mod@example.no', displayName: 'Mod', password: null, roles: ['moderator'] }), roles: ['moderator'] };
  resident = { id: await platform.accounts.ensureUser({ email: 'r@example.no', displayName: 'Rita Resident', password: null, roles: ['resident'] }), roles: ['resident'] };
  const created = await platform.processes.ensureProcess({
    slug: 'byplan',
    status: 'published',
    title: { nb: 'Byplan' },
    summary: { nb: 'Hva trenger byen?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2020-01-01', endsOn: '2099-12-31' }],
  });
  processId = created.id;
  const phaseId = created.phaseIds[0] ?? '';
  for (const [title, body] of ideas) ideaIds.push(await platform.ideas.importIdea({ phaseId, authorId: resident.id, title, body }));
  twinA = await platform.ideas.importIdea({ phaseId, authorId: resident.id, title: twinText[0], body: twinText[1] });
  twinB = await platform.ideas.importIdea({ phaseId, authorId: manager.id, title: twinCopy[0], body: twinCopy[1] });
  hiddenIdea = await platform.ideas.importIdea({ phaseId, authorId: resident.id, title: 'Skjult forslag om kryptonitt', body: 'Kryptonitt kryptonitt kryptonitt, dette forslaget er skjult av en moderator.' });
  assert.ok((await platform.moderation.hideItem(moderator, { type: 'idea', id: hiddenIdea, reason: 'Utenfor tema' })).ok);
  // A comment that repeats another idea's text: the analysis must find it and link it to the idea it is on.
  const comment = await platform.ideas.postComment(resident, { ideaId: ideaIds[1] ?? '', body: 'Det er for få benker langs elvepromenaden, eldre trenger steder å hvile når de går tur!' });
  assert.ok(comment.ok);
  visibleComment = comment.value.id;
  const hidden = await platform.ideas.postComment(resident, { ideaId: ideaIds[5] ?? '', body: 'Plutoniumkommentar som moderatoren skjuler.' });
  assert.ok(hidden.ok);
  hiddenComment = hidden.value.id;
  assert.ok((await platform.moderation.hideItem(moderator, { type: 'comment', id: hiddenComment, reason: 'Usaklig' })).ok);

  const small = await platform.processes.ensureProcess({
    slug: 'lite',
    status: 'published',
    title: { nb: 'Lite' },
    summary: { nb: 'Få innspill' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2020-01-01', endsOn: '2099-12-31' }],
  });
  smallProcessId = small.id;
  for (const [title, body] of ideas.slice(0, 3)) await platform.ideas.importIdea({ phaseId: small.phaseIds[0] ?? '', authorId: resident.id, title, body });
});
after(async () => drop());

test('residents and moderators may neither run nor read an analysis; the signed-out are asked to sign in', async () => {
  const asked = await platform.analysis.requestAnalysis(resident, processId);
  assert.deepEqual(!asked.ok && asked.code, 'Forbidden');
  assert.deepEqual(await platform.analysis.analysisOf(resident, processId), { ok: false, code: 'Forbidden' });
  assert.deepEqual(await platform.analysis.analysisOf(moderator, processId), { ok: false, code: 'Forbidden' });
  assert.deepEqual(await platform.analysis.requestAnalysis(null, processId), { ok: false, code: 'NotSignedIn' });
  assert.deepEqual(await platform.analysis.requestAnalysis(manager, '00000000-0000-4000-8000-000000000000'), { ok: false, code: 'NotFound' });
  assert.deepEqual(await platform.analysis.requestAnalysis(manager, 'not-a-process'), { ok: false, code: 'ValidationFailed', fields: [{ field: 'processId', message: 'field.idInvalid' }] });
  const page = await platform.analysis.analysisOf(manager, processId);
  assert.deepEqual(page.ok && page.value, { active: null, last: null });
});

test('a run finds topics, the near-duplicate pair and a sourced summary of visible inputs only, without author names', async () => {
  const asked = await platform.analysis.requestAnalysis(manager, processId);
  assert.ok(asked.ok);
  assert.equal(asked.value.alreadyActive, false);
  const again = await platform.analysis.requestAnalysis(manager, processId);
  assert.deepEqual(again.ok && again.value, { runId: asked.value.runId, alreadyActive: true }, 'a second request while one waits is the same run');
  const waiting = await platform.analysis.analysisOf(manager, processId);
  assert.equal(waiting.ok && waiting.value.active?.state, 'queued');

  assert.equal(await platform.analysis.runAnalysis(asked.value.runId), 'done');
  assert.equal(await platform.analysis.runAnalysis(asked.value.runId), null, 'a run is computed once');

  const read = await platform.analysis.analysisOf(manager, processId);
  assert.ok(read.ok);
  assert.equal(read.value.active, null);
  const last = read.value.last;
  assert.ok(last && last.state === 'done');
  // 16 visible ideas and 1 visible comment; the hidden idea and hidden comment are left out.
  assert.deepEqual([last.ideas, last.comments, last.result.inputs, last.result.enough, last.result.provider], [16, 1, 17, true, 'builtin']);
  assert.ok(last.seed.length > 0);
  const stored = JSON.stringify(last.result);
  for (const excluded of [hiddenIdea, hiddenComment, 'ryptonitt', 'Plutonium']) assert.ok(!stored.includes(excluded), `${excluded} is not in the result`);
  for (const name of ['Rita', 'Mette', 'Resident', 'Manager']) assert.ok(!stored.includes(name), 'no author names');

  // Near-duplicates: the two lamp-post ideas form a group, each named with a link target.
  const pairGroup = last.result.duplicates.find((g) => g.members.includes(`i:${twinA}`));
  assert.ok(pairGroup, 'the near-identical ideas are found');
  assert.ok(pairGroup.members.includes(`i:${twinB}`));
  assert.ok(pairGroup.maxSimilarity >= 0.8, `similarity ${pairGroup.maxSimilarity}`);
  assert.deepEqual(last.result.refs[`i:${twinB}`], { kind: 'idea', id: twinB, ideaId: twinB, excerpt: twinCopy[0] });

  // Topics: at least two, each with a label and representatives that are visible inputs; sizes add up with "other".
  assert.ok(last.result.topics.length >= 2, `${last.result.topics.length} topics`);
  const sized = last.result.topics.reduce((sum, t) => sum + t.size, 0) + last.result.other.size;
  assert.equal(sized, 17);
  for (const topic of last.result.topics) {
    assert.ok(topic.label.length > 0 && topic.keywords.length > 0);
    assert.ok(topic.representatives.length > 0);
    for (const key of topic.representatives) assert.ok(last.result.refs[key], `${key} is described`);
  }

  // Summary: sentences from the inputs, each with its sources; a comment's source links to its idea.
  assert.ok(last.result.summary.length > 0);
  for (const sentence of last.result.summary) {
    assert.ok(sentence.sources.length > 0 && sentence.sourceCount >= sentence.sources.length);
    for (const key of sentence.sources) assert.ok(last.result.refs[key]);
  }
  // The comment that repeats idea 0 is grouped with it and named with the idea it is on.
  const commentGroup = last.result.duplicates.find((g) => g.members.includes(`c:${visibleComment}`));
  assert.ok(commentGroup?.members.includes(`i:${ideaIds[0]}`), 'the repeating comment is grouped with the idea it repeats');
  const commentRef = last.result.refs[`c:${visibleComment}`];
  assert.deepEqual(commentRef && [commentRef.kind, commentRef.ideaId], ['comment', ideaIds[1]]);
});

test('with fewer than ten inputs the run says there is too little to analyse', async () => {
  const asked = await platform.analysis.requestAnalysis(manager, smallProcessId);
  assert.ok(asked.ok);
  assert.equal(await platform.analysis.runAnalysis(asked.value.runId), 'done');
  const read = await platform.analysis.analysisOf(manager, smallProcessId);
  assert.ok(read.ok && read.value.last?.state === 'done');
  const { result } = read.value.last;
  assert.deepEqual([result.enough, result.inputs, result.topics.length, result.duplicates.length, result.summary.length], [false, 3, 0, 0, 0]);
});
