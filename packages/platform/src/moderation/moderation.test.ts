// The moderation workspace through the services: reports with reasons, the queue with the author's history,
// approve / hide / restore / block, refusals that say who already acted, bulk actions, blocks that stop
// posting, and hidden content gone from what the public reads.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let clock = new Date('2026-11-23T10:00:00Z');
let manager: Actor;
let moderator: Actor;
let otherModerator: Actor;
let decider: Actor;
let kari: Actor;
let ola: Actor;
let per: Actor;
let processId = '';
let ideasPhase = '';
let screenedPhase = '';
let conversationId = '';
let conversationPhase = '';
let parkingIdea = '';

/** Moves the clock a minute on, so "oldest first" has something to order. */
const tick = () => {
  clock = new Date(clock.getTime() + 60_000);
};
const messages = (r: { ok: boolean; fields?: readonly { message: string }[] }) => (r.ok ? [] : (r.fields ?? []).map((f) => f.message));
const codeOf = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => clock }));
  const user = async (email: string, roles: Actor['roles'][number][]) => ({
    id: await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles }),
    roles,
  });
  manager = await user('leder@example.no', ['process_manager']);
  moderator = await user('moderator@example.no', ['moderator']);
  otherModerator = await user('moderator2@example.no', ['moderator']);
  decider = await user('ordforer@example.no', ['decision_maker']);
  kari = await user('kari@example.no', ['resident']);
  ola = await user('ola@example.no', ['resident']);
  per = await user('per@example.no', ['resident']);
  const created = await platform.processes.ensureProcess({
    slug: 'torget',
    status: 'published',
    title: { nb: 'Torget' },
    summary: { nb: 'Hva skal skje med torget?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2026-11-01', endsOn: '2026-11-30' },
      { method: 'ideas', title: { nb: 'Forhåndsmoderert' }, startsOn: '2026-11-01', endsOn: '2026-11-30', settings: { preScreening: true } },
      { method: 'conversation', title: { nb: 'Samtale' }, startsOn: '2026-11-01', endsOn: '2026-11-30' },
    ],
  });
  processId = created.id;
  [ideasPhase = '', screenedPhase = ''] = created.phaseIds;
  conversationPhase = created.phaseIds[2] ?? '';
  const set = await platform.conversations.setUpConversation(manager, conversationPhase, { question: 'Hvordan bør torget brukes?' });
  assert.ok(set.ok);
  conversationId = set.value.id;
});
after(async () => drop());

async function postIdea(author: Actor, title: string, phaseId = ideasPhase): Promise<string> {
  const posted = await platform.ideas.postIdea(author, { phaseId, title, body: `${title}: en lengre beskrivelse.` });
  assert.ok(posted.ok);
  tick();
  return posted.value.id;
}

