import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv, readVotesCsv } from '@tingsted/opinions';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/index.ts';
import { sharedDataDir } from '../seed/demo-conversations.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let moderator: Actor;
const residents: Actor[] = [];
let phaseId = '';
let closedPhaseId = '';
let conversationId = '';

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'M', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  moderator = { id: await platform.accounts.ensureUser({ email: 'mod@example.no', displayName: 'Mod', password: null, roles: ['moderator'] }), roles: ['moderator'] };
  for (let i = 0; i < 12; i++) {
    residents.push({ id: await platform.accounts.ensureUser({ email: `r${i}@example.no`, displayName: `R${i}`, password: null, roles: ['resident'] }), roles: ['resident'] });
  }
  const created = await platform.processes.ensureProcess({
    slug: 'samtale',
    status: 'published',
    title: { nb: 'Samtale' },
    summary: { nb: 'Hva mener du?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'conversation', title: { nb: 'Tidligere samtale' }, startsOn: '2026-10-01', endsOn: '2026-10-31' },
      { method: 'conversation', title: { nb: 'Samtale' }, startsOn: '2026-11-01', endsOn: '2026-12-31' },
    ],
  });
  closedPhaseId = created.phaseIds[0] ?? '';
  await platform.jobs.startWorkers();
  phaseId = created.phaseIds[1] ?? '';
});
after(async () => drop());

const r = (i: number) => residents[i] ?? null;

test('a manager sets up a conversation with seed statements; bad statements are refused by field', async () => {
  assert.equal((await platform.conversations.setUpConversation(r(0), phaseId, { question: 'Hva?' })).ok, false);
  const empty = await platform.conversations.setUpConversation(manager, phaseId, { question: '  ' });
  assert.deepEqual(!empty.ok && empty.fields?.map((f) => [f.field, f.message]), [['question', 'field.required']]);
  const set = await platform.conversations.setUpConversation(manager, phaseId, { question: 'Hvordan bør bussene i sentrum gå?', allowAnonymous: 'on', preModeration: 'on' });
  assert.ok(set.ok);
  conversationId = set.value.id;
  for (const body of ['Bussene bør gå oftere om kvelden', 'Sentrum bør være bilfritt', 'Billettene er for dyre', 'Flere sykkelfelt trengs', 'Bussen bør stoppe ved sykehuset', 'Nattbuss i helgene', 'Gratis buss for eldre']) {
    assert.ok((await platform.conversations.addSeedStatement(manager, conversationId, body)).ok);
  }
  const tooLong = await platform.conversations.addSeedStatement(manager, conversationId, 'x'.repeat(141));
  assert.deepEqual(!tooLong.ok && tooLong.fields, [{ field: 'body', message: 'field.tooLong', params: { max: 140 } }]);
  const duplicate = await platform.conversations.addSeedStatement(manager, conversationId, 'sentrum bør  være BILFRITT.');
  assert.deepEqual(!duplicate.ok && duplicate.fields?.map((f) => f.message), ['conversations.statement.duplicate']);
  const listed = await platform.conversations.listStatements(null, conversationId);
  assert.deepEqual(listed.ok && listed.value.map((s) => s.number), [0, 1, 2, 3, 4, 5, 6]);
});

test('participants vote one statement at a time in routing order; re-votes replace; bad votes change nothing', async () => {
  const voter = { actor: r(0) };
  const seen = new Set<number>();
  for (;;) {
    const next = await platform.conversations.nextStatementFor(voter, conversationId);
    assert.ok(next.ok);
    if (!next.value.statement) break;
    assert.equal(seen.has(next.value.statement.number), false, 'a statement is shown once');
    seen.add(next.value.statement.number);
    assert.ok((await platform.conversations.castVote(voter, conversationId, { statement: next.value.statement.number, vote: seen.size % 2 ? 'agree' : 'disagree' })).ok);
  }
  assert.equal(seen.size, 7);
  const again = await platform.conversations.nextStatementFor(voter, conversationId);
  assert.deepEqual(again.ok && [again.value.voted, again.value.total], [7, 7]);
  // A re-vote overwrites.
  assert.ok((await platform.conversations.castVote(voter, conversationId, { statement: 0, vote: 'pass' })).ok);
  const bad = await platform.conversations.castVote(voter, conversationId, { statement: 99, vote: 'maybe' });
  assert.deepEqual(!bad.ok && bad.fields?.map((f) => f.field), ['statement', 'vote']);
  const exported = await platform.conversations.exportPolis(null, conversationId);
  assert.ok(exported.ok);
  const votes = readVotesCsv(exported.value['votes.csv']);
  assert.ok(votes.ok);
  assert.equal(votes.votes.length, 7);
  assert.equal(votes.votes.find((v) => v.statement === 0)?.vote, 0);
});

