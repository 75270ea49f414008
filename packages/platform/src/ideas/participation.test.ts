// The weekly work of a municipality, through the services: charter, timeline, ideas, moderation, answers,
// progress, notifications and "you said, we did".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let mailer: Awaited<ReturnType<typeof testPlatform>>['mailer'];
let drop: () => Promise<void>;
const now = new Date('2026-11-23T10:00:00Z');

let manager: Actor;
let moderator: Actor;
let decider: Actor;
let kari: Actor;
let ola: Actor;
let processId = '';
let ideasPhase = '';

before(async () => {
  ({ platform, mailer, drop } = await testPlatform({ clock: () => now }));
  await platform.municipality.ensure({ name: 'Testvik kommune', logoUrl: null, primaryColour: '#1f5f8b', defaultLocale: 'nb', areas: ['Sentrum', 'Nordbyen'] });
  const user = async (email: string, roles: Actor['roles'][number][]) => ({
    id: await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles }),
    roles,
  });
  manager = await user('manager@example.no', ['process_manager']);
  moderator = await user('moderator@example.no', ['moderator']);
  decider = await user('ordforer@example.no', ['decision_maker']);
  kari = await user('kari@example.no', ['resident']);
  ola = await user('ola@example.no', ['resident']);
});
after(async () => drop());

describe('charter and timeline', () => {
  test('a resident cannot create a process; a manager creates a draft with an address from its title', async () => {
    assert.equal(!(await platform.processes.createProcess(kari, { title: 'Ny park', locale: 'nb' })).ok, true);
    const created = await platform.processes.createProcess(manager, { title: 'Ny park på Øvre Torg', locale: 'nb' });
    assert.ok(created.ok);
    assert.equal(created.value.slug, 'ny-park-pa-ovre-torg');
    processId = created.value.id;
    const again = await platform.processes.createProcess(manager, { title: 'Ny park på Øvre Torg', locale: 'nb' });
    assert.equal(again.ok && again.value.slug, 'ny-park-pa-ovre-torg-2');
  });

  test('publishing names every missing charter field, and nothing changes', async () => {
    const result = await platform.processes.publishProcess(manager, processId);
    assert.equal(result.ok, false);
    const fields = !result.ok ? (result.fields ?? []).map((f) => f.field) : [];
    assert.deepEqual(fields, ['summary', 'question', 'why_involved', 'scope_can_change', 'scope_cannot_change', 'decision_maker', 'response_commitment', 'target_groups', 'method_rationale', 'respondBy', 'phases']);
    const still = await platform.processes.getProcessById(processId);
    assert.equal(still?.status, 'draft');
  });

  test('phases: end before start and overlaps are refused; the process dates follow the timeline', async () => {
    const bad = await platform.processes.addPhase(manager, processId, { method: 'ideas', title: 'Idéer', startsOn: '2026-12-01', endsOn: '2026-11-01', locale: 'nb' });
    assert.deepEqual(!bad.ok && bad.fields?.map((f) => f.message), ['field.endBeforeStart']);
    const info = await platform.processes.addPhase(manager, processId, { method: 'information', title: 'Informasjon', startsOn: '2026-11-01', endsOn: '2026-11-14', locale: 'nb' });
    assert.ok(info.ok);
    const dupes = await platform.processes.addPhase(manager, processId, { method: 'ideas', title: 'Idéer', startsOn: '2026-11-15', endsOn: '2026-12-31', locale: 'nb', categories: 'Lek\nlek' });
    assert.deepEqual(!dupes.ok && dupes.fields?.map((f) => f.message), ['field.duplicateCategory']);
    const ideas = await platform.processes.addPhase(manager, processId, { method: 'ideas', title: 'Idéer', startsOn: '2026-11-15', endsOn: '2026-12-31', locale: 'nb', categories: ' Lek \n\nTrafikk\n' });
    assert.ok(ideas.ok);
    ideasPhase = ideas.value.id;
    const overlap = await platform.processes.addPhase(manager, processId, { method: 'survey', title: 'Undersøkelse', startsOn: '2026-12-20', endsOn: '2027-01-10', locale: 'nb' });
    assert.deepEqual(!overlap.ok && overlap.fields?.map((f) => f.message), ['field.phaseOverlap']);
    const detail = await platform.processes.getProcessById(processId);
    assert.equal(detail?.startsOn, '2026-11-01');
    assert.equal(detail?.endsOn, '2026-12-31');
    assert.deepEqual(detail?.phases.map((p) => p.state), ['closed', 'open']);
    assert.equal(detail?.currentPhaseId, ideasPhase);
  });

  test('with the charter written, the process publishes and the public sees it', async () => {
    const texts = {
      summary: 'Hva skal parken inneholde?',
      question: 'Hvordan skal parken på Øvre Torg bli?',
      why_involved: 'Parken er for alle som bor her.',
      scope_can_change: 'Innhold, beplantning og lys.',
      scope_cannot_change: 'Plasseringen og budsjettet på 4 millioner.',
      decision_maker: 'Kommunestyret',
      response_commitment: 'Kommunestyret svarer på alle innspill i mars.',
      target_groups: 'Barn, unge og eldre i sentrum.',
      method_rationale: 'Idéer gir bredde før vi velger.',
    };
    const tooLong = await platform.processes.updateCharter(manager, processId, { locale: 'nb', texts: { question: 'x'.repeat(501) } });
    assert.deepEqual(!tooLong.ok && tooLong.fields?.map((f) => f.field), ['question']);
    assert.equal((await platform.processes.updateCharter(manager, processId, { locale: 'nb', texts, respondBy: '2027-03-31' })).ok, true);
    assert.equal((await platform.processes.publishProcess(manager, processId)).ok, true);
    const seen = await platform.processes.getProcess(null, 'ny-park-pa-ovre-torg');
    assert.equal(seen.ok && seen.value.charter.scope_cannot_change.nb, 'Plasseringen og budsjettet på 4 millioner.');
  });
});