describe('reports', () => {
  test('a report needs a reason, "other" needs a text, and a person reports an item once', async () => {
    const idea = await postIdea(kari, 'Parkering på torget');
    parkingIdea = idea;
    assert.equal(codeOf(await platform.moderation.reportContent(null, { type: 'idea', id: idea, reason: 'spam' })), 'NotSignedIn');
    assert.deepEqual(messages(await platform.moderation.reportContent(ola, { type: 'idea', id: idea, reason: '' })), ['moderation.report.reasonRequired']);
    assert.deepEqual(messages(await platform.moderation.reportContent(ola, { type: 'idea', id: idea, reason: 'other', text: ' ' })), ['moderation.report.textRequired']);
    assert.deepEqual(messages(await platform.moderation.reportContent(ola, { type: 'poll', id: idea, reason: 'spam' })), ['field.oneOf']);
    assert.equal(codeOf(await platform.moderation.reportContent(ola, { type: 'idea', id: '00000000-0000-4000-8000-000000000000', reason: 'spam' })), 'NotFound');
    assert.ok((await platform.moderation.reportContent(ola, { type: 'idea', id: idea, reason: 'other', text: 'Reklame for et parkeringsselskap' })).ok);
    const twice = await platform.moderation.reportContent(ola, { type: 'idea', id: idea, reason: 'spam' });
    assert.equal(codeOf(twice), 'AlreadyReported');
    assert.deepEqual(messages(twice), ['moderation.report.twice']);
  });

  test('residents cannot see the queue; moderators and process managers can, oldest first, with the reports', async () => {
    assert.equal(codeOf(await platform.moderation.moderationQueue(kari)), 'Forbidden');
    assert.equal(codeOf(await platform.moderation.moderationQueue(decider)), 'Forbidden');
    assert.equal(codeOf(await platform.moderation.moderationQueue(null)), 'NotSignedIn');
    const comment = await platform.ideas.postComment(per, { ideaId: (await postIdea(ola, 'Benker langs kanten')), body: 'Dette er bare tull!' });
    assert.ok(comment.ok);
    tick();
    assert.ok((await platform.moderation.reportContent(kari, { type: 'comment', id: comment.value.id, reason: 'abusive' })).ok);
    for (const actor of [moderator, manager]) {
      const queue = await platform.moderation.moderationQueue(actor, { processId });
      assert.ok(queue.ok);
      assert.deepEqual(queue.value.map((e) => [e.item.type, e.item.title, e.waiting]), [
        ['idea', 'Parkering på torget', 'reported'],
        ['comment', 'Benker langs kanten', 'reported'],
      ]);
      assert.deepEqual(queue.value[0]?.reports.map((r) => [r.reason, r.text]), [['other', 'Reklame for et parkeringsselskap']]);
      assert.equal(queue.value[1]?.authorName, 'per');
    }
  });
});