test('anonymous votes only where allowed, and never on a closed conversation', async () => {
  assert.equal((await platform.conversations.castVote({ actor: null, visitorToken: 'a'.repeat(32) }, conversationId, { statement: 1, vote: 'agree' })).ok, true);
  assert.deepEqual(await platform.conversations.castVote({ actor: null }, conversationId, { statement: 1, vote: 'agree' }), { ok: false, code: 'NotSignedIn' });
  const closed = await platform.conversations.setUpConversation(manager, closedPhaseId, { question: 'Gammel samtale' });
  assert.ok(closed.ok);
  assert.ok((await platform.conversations.addSeedStatement(manager, closed.value.id, 'Et gammelt utsagn')).ok);
  assert.deepEqual(await platform.conversations.castVote({ actor: r(1) }, closed.value.id, { statement: 0, vote: 'agree' }), { ok: false, code: 'PhaseClosed' });
  // Closing early (the manager's switch) also stops votes.
  assert.ok((await platform.conversations.setUpConversation(manager, phaseId, { question: 'Hvordan bør bussene i sentrum gå?', allowAnonymous: 'on', preModeration: 'on', closed: 'on' })).ok);
  platform.conversations.clearCaches();
  assert.deepEqual(await platform.conversations.castVote({ actor: r(1) }, conversationId, { statement: 1, vote: 'agree' }), { ok: false, code: 'PhaseClosed' });
  assert.ok((await platform.conversations.setUpConversation(manager, phaseId, { question: 'Hvordan bør bussene i sentrum gå?', allowAnonymous: 'on', preModeration: 'on' })).ok);
  platform.conversations.clearCaches();
});

test("own statements wait for moderation when chosen; rejected ones are never shown", async () => {
  const sent = await platform.conversations.submitStatement({ actor: r(2) }, conversationId, 'Bussen bør gå til flyplassen');
  assert.deepEqual(sent.ok && sent.value, { number: 7, awaitingModeration: true });
  const publicList = await platform.conversations.listStatements(null, conversationId);
  assert.equal(publicList.ok && publicList.value.some((s) => s.number === 7), false);
  assert.equal((await platform.conversations.castVote({ actor: r(3) }, conversationId, { statement: 7, vote: 'agree' })).ok, false);
  const queue = await platform.conversations.moderationQueue(moderator, conversationId);
  assert.deepEqual(queue.ok && queue.value.map((s) => s.number), [7]);
  assert.equal((await platform.conversations.moderateStatement(r(2), queue.ok ? (queue.value[0]?.id ?? 0) : 0, 'accepted')).ok, false);
  assert.ok((await platform.conversations.moderateStatement(moderator, queue.ok ? (queue.value[0]?.id ?? 0) : 0, 'accepted')).ok);
  assert.ok((await platform.conversations.castVote({ actor: r(3) }, conversationId, { statement: 7, vote: 'agree' })).ok);
});

test('the recompute stores results: groups, repness, consensus, bridging and where I stand', async () => {
  // Two camps: residents 0–5 agree with 0–3 and disagree with 4–6; residents 6–11 the opposite. All agree on 7.
  for (let i = 0; i < 12; i++) {
    for (let s = 0; s < 7; s++) {
      const camp = i < 6 ? s < 4 : s >= 4;
      await platform.conversations.castVote({ actor: r(i) }, conversationId, { statement: s, vote: camp ? 'agree' : 'disagree' });
    }
    await platform.conversations.castVote({ actor: r(i) }, conversationId, { statement: 7, vote: 'agree' });
  }
  const done = await platform.conversations.recompute(conversationId);
  assert.ok(done && done.revision >= 1);
  const results = await platform.conversations.results(null, conversationId);
  assert.ok(results.ok && results.value.view);
  const view = results.value.view;
  assert.equal(view.nParticipants, 13);
  assert.equal(view.groups.length, 2);
  assert.ok(view.groups.every((g) => g.outline.startsWith('M') && g.dots.includes('h0')));
  assert.ok(view.consensus.agree.some((c) => c.number === 7), 'everyone agrees on 7');
  assert.equal(view.bridging[0]?.number, 7);
  assert.ok(view.groups.every((g) => g.repness.length > 0));
  // Every figure shown is the raw share with its count: a camp of six that all agreed is "6 of 6", 100 %.
  for (const g of view.groups) {
    assert.ok(g.size >= 3, 'no group smaller than three is shown');
    for (const rep of g.repness) {
      const [agree = 0, disagree = 0, pass = 0] = g.votes[String(rep.number)] ?? [];
      assert.deepEqual([rep.count, rep.seen], [rep.side === 'agree' ? agree : disagree, agree + disagree + pass]);
      assert.equal(rep.percent, Math.round((100 * rep.count) / rep.seen));
    }
  }
  assert.ok(view.groups.every((g) => g.repness.some((rep) => rep.count === 6 && rep.seen === 6 && rep.percent === 100)), 'unanimous camps read 100 %');
  const seven = view.consensus.agree.find((c) => c.number === 7);
  assert.deepEqual(seven && [seven.count, seven.seen, seven.percent], [12, 12, 100]);
  const me = await platform.conversations.whereDoIStand({ actor: r(0) }, conversationId);
  assert.ok(me.ok && me.value);
  const mine = view.groups.find((g) => g.label === me.value?.assignedGroup);
  assert.ok(mine);
  const other = view.groups.find((g) => g !== mine);
  assert.ok(other);
  assert.ok(Math.hypot(me.value.x - mine.cx, me.value.y - mine.cy) < Math.hypot(me.value.x - other.cx, me.value.y - other.cy));
});