let kariIdea = '';
let olaIdea = '';
let olaComment = '';

describe('ideas, comments and supports', () => {
  test('empty or overlong ideas are refused by field; a good idea is posted and its author follows it', async () => {
    const bad = await platform.ideas.postIdea(kari, { phaseId: ideasPhase, title: '', body: 'x'.repeat(6000) });
    assert.deepEqual(!bad.ok && bad.fields?.map((f) => `${f.field}:${f.message}`), ['title:field.required', 'body:field.tooLong']);
    const posted = await platform.ideas.postIdea(kari, { phaseId: ideasPhase, title: 'Lekeplass for de minste', body: 'En inngjerdet lekeplass med sand og huske.' });
    assert.ok(posted.ok);
    kariIdea = posted.value.id;
    const second = await platform.ideas.postIdea(ola, { phaseId: ideasPhase, title: 'Benker i skyggen', body: 'Flere benker under trærne for eldre.' });
    assert.ok(second.ok);
    olaIdea = second.value.id;
    assert.deepEqual(await platform.ideas.audienceOf(kariIdea), [kari.id]);
  });

  test('an idea may carry an image with a description; a wrong file or a missing description saves nothing', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const idea = { phaseId: ideasPhase, title: 'Benk ved elva', body: 'En benk der stien møter elva, med utsikt.', locale: 'nb' };
    const count = async () => (await platform.db.selectFrom('ideas').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    const fake = await platform.ideas.postIdea(ola, { ...idea, image: { filename: 'bilde.png', contentType: 'image/png', data: new TextEncoder().encode('not an image'), altText: 'Benk' } });
    assert.deepEqual(!fake.ok && fake.fields?.map((f) => [f.field, f.message]), [['image', 'field.imageType']]);
    const pdf = await platform.ideas.postIdea(ola, { ...idea, image: { filename: 'a.pdf', contentType: 'application/pdf', data: new TextEncoder().encode('%PDF-1.4'), altText: 'x' } });
    assert.deepEqual(!pdf.ok && pdf.fields?.map((f) => f.field), ['image'], 'documents are not images');
    const noAlt = await platform.ideas.postIdea(ola, { ...idea, title: '', image: { filename: 'benk.png', contentType: 'image/png', data: png, altText: ' ' } });
    assert.deepEqual(!noAlt.ok && noAlt.fields?.map((f) => f.field), ['title', 'imageAlt'], 'every problem is named at once');
    assert.equal(await count(), before, 'nothing saved');
    const posted = await platform.ideas.postIdea(ola, { ...idea, image: { filename: 'benk.png', contentType: 'image/png', data: png, altText: 'Skisse av en benk ved elva' } });
    assert.ok(posted.ok);
    const image = (await platform.ideas.imagesOf([posted.value.id])).get(posted.value.id);
    assert.equal(image?.alt, 'Skisse av en benk ved elva');
    const served = await platform.files.read(image?.id ?? '');
    assert.deepEqual(served && [served.contentType, [...served.data]], ['image/png', [...png]]);
    await platform.db.deleteFrom('ideas').where('id', '=', posted.value.id).execute();
  });

  test('ideas are filed under one of the phase’s categories, and the list can show one category', async () => {
    const phase = await platform.processes.getPhase(ideasPhase);
    assert.deepEqual(phase?.phase.settings.categories, ['Lek', 'Trafikk']);
    const idea = { phaseId: ideasPhase, title: 'Fartsdumper ved skolen', body: 'Bilene kjører for fort forbi skolen om morgenen.' };
    const unknown = await platform.ideas.postIdea(ola, { ...idea, category: 'Kultur' });
    assert.deepEqual(!unknown.ok && unknown.fields?.map((f) => f.field), ['category']);
    const posted = await platform.ideas.postIdea(ola, { ...idea, category: 'Trafikk' });
    assert.ok(posted.ok);
    const traffic = await platform.ideas.listIdeas(null, { processId, category: 'Trafikk' });
    assert.deepEqual([traffic.total, traffic.ideas.map((i) => [i.title, i.category])], [1, [['Fartsdumper ved skolen', 'Trafikk']]]);
    const all = await platform.ideas.listIdeas(null, { processId });
    assert.ok(all.total > 1);
    await platform.db.deleteFrom('ideas').where('id', '=', posted.value.id).execute();
  });

  test('posting in a phase that is not open is refused', async () => {
    const detail = await platform.processes.getProcessById(processId);
    const closed = detail?.phases.find((p) => p.method === 'information');
    const result = await platform.ideas.postIdea(kari, { phaseId: closed?.id ?? '', title: 'For sent ute', body: 'Dette burde ikke gå.' });
    assert.equal(!result.ok && result.code, 'NotFound', 'an information phase takes no ideas');
  });

  test('supporting twice is refused; the count is exact; the supporter then follows', async () => {
    assert.equal((await platform.ideas.supportIdea(ola, kariIdea)).ok, true);
    const twice = await platform.ideas.supportIdea(ola, kariIdea);
    assert.equal(!twice.ok && twice.code, 'AlreadySupported');
    const list = await platform.ideas.listIdeas(ola, { processId, sort: 'supported' });
    assert.deepEqual(list.ideas.map((i) => [i.title, i.supportCount, i.supportedByViewer]), [
      ['Lekeplass for de minste', 1, true],
      ['Benker i skyggen', 0, false],
    ]);
    assert.deepEqual(await platform.ideas.audienceOf(kariIdea), [kari.id, ola.id].sort((a, b) => a.localeCompare(b)));
  });

  test('withdrawing a support uncounts it once; supports from many people at once are all counted', async () => {
    assert.ok((await platform.ideas.withdrawSupport(ola, kariIdea)).ok);
    assert.ok((await platform.ideas.withdrawSupport(ola, kariIdea)).ok, 'withdrawing again changes nothing');
    const count = async () => (await platform.db.selectFrom('ideas').select('support_count').where('id', '=', kariIdea).executeTakeFirstOrThrow()).support_count;
    assert.equal(await count(), 0);
    const people = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => ({
        id: await platform.accounts.ensureUser({ email: `mange${i}@example.no`, displayName: `Mange ${i}`, password: null, roles: ['resident'] }),
        roles: ['resident' as const],
      })),
    );
    const results = await Promise.all([...people, ola].map((person) => platform.ideas.supportIdea(person, kariIdea)));
    assert.ok(results.every((r) => r.ok));
    assert.equal(await count(), 31);
    const stored = await platform.db.selectFrom('idea_supports').select((eb) => eb.fn.countAll<number>().as('n')).where('idea_id', '=', kariIdea).executeTakeFirstOrThrow();
    assert.equal(stored.n, 31, 'the count matches the stored supports');
    // A hidden idea cannot be supported (it is not found), and nothing is counted.
    await platform.db.updateTable('ideas').set({ hidden_at: new Date(), hidden_reason: 'test' }).where('id', '=', kariIdea).execute();
    const newcomer = { id: await platform.accounts.ensureUser({ email: 'ny@example.no', displayName: 'Ny', password: null, roles: ['resident'] }), roles: ['resident' as const] };
    const hidden = await platform.ideas.supportIdea(newcomer, kariIdea);
    assert.equal(!hidden.ok && hidden.code, 'NotFound');
    await platform.db.updateTable('ideas').set({ hidden_at: null, hidden_reason: null }).where('id', '=', kariIdea).execute();
    assert.equal(await count(), 31);
    for (const person of people) {
      await platform.ideas.withdrawSupport(person, kariIdea);
      await platform.ideas.followIdea(person, kariIdea, false);
    }
    assert.equal(await count(), 1);
  });

  test('the author cannot edit after the first reaction', async () => {
    const edit = await platform.ideas.editIdea(kari, kariIdea, { title: 'Lekeplass for alle', body: 'Endret tekst etter støtte.' });
    assert.equal(!edit.ok && edit.code, 'Conflict');
    const own = await platform.ideas.editIdea(ola, olaIdea, { title: 'Benker i skyggen ved dammen', body: 'Flere benker under trærne for eldre.' });
    assert.equal(own.ok, true, 'no reactions yet, so Ola may edit');
  });

  test('comments with replies nest one level; a moderator hides a comment with a reason the author is told', async () => {
    const comment = await platform.ideas.postComment(kari, { ideaId: olaIdea, body: 'God idé!' });
    assert.ok(comment.ok);
    const reply = await platform.ideas.postComment(ola, { ideaId: olaIdea, parentId: comment.value.id, body: 'Takk!' });
    assert.ok(reply.ok);
    const replyToReply = await platform.ideas.postComment(kari, { ideaId: olaIdea, parentId: reply.value.id, body: 'Bare hyggelig.' });
    assert.ok(replyToReply.ok);
    olaComment = reply.value.id;
    assert.equal(!(await platform.moderation.hideItem(kari, { type: 'comment', id: olaComment, reason: 'Spam' })).ok, true, 'residents cannot hide');
    const noReason = await platform.moderation.hideItem(moderator, { type: 'comment', id: olaComment, reason: '' });
    assert.deepEqual(!noReason.ok && noReason.fields?.map((f) => f.message), ['field.reasonRequired']);
    assert.equal((await platform.moderation.hideItem(moderator, { type: 'comment', id: olaComment, reason: 'Personopplysninger' })).ok, true);
    const publicView = await platform.ideas.getIdea(null, olaIdea);
    assert.ok(publicView.ok);
    const [first] = publicView.value.comments;
    assert.equal(first?.replies.length, 2);
    assert.equal(first?.replies[0]?.body, null, 'the public no longer sees the hidden text');
    const authorView = await platform.ideas.getIdea(ola, olaIdea);
    assert.equal(authorView.ok && authorView.value.comments[0]?.replies[0]?.hiddenReason, 'Personopplysninger');
    const told = await platform.notifications.listFor(ola, 'nb');
    assert.deepEqual(told[0]?.quote, { label: 'Begrunnelse', text: 'Personopplysninger' });
  });
});