describe('acting on the queue', () => {
  test('a moderator hides an idea with a reason; the author is told; the public no longer sees it', async () => {
    const queue = await platform.moderation.moderationQueue(moderator, { processId });
    const entry = queue.ok ? queue.value[0] : undefined;
    assert.ok(entry);
    assert.equal(codeOf(await platform.moderation.hideItem(kari, { type: 'idea', id: entry.item.id, reason: 'Reklame' })), 'Forbidden');
    assert.deepEqual(messages(await platform.moderation.hideItem(moderator, { type: 'idea', id: entry.item.id, reason: '' })), ['field.reasonRequired']);
    const before = await platform.ideas.listIdeas(null, { processId });
    assert.ok((await platform.moderation.hideItem(moderator, { type: 'idea', id: entry.item.id, reason: 'Reklame for et firma' })).ok);
    const afterHiding = await platform.ideas.listIdeas(null, { processId });
    assert.equal(afterHiding.total, before.total - 1);
    assert.ok(!afterHiding.ideas.some((i) => i.id === entry.item.id));
    assert.equal(codeOf(await platform.ideas.getIdea(ola, entry.item.id)), 'NotFound', 'hidden from other residents');
    assert.equal(codeOf(await platform.ideas.getIdea(kari, entry.item.id)), 'ok', 'the author still sees it');
    const inputs = await platform.ideas.visibleInputsOf(processId);
    assert.ok(!inputs.ideas.some((i) => i.id === entry.item.id), 'out of analysis inputs');
    const told = await platform.notifications.listFor(kari, 'nb');
    assert.equal(told[0]?.text, 'En moderator har skjult forslaget ditt «Parkering på torget».');
    assert.deepEqual(told[0]?.quote, { label: 'Begrunnelse', text: 'Reklame for et firma' });
    const queueAfter = await platform.moderation.moderationQueue(moderator, { processId });
    assert.ok(queueAfter.ok && !queueAfter.value.some((e) => e.item.id === entry.item.id), 'handled items leave the queue');
  });

  test('a second moderator acting on the same item is told who did what, and when', async () => {
    const hidden = { id: parkingIdea };
    const again = await platform.moderation.hideItem(otherModerator, { type: 'idea', id: hidden.id, reason: 'Også reklame' });
    assert.equal(codeOf(again), 'AlreadyHandled');
    assert.equal(again.ok ? '' : again.fields?.[0]?.message, 'moderation.handled.hidden');
    assert.equal(again.ok ? '' : again.fields?.[0]?.params?.who, 'moderator');
    assert.match(String(again.ok ? '' : again.fields?.[0]?.params?.when), /^2026-11-23 \d\d:\d\d UTC$/);
    assert.equal(codeOf(await platform.moderation.approveItem(otherModerator, { type: 'idea', id: hidden.id })), 'AlreadyHandled');
  });

  test('the author of a hidden idea edits it and asks for review; it comes back to the queue; a moderator restores it', async () => {
    const hidden = { id: parkingIdea };
    const own = await platform.ideas.getIdea(kari, hidden.id);
    assert.ok(own.ok && own.value.idea.editableByViewer && own.value.idea.hidden);
    assert.equal(codeOf(await platform.ideas.editIdea(ola, hidden.id, { title: 'Noe annet', body: 'Helt annen tekst her.' })), 'NotFound');
    const edited = await platform.ideas.editIdea(kari, hidden.id, { title: 'Sykkelparkering på torget', body: 'Flere sykkelstativ i stedet for biler.' });
    assert.ok(edited.ok && edited.value.reviewRequested);
    const queue = await platform.moderation.moderationQueue(moderator, { processId });
    const entry = queue.ok ? queue.value.find((e) => e.item.id === hidden.id) : undefined;
    assert.equal(entry?.waiting, 'review');
    assert.equal(entry?.item.title, 'Sykkelparkering på torget');
    assert.ok((await platform.moderation.restoreItem(moderator, { type: 'idea', id: hidden.id })).ok);
    assert.equal(codeOf(await platform.moderation.restoreItem(otherModerator, { type: 'idea', id: hidden.id })), 'AlreadyHandled');
    assert.ok((await platform.ideas.listIdeas(null, { processId })).ideas.some((i) => i.id === hidden.id));
    const history = await platform.ideas.ideaEdits(moderator, hidden.id);
    assert.deepEqual(history.ok && history.value.map((e) => [e.editorName, e.previousTitle]), [['kari', 'Parkering på torget']]);
    assert.equal(codeOf(await platform.ideas.ideaEdits(ola, hidden.id)), 'Forbidden');
    assert.ok((await platform.ideas.ideaEdits(decider, hidden.id)).ok, 'decision-makers who answer ideas read the history');
  });

  test('the queue shows the author history: earlier hidden items', async () => {
    const idea = await postIdea(kari, 'Enda mer reklame');
    assert.ok((await platform.moderation.reportContent(per, { type: 'idea', id: idea, reason: 'spam' })).ok);
    const queue = await platform.moderation.moderationQueue(moderator);
    const entry = queue.ok ? queue.value.find((e) => e.item.id === idea) : undefined;
    assert.equal(entry?.author.hiddenCount, 1);
    assert.equal(entry?.author.hidden[0]?.reason, 'Reklame for et firma');
  });

  test('approving dismisses the reports; pre-screened ideas wait and are published on approval', async () => {
    const pending = await postIdea(ola, 'Vannpost ved fontenen', screenedPhase);
    assert.equal(codeOf(await platform.ideas.getIdea(per, pending)), 'NotFound');
    const queue = await platform.moderation.moderationQueue(manager, { processId });
    assert.equal(queue.ok && queue.value.find((e) => e.item.id === pending)?.waiting, 'screening');
    assert.ok((await platform.moderation.approveItem(manager, { type: 'idea', id: pending })).ok);
    assert.equal(codeOf(await platform.ideas.getIdea(per, pending)), 'ok');
    assert.equal(codeOf(await platform.moderation.approveItem(moderator, { type: 'idea', id: pending })), 'AlreadyHandled');
  });

  test('bulk: approve and hide many items at once; each outcome is told', async () => {
    const a = await postIdea(per, 'Kunstgress på løkka');
    const b = await postIdea(per, 'Flytt bussholdeplassen');
    for (const id of [a, b]) assert.ok((await platform.moderation.reportContent(ola, { type: 'idea', id, reason: 'off_topic' })).ok);
    const none = await platform.moderation.bulkModerate(moderator, { action: 'hide', items: [], reason: 'Utenfor tema' });
    assert.deepEqual(messages(none), ['moderation.bulk.noneChosen']);
    const hidden = await platform.moderation.bulkModerate(moderator, { action: 'hide', items: [{ type: 'idea', id: a }, { type: 'idea', id: b }], reason: 'Utenfor tema' });
    assert.ok(hidden.ok);
    assert.deepEqual(hidden.value.outcomes.map((o) => o.ok), [true, true]);
    const again = await platform.moderation.bulkModerate(otherModerator, { action: 'approve', items: [{ type: 'idea', id: a }] });
    assert.deepEqual(again.ok && again.value.outcomes.map((o) => [o.ok, o.failure?.code]), [[false, 'AlreadyHandled']]);
    for (const id of [a, b]) {
      const audit = await platform.audit.forSubject('idea', id);
      assert.deepEqual(audit.map((e) => e.action).filter((action) => action.startsWith('moderation.')), ['moderation.hidden', 'moderation.reported'], 'every action is audited');
    }
  });
});