test('the smallest group shown and the votes to be placed are set per conversation; below 2 is refused by name', async () => {
  const tooSmall = await platform.conversations.setUpConversation(manager, phaseId, { question: 'Hvordan bør bussene i sentrum gå?', minGroupSize: 1, minVotes: 'mange' });
  assert.deepEqual(!tooSmall.ok && tooSmall.fields, [
    { field: 'minVotes', message: 'field.between', params: { min: 1, max: 100 } },
    { field: 'minGroupSize', message: 'field.between', params: { min: 2, max: 100 } },
  ]);
  const kept = await platform.conversations.getConversation(null, conversationId);
  assert.deepEqual(kept.ok && [kept.value.minVotes, kept.value.minGroupSize], [7, 3], 'nothing changed');
  // Two camps of six and seven: with groups of at least eight shown, neither is a group.
  assert.ok((await platform.conversations.setUpConversation(manager, phaseId, { question: 'Hvordan bør bussene i sentrum gå?', allowAnonymous: 'on', preModeration: 'on', minGroupSize: '8' })).ok);
  assert.ok(await platform.conversations.recompute(conversationId));
  await new Promise((resolve) => setTimeout(resolve, 300)); // the stored view is re-read at most every 250 ms
  const hidden = await platform.conversations.results(null, conversationId);
  assert.ok(hidden.ok && hidden.value.view);
  assert.deepEqual([hidden.value.view.groups.length, hidden.value.view.nInGroups], [0, 0]);
  assert.ok(hidden.value.view.ungrouped.includes('h0'), 'everyone is drawn, as people not in a group');
  assert.ok((await platform.conversations.setUpConversation(manager, phaseId, { question: 'Hvordan bør bussene i sentrum gå?', allowAnonymous: 'on', preModeration: 'on' })).ok);
  assert.ok(await platform.conversations.recompute(conversationId));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const back = await platform.conversations.results(null, conversationId);
  assert.equal(back.ok && back.value.view?.groups.length, 2, 'the default of three shows both camps again');
});

