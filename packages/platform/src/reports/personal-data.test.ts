// One's own data across the modules (issue 17): each module's export of one person, the deletion rules (what
// goes, what stays unlinked and why, the counts that follow), confirmed accounts, and the retention job.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import { seedDemo } from '../seed/demo.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let kari: Actor;
let ola: Actor;
let admin: Actor;
let ideasPhase = '';

const idOf = async (email: string) => (await platform.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

before(async () => {
  ({ platform, drop } = await testPlatform());
  await seedDemo(platform, { sharedData: false });
  kari = { id: await idOf('kari@demo.tingsted.no'), roles: ['resident'] };
  ola = { id: await idOf('ola@demo.tingsted.no'), roles: ['resident'] };
  admin = { id: await idOf('admin@demo.tingsted.no'), roles: ['administrator'] };
  const plan = await platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(plan.ok);
  ideasPhase = plan.value.currentPhaseId ?? '';
});
after(async () => drop());

test('each module exports its own part of a person, with timestamps', async () => {
  const someIdea = (await platform.db.selectFrom('ideas').select('id').where('phase_id', '=', ideasPhase).orderBy('created_at').executeTakeFirstOrThrow()).id;
  const comment = await platform.ideas.postComment(kari, { ideaId: someIdea, body: 'Fint forslag!' });
  assert.ok(comment.ok);
  const ideas = await platform.ideas.exportFor(kari.id);
  assert.ok(ideas.comments?.some((c) => c.id === comment.value.id && c.body === 'Fint forslag!' && c.createdAt instanceof Date));
  assert.ok(ideas.ideas && ideas.supports && ideas.follows && ideas.ideaEdits, 'the ideas module names its sections');
  const moderation = await platform.moderation.exportFor(kari.id);
  assert.ok(moderation.reports && moderation.moderationDecisions && moderation.blocks, 'reports, decisions and blocks come from the moderation module');
  const surveys = await platform.surveys.exportFor(kari.id);
  assert.equal(surveys.surveyAnswers?.length, 1, "Kari's answer to the library survey");
  assert.ok(surveys.surveyAnswers?.[0]?.answeredAt instanceof Date);
  const ballots = await platform.budgeting.exportFor(kari.id);
  assert.equal(ballots.ballots?.length, 2, 'her ballots in Sentrum and citywide');
  assert.ok(ballots.ballots?.every((b) => typeof b.receipt === 'string' && b.castAt instanceof Date));
  const panels = await platform.panels.exportFor(kari.id);
  assert.equal(panels.panelRegistrations?.length, 1, 'her seat on the bathing-spot panel');
  assert.ok(panels.panelRegistrations?.[0]?.registeredAt instanceof Date);
  const conversations = await platform.conversations.exportFor(kari.id);
  assert.ok(conversations.conversationVotes && conversations.statements && conversations.conversations);
  const notifications = await platform.notifications.exportFor(kari.id);
  assert.ok(Array.isArray(notifications.notifications));
  const stakeholders = await platform.stakeholders.exportFor(kari.id);
  assert.ok(stakeholders.stakeholderPlaces && stakeholders.facts);

  const all = await platform.reports.exportPersonalData(kari);
  assert.ok(all.ok);
  assert.equal(all.value.account.email, 'kari@demo.tingsted.no');
  assert.deepEqual(Object.keys(all.value.sections).sort((a, b) => a.localeCompare(b)), [
    'ballots', 'blocks', 'comments', 'conversations', 'conversationVotes', 'eventRegistrations', 'facts', 'follows', 'ideaEdits', 'ideas', 'moderationDecisions', 'notifications',
    'panelFollows', 'panelRegistrations', 'panelVotes', 'panelWriting', 'processUpdates', 'proposalCoauthorships', 'proposals', 'proposalSignatures', 'recommendationWriting', 'reports', 'stakeholderPlaces', 'statements', 'supports', 'surveyAnswers', 'updateUnsubscribes',
  ]);
  assert.ok(all.value.actions.some((a) => a.byYou), 'the audit entries by her');
});

test('confirmed accounts: one check, by the session when it knows, else by the account', async () => {
  const id = await platform.accounts.ensureUser({ email: 'ny@example.no', displayName: 'Ny', password: null, roles: ['resident'] });
  await platform.db.updateTable('users').set({ email_verified_at: null }).where('id', '=', id).execute();
  const fresh: Actor = { id, roles: ['resident'] };
  const refused = await platform.accounts.requireConfirmed(fresh);
  assert.ok(!refused.ok && refused.code === 'EmailNotConfirmed');
  assert.equal((await platform.accounts.requireConfirmed({ ...fresh, emailVerified: true })).ok, true, "the session's answer is used without a query");
  const posted = await platform.ideas.postIdea(fresh, { phaseId: ideasPhase, title: 'En idé som venter', body: 'Denne skal ikke lagres ennå.' });
  assert.ok(!posted.ok && posted.code === 'EmailNotConfirmed');
  assert.equal((await platform.ideas.exportFor(id)).ideas?.length, 0, 'nothing stored');
  // An OpenID Connect (e-ID) sign-in counts as confirmed.
  assert.ok((await platform.accounts.signInWithOidc({ issuer: 'https://id.example.no', subject: 'ny-1', email: 'ny@example.no', emailVerified: true })).ok);
  assert.equal((await platform.accounts.requireConfirmed(fresh)).ok, true);
});

test('deleting an account: lonely content goes, content others depend on stays without the person, counts follow', async () => {
  const evaId = await platform.accounts.ensureUser({ email: 'eva@example.no', displayName: 'Eva Eksempel', password: null, roles: ['resident'] });
  const eva: Actor = { id: evaId, roles: ['resident'] };
  const post = async (title: string) => {
    const posted = await platform.ideas.postIdea(eva, { phaseId: ideasPhase, title, body: `${title}, skrevet av Eva.` });
    assert.ok(posted.ok);
    return posted.value.id;
  };
  const lonely = await post('Lonely idé om benker');
  const discussed = await post('Diskutert idé om lys');
  const olaIdea = (await platform.ideas.importIdea({ phaseId: ideasPhase, authorId: ola.id, title: 'Olas idé om trær', body: 'Flere trær i gatene.' }));
  assert.ok((await platform.ideas.postComment(ola, { ideaId: discussed, body: 'Godt forslag!' })).ok);
  const answered = await platform.ideas.postComment(eva, { ideaId: olaIdea, body: 'Et spørsmål til Ola?' });
  const alone = await platform.ideas.postComment(eva, { ideaId: olaIdea, body: 'En kommentar uten svar.' });
  assert.ok(answered.ok && alone.ok);
  assert.ok((await platform.ideas.postComment(ola, { ideaId: olaIdea, parentId: answered.value.id, body: 'Svar fra Ola.' })).ok);
  assert.ok((await platform.ideas.supportIdea(eva, olaIdea)).ok);
  assert.ok((await platform.moderation.reportContent(eva, { type: 'idea', id: olaIdea, reason: 'other', text: 'Dette er en dublett' })).ok);
  const counts = async (id: string) => platform.db.selectFrom('ideas').select(['support_count', 'comment_count']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual(await counts(olaIdea), { support_count: 1, comment_count: 3 });

  const preview = await platform.reports.deletionPreview(eva);
  assert.ok(preview.ok);
  const lines = (outcome: 'deleted' | 'kept') => Object.fromEntries((outcome === 'deleted' ? preview.value.deleted : preview.value.kept).map((l) => [l.section, l.count]));
  assert.deepEqual([lines('deleted').ideas, lines('kept').ideas], [1, 1]);
  assert.deepEqual([lines('deleted').comments, lines('kept').comments], [1, 1]);
  assert.deepEqual([lines('deleted').supports, lines('kept').reports, lines('deleted').account], [1, 1, 1]);
  assert.equal(preview.value.kept.find((l) => l.section === 'comments')?.outcome, 'kept');

  assert.equal((await platform.reports.deleteAccount(eva, 'delete')).ok, false, 'needs the exact word');
  assert.ok((await platform.reports.deleteAccount(eva, 'DELETE')).ok);
  const ideaRows = await platform.db.selectFrom('ideas').select(['id', 'author_id']).where('id', 'in', [lonely, discussed]).execute();
  assert.deepEqual(ideaRows, [{ id: discussed, author_id: null }]);
  assert.deepEqual(await counts(olaIdea), { support_count: 0, comment_count: 2 }, 'her support and lonely comment are uncounted');
  const comments = await platform.db.selectFrom('comments').select(['id', 'author_id']).where('idea_id', '=', olaIdea).where('id', 'in', [answered.value.id, alone.value.id]).execute();
  assert.deepEqual(comments, [{ id: answered.value.id, author_id: null }], 'the comment Ola replied to stays, unlinked');
  assert.equal((await platform.db.selectFrom('moderation_reports').select('reporter_id').where('target_id', '=', olaIdea).executeTakeFirstOrThrow()).reporter_id, null);
  assert.equal((await platform.db.selectFrom('audit_log').select('id').where((eb) => eb.or([eb('actor_id', '=', evaId), eb('subject_id', '=', evaId)])).execute()).length, 0, 'the trail no longer names her');
  assert.ok((await platform.db.selectFrom('audit_log').select('id').where('action', '=', 'idea.posted').where('subject_id', '=', discussed).executeTakeFirst()), 'but still says what happened');
});

test("ballots: a vote that is not over loses the person's ballot; an ended one keeps it counted, unlinked", async () => {
  const plan = await platform.budgeting.deletionPlanFor(ola.id);
  const phase = (await platform.budgeting.exportFor(ola.id)).ballots?.[0]?.phaseId;
  const state = (await platform.processes.getPhase(String(phase)))?.phase.state;
  assert.deepEqual(plan, [state === 'closed' ? { section: 'ballots', count: 2, outcome: 'kept', reason: 'countedInClosedVote' } : { section: 'ballots', count: 2, outcome: 'deleted' }]);
  await platform.budgeting.forgetUser(ola.id);
  assert.equal((await platform.budgeting.exportFor(ola.id)).ballots?.length, state === 'closed' ? 2 : 0);
});

test('retention: administrators set the days; the job deletes ended panels’ registrations’ personal data, keeps their answers, and is audited', async () => {
  const resident = await platform.municipality.setRetentionSettings(kari, { panelRegistrationDays: 30 });
  assert.ok(!resident.ok && resident.code === 'Forbidden');
  const bad = await platform.municipality.setRetentionSettings(admin, { panelRegistrationDays: -1 });
  assert.ok(!bad.ok && bad.fields?.[0]?.field === 'panelRegistrationDays');
  assert.deepEqual(await platform.municipality.retentionSettings(admin), { ok: true, value: { panelRegistrationDays: null } });
  // The demo panel ended 200 days ago: with 300 days nothing is due, with 100 it is.
  assert.equal(await platform.panels.purgeEndedRegistrations(300), 0);
  const set = await platform.municipality.setRetentionSettings(admin, { panelRegistrationDays: 100 });
  assert.ok(set.ok);
  assert.equal(await platform.municipality.panelRetentionDays(), 100);
  const before = await platform.db.selectFrom('panel_respondents').select(['id', 'answers']).orderBy('id').execute();
  assert.ok((await platform.db.selectFrom('panel_contacts').select('respondent_id').execute()).length > 0);
  assert.equal(await platform.panels.purgeEndedRegistrations(100), 1);
  assert.equal((await platform.db.selectFrom('panel_contacts').select('respondent_id').execute()).length, 0, 'contact details are gone');
  assert.equal((await platform.db.selectFrom('panel_register').select('id').execute()).length, 0, 'the address register is gone');
  const after = await platform.db.selectFrom('panel_respondents').select(['id', 'answers', 'user_id', 'public_name']).orderBy('id').execute();
  assert.deepEqual(after.map((r) => [r.id, r.answers]), before.map((r) => [r.id, r.answers]), 'every registration keeps its anonymous answers');
  assert.ok(after.every((r) => r.user_id === null && r.public_name === null));
  const audited = await platform.db.selectFrom('audit_log').select('details').where('action', '=', 'panel.registrations_purged').execute();
  assert.equal(audited.length, 1);
  assert.equal(await platform.panels.purgeEndedRegistrations(100), 0, 'done once');
});