describe('blocks and statements', () => {
  test('a blocked author cannot post, comment, support or vote; staff cannot be blocked', async () => {
    const staffIdea = await postIdea(manager, 'Lederens egen idé');
    const staff = await platform.moderation.blockAuthor(moderator, { type: 'idea', id: staffIdea, days: 7, reason: 'Prøver' });
    assert.equal(codeOf(staff), 'Forbidden');
    assert.deepEqual(messages(staff), ['moderation.block.staff']);
    const target = await postIdea(per, 'Alle biler ut nå');
    assert.deepEqual(messages(await platform.moderation.blockAuthor(moderator, { type: 'idea', id: target, days: 0, reason: 'Gjentatt spam' })), ['moderation.block.days']);
    const blocked = await platform.moderation.blockAuthor(moderator, { type: 'idea', id: target, days: 7, reason: 'Gjentatt spam' });
    assert.ok(blocked.ok);
    assert.equal(blocked.value.until.toISOString().slice(0, 10), new Date(clock.getTime() + 7 * 86_400_000).toISOString().slice(0, 10));
    const post = await platform.ideas.postIdea(per, { phaseId: ideasPhase, title: 'En ny idé til', body: 'Som ikke skal komme inn.' });
    assert.equal(codeOf(post), 'AccountBlocked');
    assert.deepEqual(messages(post), ['moderation.blockedUntil']);
    assert.equal(codeOf(await platform.ideas.postComment(per, { ideaId: target, body: 'Hei' })), 'AccountBlocked');
    assert.equal(codeOf(await platform.ideas.supportIdea(per, target)), 'AccountBlocked');
    assert.equal(codeOf(await platform.conversations.castVote({ actor: per }, conversationId, { statement: 0, vote: 'agree' })), 'AccountBlocked');
    const queue = await platform.moderation.moderationQueue(moderator);
    assert.ok(queue.ok);
    assert.equal(codeOf(await platform.ideas.supportIdea(ola, target)), 'ok', 'others still may');
  });

  test('statements are reported and hidden, and leave voting', async () => {
    const seed = await platform.conversations.addSeedStatement(manager, conversationId, 'Torget bør være bilfritt hele året.');
    assert.ok(seed.ok);
    const statements = await platform.conversations.listStatements(null, conversationId);
    const statement = statements.ok ? statements.value.find((s) => s.number === seed.value.number) : undefined;
    assert.ok(statement);
    assert.ok((await platform.moderation.reportContent(kari, { type: 'statement', id: String(statement.id), reason: 'personal_data' })).ok);
    const queue = await platform.moderation.moderationQueue(moderator, { processId });
    const entry = queue.ok ? queue.value.find((e) => e.item.type === 'statement') : undefined;
    assert.equal(entry?.item.title, 'Hvordan bør torget brukes?');
    assert.ok((await platform.moderation.hideItem(moderator, { type: 'statement', id: String(statement.id), reason: 'Navn på en nabo' })).ok);
    const shown = await platform.conversations.listStatements(null, conversationId);
    assert.ok(shown.ok && !shown.value.some((s) => s.id === statement.id));
    assert.ok((await platform.moderation.restoreItem(otherModerator, { type: 'statement', id: String(statement.id) })).ok);
    const back = await platform.conversations.listStatements(null, conversationId);
    assert.ok(back.ok && back.value.some((s) => s.id === statement.id));
  });

  test('statements waiting for pre-moderation are in the same queue; approving one puts it up for voting', async () => {
    assert.ok((await platform.conversations.setUpConversation(manager, conversationPhase, { question: 'Hvordan bør torget brukes?', preModeration: true })).ok);
    tick();
    const sent = await platform.conversations.submitStatement({ actor: kari }, conversationId, 'Torget trenger flere benker i skyggen.');
    assert.ok(sent.ok && sent.value.awaitingModeration);
    const queue = await platform.moderation.moderationQueue(manager, { processId });
    const entry = queue.ok ? queue.value.find((e) => e.item.type === 'statement' && e.item.body === 'Torget trenger flere benker i skyggen.') : undefined;
    assert.ok(entry, 'the statement waits in the queue');
    assert.deepEqual([entry.waiting, entry.authorName, entry.reports.length], ['screening', 'kari', 0]);
    const before = await platform.conversations.listStatements(null, conversationId);
    assert.ok(before.ok && !before.value.some((s) => s.body === 'Torget trenger flere benker i skyggen.'), 'not shown before a moderator approves it');
    assert.ok((await platform.moderation.approveItem(moderator, { type: 'statement', id: entry.item.id })).ok);
    const after = await platform.conversations.listStatements(null, conversationId);
    assert.ok(after.ok && after.value.some((s) => s.body === 'Torget trenger flere benker i skyggen.'), 'shown once approved');
    const queueAfter = await platform.moderation.moderationQueue(moderator, { processId });
    assert.ok(queueAfter.ok && !queueAfter.value.some((e) => e.item.type === 'statement' && e.item.id === entry.item.id), 'handled, so out of the queue');
    // One hidden instead: its author is told why, with a link to the conversation.
    tick();
    const other = await platform.conversations.submitStatement({ actor: kari }, conversationId, 'Naboen min i nummer 4 parkerer alltid feil.');
    assert.ok(other.ok);
    const waiting = await platform.moderation.moderationQueue(moderator, { processId });
    const hiddenEntry = waiting.ok ? waiting.value.find((e) => e.item.body === 'Naboen min i nummer 4 parkerer alltid feil.') : undefined;
    assert.ok(hiddenEntry);
    assert.ok((await platform.moderation.hideItem(moderator, { type: 'statement', id: hiddenEntry.item.id, reason: 'Handler om en bestemt nabo' })).ok);
    const told = await platform.notifications.listFor(kari, 'nb');
    assert.deepEqual([told[0]?.kind, told[0]?.text, told[0]?.quote?.text, told[0]?.link], [
      'statement_hidden',
      'En moderator har skjult utsagnet ditt «Naboen min i nummer 4 parkerer alltid feil.» i samtalen.',
      'Handler om en bestemt nabo',
      `/processes/torget/conversation/${conversationPhase}`,
    ]);
    assert.ok((await platform.conversations.setUpConversation(manager, conversationPhase, { question: 'Hvordan bør torget brukes?', preModeration: false })).ok);
  });
});