test('the recompute job coalesces a burst into few runs and notifies listeners', async () => {
  const heard: number[] = [];
  const stop = await platform.conversationResults.subscribe(conversationId, (event) => heard.push(event.revision));
  for (let i = 0; i < 30; i++) await platform.conversations.castVote({ actor: r(i % 12) }, conversationId, { statement: i % 7, vote: i % 3 === 0 ? 'pass' : 'agree' });
  const deadline = Date.now() + 15_000;
  while (heard.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  stop();
  assert.ok(heard.length >= 1, 'a new result was announced over LISTEN/NOTIFY');
  assert.ok(heard.length < 30, `30 votes gave ${heard.length} recomputes`);
});

test('import refuses malformed files with the file and line, and imports nothing', async () => {
  const set = await platform.conversations.setUpConversation(manager, closedPhaseId, { question: 'Gammel samtale' });
  assert.ok(set.ok);
  const fresh = await platform.processes.ensureProcess({
    slug: 'import', status: 'published', title: { nb: 'Import' }, summary: { nb: 'Import' }, startsOn: null, endsOn: null, createdBy: manager.id,
    phases: [{ method: 'conversation', title: { nb: 'Importert' }, startsOn: '2026-11-01', endsOn: '2026-12-31' }],
  });
  const target = await platform.conversations.setUpConversation(manager, fresh.phaseIds[0] ?? '', { question: 'Importert samtale' });
  assert.ok(target.ok);
  const comments = 'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,0,1,0,1,Første\n2,x,1,1,0,1,1,Andre\n';
  const votes = 'timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,1\n2,x,1,0,-1\n3,x,1,1,2\n';
  const bad = await platform.conversations.importPolis(manager, target.value.id, { comments, votes });
  assert.deepEqual(!bad.ok && bad.fields, [{ field: 'votes', message: 'conversations.import.badValueAt', params: { file: 'votes.csv', line: 4, column: 'vote' } }]);
  // Several bad rows in two files: all of them in one answer, each with its file, line and column.
  const several = await platform.conversations.importPolis(manager, target.value.id, {
    comments: 'comment-id,moderated,comment-body\n0,1,A\n0,1,B\n1,9,C\n',
    votes: 'comment-id,voter-id,vote\n0,0,1\n0,1,3\n,2,1\n0,3,x\n',
  });
  assert.deepEqual(!several.ok && several.fields?.map((f) => [f.params?.file, f.params?.line, f.params?.column]), [
    ['comments.csv', 3, 'comment-id'],
    ['comments.csv', 4, 'moderated'],
    ['votes.csv', 3, 'vote'],
    ['votes.csv', 4, 'comment-id'],
    ['votes.csv', 5, 'vote'],
  ]);
  const unknown = await platform.conversations.importPolis(manager, target.value.id, { comments, votes: 'comment-id,voter-id,vote\n0,0,1\n5,0,1\n' });
  assert.deepEqual(!unknown.ok && unknown.fields?.[0]?.params, { file: 'votes.csv', line: 3, column: 'comment-id' });
  const noColumn = await platform.conversations.importPolis(manager, target.value.id, { comments: 'id,body\n1,x\n', votes });
  assert.deepEqual(!noColumn.ok && noColumn.fields?.[0]?.message, 'conversations.import.missingColumn');
  const listed = await platform.conversations.listStatements(manager, target.value.id);
  assert.deepEqual(listed.ok && listed.value, [], 'nothing was imported');
  const good = await platform.conversations.importPolis(manager, target.value.id, { comments, votes: 'comment-id,voter-id,vote\n0,0,1\n1,0,-1\n1,7,1\n', summary: 'topic,Busser\nurl,https://pol.is/x\n' });
  assert.deepEqual(good.ok && good.value, { statements: 2, participants: 3, votes: 3 });
  const again = await platform.conversations.importPolis(manager, target.value.id, { comments, votes: 'comment-id,voter-id,vote\n0,0,1\n' });
  assert.deepEqual(again, { ok: false, code: 'Conflict' });
});

const uberx = join(sharedDataDir(), 'polis', 'openData', 'vtaiwan.uberx');

test('the vTaiwan UberX export imports, recomputes into two groups and exports in the same format', async () => {
  assert.ok(existsSync(uberx), `shared data not found at ${uberx}: set TINGSTED_SHARED_DATA to the shared/data folder`);
  const fresh = await platform.processes.ensureProcess({
    slug: 'uberx', status: 'published', title: { nb: 'UberX' }, summary: { nb: 'UberX' }, startsOn: null, endsOn: null, createdBy: manager.id,
    phases: [{ method: 'conversation', title: { nb: 'UberX' }, startsOn: '2026-11-01', endsOn: '2026-12-31' }],
  });
  const target = await platform.conversations.setUpConversation(manager, fresh.phaseIds[0] ?? '', { question: 'UberX' });
  assert.ok(target.ok);
  const read = (name: string) => readFileSync(join(uberx, name), 'utf8');
  const started = performance.now();
  const imported = await platform.conversations.importPolis(manager, target.value.id, {
    comments: read('comments.csv'), votes: read('votes.csv'), participantsVotes: read('participants-votes.csv'), summary: read('summary.csv'),
  });
  assert.ok(imported.ok, JSON.stringify(imported));
  assert.equal(imported.value.statements, 197);
  assert.ok(performance.now() - started < 30_000);
  await platform.conversations.recompute(target.value.id);
  const results = await platform.conversations.results(null, target.value.id);
  assert.equal(results.ok && results.value.view?.groups.length, 2);
  assert.equal(results.ok && results.value.view?.nParticipants, 1921);
  const exported = await platform.conversations.exportPolis(null, target.value.id);
  assert.ok(exported.ok);
  const original = readVotesCsv(read('votes.csv'));
  const back = readVotesCsv(exported.value['votes.csv']);
  assert.ok(original.ok && back.ok);
  const latest = new Map(original.votes.map((v) => [`${String(v.participant)}:${String(v.statement)}`, v.vote]));
  assert.equal(back.votes.length, latest.size);
  assert.ok(back.votes.every((v) => latest.get(`${String(v.participant)}:${String(v.statement)}`) === v.vote), 'every latest vote comes back under its Pol.is ids');
  const header = parseCsv(exported.value['participants-votes.csv']);
  assert.ok(header.ok && header.records[0]?.fields.slice(0, 6).join(',') === 'participant,group-id,n-comments,n-votes,n-agree,n-disagree');
  assert.match(exported.value['summary.csv'], /^topic,/);
});