describe('closing the loop', () => {
  test('rejecting requires an answer; accepting with an answer notifies author and supporters by e-mail', async () => {
    const noAnswer = await platform.feedback.answerIdea(decider, olaIdea, { status: 'rejected', body: '' });
    assert.deepEqual(!noAnswer.ok && noAnswer.fields?.map((f) => f.message), ['field.answerRequired']);
    assert.equal(!(await platform.feedback.answerIdea(kari, kariIdea, { status: 'accepted', body: 'Ja' })).ok, true, 'residents cannot answer');
    const before = mailer.sent.length;
    const answered = await platform.feedback.answerIdea(decider, kariIdea, { status: 'accepted', body: 'Vi bygger lekeplassen i 2027.' });
    assert.equal(answered.ok, true);
    const mails = mailer.sent.slice(before);
    assert.deepEqual(mails.map((m) => m.to).sort((a, b) => a.localeCompare(b)), ['kari@example.no', 'ola@example.no']);
    assert.match(mails[0]?.text ?? '', /\/processes\/ny-park-pa-ovre-torg\/ideas\//);
    const history = await platform.feedback.historyOf(kariIdea);
    assert.deepEqual(history.answers.map((a) => [a.status, a.authorName, a.authorRole]), [['accepted', 'ordforer', 'decision_maker']]);
  });

  test('milestones move the progress of an accepted idea, and only of one that allows progress', async () => {
    const bad = await platform.feedback.addMilestone(manager, kariIdea, { title: 'Anbud', date: '2027-13-01', progress: 150 });
    assert.deepEqual(!bad.ok && bad.fields?.map((f) => f.field), ['date', 'progress']);
    assert.equal((await platform.feedback.addMilestone(manager, kariIdea, { title: 'Anbud sendt ut', date: '2027-01-15', progress: 20 })).ok, true);
    assert.equal(!(await platform.feedback.addMilestone(manager, olaIdea, { title: 'x', date: '2027-01-15', progress: 10 })).ok, true);
    const view = await platform.ideas.getIdea(null, kariIdea);
    assert.equal(view.ok && view.value.idea.progressPercent, 20);
  });

  test('daily-digest readers get one e-mail with everything; "none" readers get none but see the list', async () => {
    await platform.accounts.setNotifyMode(ola, 'daily');
    await platform.accounts.setNotifyMode(kari, 'none');
    const before = mailer.sent.length;
    await platform.feedback.addMilestone(manager, kariIdea, { title: 'Bygging startet', date: '2027-04-01', progress: 50 });
    assert.equal(mailer.sent.length, before, 'no immediate mail for daily or none');
    assert.equal(await platform.notifications.sendDigests(), 1);
    const digest = mailer.sent.slice(before);
    assert.deepEqual(digest.map((m) => m.to), ['ola@example.no']);
    assert.match(digest[0]?.text ?? '', /Bygging startet/);
    assert.equal(await platform.notifications.sendDigests(), 0, 'nothing is sent twice');
    assert.ok((await platform.notifications.unreadCount(kari)) >= 2);
  });

  test('"you said, we did" counts ideas by status and lists every answer', async () => {
    const report = await platform.feedback.youSaidWeDid(processId);
    assert.equal(report.total, 2);
    const counts = Object.fromEntries(report.counts.map((c) => [c.status.key, c.count]));
    assert.deepEqual(counts, { received: 1, under_consideration: 0, accepted: 1, rejected: 0, implemented: 0 });
    assert.deepEqual(report.answers.map((a) => [a.title, a.status, a.progress]), [['Lekeplass for de minste', 'accepted', 50]]);
  });
});

test('the participation report counts inputs per week and the people behind them, for staff only', async () => {
  assert.equal(!(await platform.feedback.participationReport(kari, processId)).ok, true);
  const report = await platform.feedback.participationReport(manager, processId);
  assert.ok(report.ok);
  assert.equal(report.value.participants, 2, 'Kari and Ola');
  const totals = report.value.weeks.reduce((t, w) => ({ ideas: t.ideas + w.ideas, comments: t.comments + w.comments, supports: t.supports + w.supports }), { ideas: 0, comments: 0, supports: 0 });
  assert.deepEqual(totals, { ideas: 2, comments: 2, supports: 1 }, 'the comment the moderator hid is not counted');
});

test('the report counts participants by area and age group where they gave them', async () => {
  // Kari tells her area and year of birth; Ola tells nothing. A made-up area and an impossible year are refused.
  const wrong = await platform.accounts.updateResidentProfile(kari, { area: 'Atlantis', birthYear: '1850' });
  assert.deepEqual(!wrong.ok && wrong.fields?.map((f) => f.field), ['area', 'birthYear']);
  assert.deepEqual(await platform.accounts.getResidentProfile(kari), { area: null, birthYear: null }, 'nothing saved');
  assert.ok((await platform.accounts.updateResidentProfile(kari, { area: 'Nordbyen', birthYear: '1990' })).ok);
  const report = await platform.feedback.participationReport(manager, processId);
  assert.ok(report.ok);
  assert.deepEqual(report.value.byArea, [
    { area: 'Sentrum', count: 0 },
    { area: 'Nordbyen', count: 1 },
    { area: null, count: 1 },
  ]);
  assert.deepEqual(report.value.byAgeGroup, [
    { group: '0-17', count: 0 },
    { group: '18-29', count: 0 },
    { group: '30-44', count: 1 },
    { group: '45-66', count: 0 },
    { group: '67+', count: 0 },
    { group: null, count: 1 },
  ]);
  // Emptying both removes the profile: it is optional personal data.
  assert.ok((await platform.accounts.updateResidentProfile(kari, { area: '', birthYear: '' })).ok);
  const rows = await platform.db.selectFrom('resident_profiles').select('user_id').where('user_id', '=', kari.id).execute();
  assert.equal(rows.length, 0);
});

test('administrators add, rename and remove their own statuses; built-in ones and statuses in use stay', async () => {
  assert.equal((await platform.feedback.addStatus(manager, { label: { nb: 'Sendt til kommunestyret' } })).ok, false, 'administrators only');
  const admin = { id: manager.id, roles: ['administrator' as const] };
  const empty = await platform.feedback.addStatus(admin, { label: { nb: '  ', en: '' } });
  assert.deepEqual(!empty.ok && empty.fields?.map((f) => f.message), ['field.labelRequired']);
  const added = await platform.feedback.addStatus(admin, { label: { nb: 'Sendt til kommunestyret', en: 'Sent to the council' }, requiresAnswer: 'on' });
  assert.ok(added.ok);
  assert.equal(added.value.key, 'sendt_til_kommunestyret');
  const statuses = await platform.feedback.statuses();
  assert.deepEqual(statuses.at(-1), { key: 'sendt_til_kommunestyret', label: { nb: 'Sendt til kommunestyret', en: 'Sent to the council' }, builtIn: false, requiresAnswer: true, allowsProgress: false });
  // Requires an answer, as configured.
  const ideaId = (await platform.db.selectFrom('ideas').select('id').where('process_id', '=', processId).executeTakeFirstOrThrow()).id;
  const noAnswer = await platform.feedback.answerIdea(decider, ideaId, { status: 'sendt_til_kommunestyret', body: '' });
  assert.deepEqual(!noAnswer.ok && noAnswer.fields?.map((f) => f.field), ['body']);
  assert.ok((await platform.feedback.updateStatus(admin, 'sendt_til_kommunestyret', { label: { nb: 'Til politisk behandling' }, allowsProgress: 'on' })).ok);
  assert.equal((await platform.feedback.updateStatus(admin, 'accepted', { label: { nb: 'Godtatt' } })).ok, false, 'built-in statuses are fixed');
  assert.ok((await platform.feedback.answerIdea(decider, ideaId, { status: 'sendt_til_kommunestyret', body: 'Saken legges fram i desember.' })).ok);
  const inUse = await platform.feedback.removeStatus(admin, 'sendt_til_kommunestyret');
  assert.deepEqual(!inUse.ok && inUse.fields?.map((f) => f.message), ['field.statusInUse']);
  const spare = await platform.feedback.addStatus(admin, { label: { en: 'Parked' } });
  assert.ok(spare.ok);
  assert.ok((await platform.feedback.removeStatus(admin, spare.value.key)).ok);
  assert.equal((await platform.feedback.statuses()).some((s) => s.key === spare.value.key), false);
});
