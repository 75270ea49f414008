import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { Role } from '../accounts/accounts.tables.ts';
import { localMidnightAfter } from './proposals.context.ts';
import { signingIneligibility } from './signing.ts';
import { expiryJob } from './jobs.ts';

let platform: Platform;
let drop: () => Promise<void>;
let now = new Date('2026-10-01T10:00:00Z');
let phaseId = '';
let manager: Actor;
let decider: Actor;
let admin: Actor;
let author: Actor;
let coauthor: Actor;
const signers: Actor[] = [];

function value<T>(result: { ok: true; value: T } | { ok: false }): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

function failure(result: { ok: boolean; code?: string; fields?: readonly { field: string; message: string }[] }): [string | undefined, string | undefined] {
  assert.equal(result.ok, false);
  return [result.code, result.fields?.[0]?.message];
}

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => now }));
  const user = async (email: string, roles: Role[]): Promise<Actor> => ({ id: await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles }), roles, emailVerified: true });
  admin = await user('admin@example.no', ['administrator']);
  manager = await user('leder@example.no', ['process_manager']);
  decider = await user('ordforer@example.no', ['decision_maker']);
  author = await user('forfatter@example.no', ['resident']);
  coauthor = await user('medforfatter@example.no', ['resident']);
  for (let i = 0; i < 4; i++) signers.push(await user(`signer${i}@example.no`, ['resident']));
  value(await platform.municipality.update(admin, { name: 'Eksempel kommune', logoUrl: '', primaryColour: '#1a5fb4', defaultLocale: 'nb', areas: 'Sentrum\nNordbyen' }));
  const created = await platform.processes.ensureProcess({
    slug: 'innbyggerforslag',
    status: 'published',
    title: { nb: 'Innbyggerforslag' },
    summary: { nb: 'Forslag fra innbyggerne' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'proposals', title: { nb: 'Forslag' }, startsOn: '2026-01-01', endsOn: '2027-12-31' }],
  });
  phaseId = created.phaseIds[0] ?? '';
});
after(async () => drop());

test('a proposal is drafted with a co-author, published with its deadline, and shown only to its authors while a draft', async () => {
  const unconfirmed = { ...signers[0]!, emailVerified: false };
  assert.deepEqual(failure(await platform.proposals.draftProposal(unconfirmed, { phaseId, title: 'Gatelys', body: 'x', decision: 'y' })), ['EmailNotConfirmed', undefined]);
  const bad = await platform.proposals.draftProposal(author, { phaseId, title: 'Hei', body: 'For kort', decision: '', area: 'Månen' });
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.ok ? [] : bad.fields?.map((f) => f.field), ['title', 'body', 'decision', 'area']);

  value(await platform.proposals.setProposalSettings(manager, { phaseId, threshold: 3, signingDays: 30, answerDays: 14, minAge: 16, areas: ['Sentrum'] }));
  const { id } = value(await platform.proposals.draftProposal(author, { phaseId, title: 'Gatelys i Storgata', body: 'Storgata er mørk om kvelden, og folk føler seg utrygge.', decision: 'Kommunestyret ber om gatelys i hele Storgata.', area: 'Sentrum' }));
  assert.equal((await platform.proposals.proposalOf(signers[0]!, { id })).ok, false, 'a draft is not shown to others');
  assert.equal(value(await platform.proposals.proposalsOf(null, { phaseId })).proposals.length, 0);

  assert.deepEqual(failure(await platform.proposals.inviteCoauthor(author, { id, email: 'ikke-en-adresse' })), ['ValidationFailed', 'field.emailInvalid']);
  assert.deepEqual(value(await platform.proposals.inviteCoauthor(author, { id, email: 'Medforfatter@example.no' })), { hasAccount: true });
  assert.deepEqual(failure(await platform.proposals.inviteCoauthor(author, { id, email: 'medforfatter@example.no' })), ['Conflict', 'proposals.coauthors.twice']);
  const invited = value(await platform.proposals.proposalOf(coauthor, { id }));
  assert.deepEqual([invited.invited, invited.proposal.can.acceptInvitation], [true, true]);
  assert.deepEqual(failure(await platform.proposals.acceptCoauthorship(signers[0]!, { id })), ['NotFound', undefined]);
  value(await platform.proposals.acceptCoauthorship(coauthor, { id }));
  const asCoauthor = value(await platform.proposals.proposalOf(coauthor, { id }));
  assert.deepEqual([asCoauthor.proposal.mine, asCoauthor.proposal.can.edit, asCoauthor.proposal.can.invite, asCoauthor.proposal.authorNames], [true, true, false, ['forfatter', 'medforfatter']]);

  const published = value(await platform.proposals.publishProposal(coauthor, { id }));
  assert.equal(published.threshold, 3);
  // Published 1 October: signing runs through 31 October, Oslo time; the clocks go back on 25 October.
  assert.equal(published.deadline.toISOString(), '2026-10-31T23:00:00.000Z');
  assert.deepEqual(failure(await platform.proposals.editProposal(author, { id, title: 'Gatelys overalt', body: 'Storgata er mørk om kvelden, og folk føler seg utrygge.', decision: 'Kommunestyret ber om gatelys.' })), ['Conflict', 'proposals.alreadyPublished']);
  // Settings changed later do not move a published proposal's threshold.
  value(await platform.proposals.setProposalSettings(manager, { phaseId, threshold: 3, signingDays: 30, answerDays: 14, minAge: 16, areas: ['Sentrum'] }));
  const listed = value(await platform.proposals.proposalsOf(null, { phaseId })).proposals;
  assert.deepEqual(listed.map((p) => [p.title, p.stage, p.signatures, p.threshold]), [['Gatelys i Storgata', 'collecting', 0, 3]]);
});

test('signing: once, not one\'s own, eligible by age and area, withdrawn until the deadline; the threshold sends it to the municipality', async () => {
  const [proposal] = value(await platform.proposals.proposalsOf(null, { phaseId })).proposals;
  const id = proposal!.id;
  assert.deepEqual(failure(await platform.proposals.signProposal(author, { id })), ['Forbidden', 'proposals.sign.own']);
  assert.deepEqual(failure(await platform.proposals.signProposal(coauthor, { id })), ['Forbidden', 'proposals.sign.own']);
  assert.deepEqual(failure(await platform.proposals.signProposal({ ...signers[0]!, emailVerified: false }, { id })), ['EmailNotConfirmed', undefined]);
  assert.deepEqual(failure(await platform.proposals.signProposal(signers[0]!, { id })), ['Forbidden', 'proposals.sign.areaMissing']);
  value(await platform.accounts.updateResidentProfile(signers[0]!, { area: 'Nordbyen', birthYear: '1980' }));
  assert.deepEqual(failure(await platform.proposals.signProposal(signers[0]!, { id })), ['Forbidden', 'proposals.sign.otherArea']);
  value(await platform.accounts.updateResidentProfile(signers[0]!, { area: 'Sentrum', birthYear: '2015' }));
  assert.deepEqual(failure(await platform.proposals.signProposal(signers[0]!, { id })), ['Forbidden', 'proposals.sign.tooYoung']);
  for (const [i, year] of [[0, '1980'], [1, '2000'], [2, '1950'], [3, '1990']] as const) value(await platform.accounts.updateResidentProfile(signers[i]!, { area: 'Sentrum', birthYear: year }));

  assert.deepEqual(value(await platform.proposals.signProposal(signers[0]!, { id, showName: true })), { signatures: 1, reachedThreshold: false });
  assert.deepEqual(failure(await platform.proposals.signProposal(signers[0]!, { id })), ['AlreadySupported', 'proposals.sign.twice']);
  value(await platform.proposals.signProposal(signers[1]!, { id }));
  value(await platform.proposals.withdrawSignature(signers[1]!, { id }));
  assert.deepEqual(failure(await platform.proposals.withdrawSignature(signers[1]!, { id })), ['NotFound', 'proposals.sign.none']);
  value(await platform.proposals.signProposal(signers[1]!, { id }));
  assert.equal((await platform.notifications.listFor(manager, 'nb')).length, 0);

  now = new Date('2026-10-26T09:00:00Z');
  assert.deepEqual(value(await platform.proposals.signProposal(signers[2]!, { id })), { signatures: 3, reachedThreshold: true });
  const page = value(await platform.proposals.proposalOf(signers[3]!, { id }));
  assert.deepEqual([page.proposal.stage, page.proposal.signatures, page.shownSigners], ['submitted', 3, ['signer0']]);
  // Answer within 14 days: due when 9 November ends, Oslo time (after the change to winter time).
  assert.equal(page.proposal.answerDue, '2026-11-09T23:00:00.000Z');
  const staffNews = await platform.notifications.listFor(manager, 'en');
  assert.equal(staffNews[0]?.text, 'The citizen proposal "Gatelys i Storgata" has enough signatures and now goes to the municipality. Give it a status and an official answer within the answer time.');
  assert.equal(staffNews[0]?.link, `/processes/innbyggerforslag/proposals/${id}`);
  assert.equal((await platform.notifications.listFor(decider, 'en')).length, 1);
  assert.match((await platform.notifications.listFor(signers[0]!, 'en'))[0]?.text ?? '', /reached its threshold/);

  // Signing goes on until the deadline; after it, neither signing nor withdrawing.
  now = new Date('2026-10-31T22:59:00Z');
  value(await platform.proposals.signProposal(signers[3]!, { id }));
  now = new Date('2026-10-31T23:00:00Z');
  assert.deepEqual(failure(await platform.proposals.withdrawSignature(signers[3]!, { id })), ['PhaseClosed', 'proposals.sign.deadlinePassed']);
  assert.deepEqual(failure(await platform.proposals.signProposal(author, { id })), ['PhaseClosed', 'proposals.sign.deadlinePassed']);
});

test('staff answer with a status, add a milestone; signers are told; the export counts by area and age group, never names', async () => {
  const [proposal] = value(await platform.proposals.proposalsOf(null, { phaseId, stage: 'submitted' })).proposals;
  const id = proposal!.id;
  assert.deepEqual(failure(await platform.proposals.answerProposal(signers[0]!, { id, status: 'accepted', body: 'Ja' })), ['Forbidden', undefined]);
  assert.deepEqual(failure(await platform.proposals.answerProposal(decider, { id, status: 'rejected' })), ['ValidationFailed', 'field.answerRequired']);
  assert.deepEqual(failure(await platform.proposals.addProposalMilestone(manager, { id, title: 'Bestilt', date: '2026-11-20', progress: 30 })), ['Conflict', 'proposals.milestone.notAccepted']);
  value(await platform.proposals.answerProposal(decider, { id, status: 'accepted', body: 'Kommunestyret vedtok gatelys i Storgata.' }));
  value(await platform.proposals.addProposalMilestone(manager, { id, title: 'Lysene er bestilt', date: '2026-11-20', progress: 30 }));
  const page = value(await platform.proposals.proposalOf(null, { id }));
  assert.deepEqual([page.proposal.stage, page.proposal.status, page.proposal.progressPercent, page.answers[0]?.authorRole, page.milestones[0]?.title], ['answered', 'accepted', 30, 'decision_maker', 'Lysene er bestilt']);
  const news = (await platform.notifications.listFor(signers[1]!, 'nb')).map((n) => n.text);
  assert.ok(news.includes('Innbyggerforslaget «Gatelys i Storgata» har nå statusen «Godkjent».'), news.join('\n'));
  assert.equal(value(await platform.proposals.proposalsOf(null, { phaseId, stage: 'answered' })).proposals.length, 1);

  assert.deepEqual(failure(await platform.proposals.signatureCounts(signers[0]!, { id })), ['Forbidden', undefined]);
  const counts = value(await platform.proposals.signatureCounts(manager, { id }));
  assert.equal(counts.total, 4);
  assert.equal(counts.csv, 'area,age_group,signatures\r\nSentrum,18-29,1\r\nSentrum,30-44,1\r\nSentrum,45-66,1\r\nSentrum,67+,1\r\n,,4\r\n');
  assert.doesNotMatch(counts.csv, /signer/);
});

test('a reported proposal hidden by a moderator leaves the lists, and its authors are told', async () => {
  const { id } = value(await platform.proposals.draftProposal(author, { phaseId, title: 'Benker på torget', body: 'Torget trenger flere benker for eldre som vil hvile.', decision: 'Kommunestyret kjøper ti benker.' }));
  value(await platform.proposals.publishProposal(author, { id }));
  value(await platform.moderation.reportContent(signers[0]!, { type: 'proposal', id, reason: 'spam' }));
  assert.deepEqual(failure(await platform.moderation.reportContent(signers[0]!, { type: 'proposal', id, reason: 'spam' })), ['AlreadyReported', 'moderation.report.twice']);
  value(await platform.moderation.hideItem(manager, { type: 'proposal', id, reason: 'Reklame for et firma.' }));
  assert.ok(!value(await platform.proposals.proposalsOf(null, { phaseId })).proposals.some((p) => p.id === id));
  assert.equal((await platform.proposals.proposalOf(signers[1]!, { id })).ok, false);
  assert.equal(value(await platform.proposals.proposalOf(author, { id })).proposal.hidden?.reason, 'Reklame for et firma.');
  assert.deepEqual(failure(await platform.proposals.signProposal(signers[1]!, { id })), ['NotFound', undefined]);
  const told = (await platform.notifications.listFor(author, 'en')).find((n) => n.kind === 'proposal_hidden');
  assert.deepEqual(told?.quote, { label: 'Reason', text: 'Reklame for et firma.' });
});

test('signing rules and deadlines by the municipality calendar', () => {
  assert.equal(signingIneligibility({ minAge: null, areas: [] }, { area: null, birthYear: null }, 2026), null);
  assert.equal(signingIneligibility({ minAge: 18, areas: [] }, { area: null, birthYear: 2008 }, 2026), null);
  assert.equal(signingIneligibility({ minAge: 18, areas: [] }, { area: null, birthYear: 2009 }, 2026), 'proposals.sign.tooYoung');
  assert.equal(signingIneligibility({ minAge: 18, areas: [] }, { area: null, birthYear: null }, 2026), 'proposals.sign.birthYearMissing');
  // Summer time starts on 29 March 2026: midnight is 23:00 UTC before, 22:00 UTC after.
  assert.equal(localMidnightAfter(new Date('2026-03-28T12:00:00Z'), 1, 'Europe/Oslo').toISOString(), '2026-03-28T23:00:00.000Z');
  assert.equal(localMidnightAfter(new Date('2026-03-28T12:00:00Z'), 2, 'Europe/Oslo').toISOString(), '2026-03-29T22:00:00.000Z');
  // 23:30 UTC on 31 March is already 1 April in Oslo.
  assert.equal(localMidnightAfter(new Date('2026-03-31T23:30:00Z'), 1, 'Europe/Oslo').toISOString(), '2026-04-01T22:00:00.000Z');
});

test("one's own data: the export names proposals, co-authorships and signatures; deleting the account keeps signed proposals without their author", async () => {
  const exported = await platform.proposals.exportFor(signers[0]!.id);
  assert.deepEqual(exported.proposalSignatures?.map((s) => [s.proposalTitle, s.nameShown]), [['Gatelys i Storgata', true]]);
  assert.equal((await platform.proposals.exportFor(coauthor.id)).proposalCoauthorships?.length, 1);
  assert.deepEqual(await platform.proposals.deletionPlanFor(author.id), [
    { section: 'proposals', count: 1, outcome: 'deleted' },
    { section: 'proposals', count: 1, outcome: 'kept', reason: 'othersReacted' },
  ]);
  const [before] = value(await platform.proposals.proposalsOf(manager, { phaseId, stage: 'answered' })).proposals;
  await platform.proposals.forgetUser(signers[0]!.id);
  await platform.proposals.forgetUser(author.id);
  const after = value(await platform.proposals.proposalOf(manager, { id: before!.id }));
  assert.deepEqual([after.proposal.signatures, after.proposal.authorNames], [before!.signatures - 1, ['medforfatter']]);
  assert.equal((await platform.proposals.exportFor(signers[0]!.id)).proposalSignatures?.length, 0);
});

test('an invitation lapses when the proposal is published: whoever signed it cannot become its co-author and so sign their own proposal', async () => {
  const lead = signers[2]!;
  const invitee = signers[3]!;
  const { id } = value(await platform.proposals.draftProposal(lead, { phaseId, title: 'Sykkelstativ ved skolen', body: 'Barna har ingen steder å låse syklene sine ved skolen.', decision: 'Kommunen setter opp sykkelstativ ved skolen.' }));
  value(await platform.proposals.inviteCoauthor(lead, { id, email: 'signer3@example.no' }));
  value(await platform.proposals.publishProposal(lead, { id }));
  value(await platform.proposals.signProposal(invitee, { id }));
  const seen = value(await platform.proposals.proposalOf(invitee, { id }));
  assert.equal(seen.proposal.can.acceptInvitation, false);
  assert.deepEqual(failure(await platform.proposals.acceptCoauthorship(invitee, { id })), ['Conflict', 'proposals.alreadyPublished']);
  const after = value(await platform.proposals.proposalOf(invitee, { id }));
  assert.deepEqual([after.proposal.mine, after.proposal.signedByViewer, after.proposal.signatures, after.proposal.authorNames], [false, true, 1, ['signer2']]);
});

test('when signing ends short of the threshold, the job tells its authors and signers once, with the count against the threshold', async () => {
  const [lead, signer] = [signers[2]!, signers[3]!];
  const before = (await platform.notifications.listFor(lead, 'en')).length;
  assert.equal(await platform.proposals.noticeExpiredProposals(), 0, 'nothing before the deadline');
  // "Sykkelstativ ved skolen" was published on 1 November (Oslo) with 30 days to sign and one signature of three.
  now = new Date('2026-12-02T12:00:00Z');
  await platform.jobs.startWorkers();
  await platform.jobs.send(expiryJob, {});
  const expected = 'Signing the citizen proposal "Sykkelstativ ved skolen" has ended with 1 of the 3 signatures needed, so it does not go to the municipality.';
  let told: string[] = [];
  for (let i = 0; i < 100 && !told.includes(expected); i++) {
    told = (await platform.notifications.listFor(lead, 'en')).map((n) => n.text);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(told.includes(expected), told.join('\n'));
  assert.equal(told.length, before + 1);
  const signerNews = (await platform.notifications.listFor(signer, 'nb')).filter((n) => n.kind === 'proposal_expired');
  assert.deepEqual(signerNews.map((n) => n.text), ['Signeringen av innbyggerforslaget «Sykkelstativ ved skolen» er avsluttet med 1 av de 3 signaturene som trengtes, så forslaget går ikke til kommunen.']);
  assert.equal(await platform.proposals.noticeExpiredProposals(), 0, 'each is told once');
  const [shown] = value(await platform.proposals.proposalsOf(null, { phaseId, stage: 'expired' })).proposals;
  assert.deepEqual([shown?.title, shown?.expired], ['Sykkelstativ ved skolen', true]);
});

test('a draft takes images with alt text from its authors: only they see them until it is published; none after, at most five', async () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]).toString('base64');
  const file = { filename: 'lekeplass.png', contentType: 'image/png', data: png };
  const [lead, other] = [signers[1]!, signers[3]!];
  const { id } = value(await platform.proposals.draftProposal(lead, { phaseId, title: 'Ny lekeplass i parken', body: 'Lekeplassen i parken er gammel og utrygg for de minste barna.', decision: 'Kommunen bygger en ny lekeplass i parken.' }));
  assert.deepEqual(failure(await platform.proposals.addProposalImage(lead, { id, file, altText: '  ' })), ['ValidationFailed', 'field.altRequired']);
  assert.deepEqual(failure(await platform.proposals.addProposalImage(lead, { id, file: { ...file, contentType: 'application/pdf' }, altText: 'Lekeplassen i dag' })), ['ValidationFailed', 'field.imageType']);
  assert.deepEqual(failure(await platform.proposals.addProposalImage(other, { id, file, altText: 'Lekeplassen i dag' })), ['NotFound', undefined]);
  const first = value(await platform.proposals.addProposalImage(lead, { id, file, altText: 'Lekeplassen i dag', locale: 'nb' })).id;
  assert.equal((await platform.files.read(first, other))?.access, undefined, 'a draft image is not shown to others');
  assert.equal((await platform.files.read(first, lead))?.access, 'restricted');
  for (let i = 0; i < 4; i++) value(await platform.proposals.addProposalImage(lead, { id, file, altText: `Bilde ${i + 2}` }));
  assert.deepEqual(failure(await platform.proposals.addProposalImage(lead, { id, file, altText: 'Ett for mye' })), ['ValidationFailed', 'proposals.images.tooMany']);
  const draft = value(await platform.proposals.proposalOf(lead, { id })).proposal;
  assert.deepEqual([draft.images.length, draft.images[0]?.alt, draft.can.addImage], [5, 'Lekeplassen i dag', false]);
  value(await platform.proposals.removeProposalImage(lead, { id, fileId: draft.images[4]!.id }));
  assert.deepEqual(failure(await platform.proposals.removeProposalImage(lead, { id, fileId: draft.images[4]!.id })), ['NotFound', undefined]);

  value(await platform.proposals.publishProposal(lead, { id }));
  const published = value(await platform.proposals.proposalOf(null, { id })).proposal;
  assert.deepEqual(published.images.map((i) => i.alt), ['Lekeplassen i dag', 'Bilde 2', 'Bilde 3', 'Bilde 4']);
  assert.equal((await platform.files.read(first, null))?.access, 'public');
  assert.deepEqual(failure(await platform.proposals.addProposalImage(lead, { id, file, altText: 'Etterpå' })), ['Conflict', 'proposals.alreadyPublished']);
  assert.deepEqual(failure(await platform.proposals.removeProposalImage(lead, { id, fileId: first })), ['Conflict', 'proposals.alreadyPublished']);
});

test("the municipality's proposals section lists every phase's proposals by signatures, by stage, and where to write one", async () => {
  const section = value(await platform.proposals.municipalProposals(null, {}));
  const inPhase = value(await platform.proposals.proposalsOf(null, { phaseId })).proposals;
  assert.deepEqual(section.proposals.map((p) => p.id), inPhase.map((p) => p.id), 'the same proposals, in the same order, as the phase shows');
  assert.ok(section.proposals.every((p) => p.processSlug === 'innbyggerforslag' && p.stage !== 'draft'));
  assert.deepEqual(section.phases, [{ id: phaseId, processSlug: 'innbyggerforslag', open: true }]);
  assert.deepEqual([section.can.draft, value(await platform.proposals.municipalProposals(signers[1]!, {})).can.draft], [false, true]);
  const { id } = value(await platform.proposals.draftProposal(signers[1]!, { phaseId, title: 'Gapahuk ved vannet', body: 'Et sted å søke ly når det regner på turen rundt vannet.', decision: 'Kommunen bygger en gapahuk ved vannet.' }));
  assert.ok(!value(await platform.proposals.municipalProposals(null, {})).proposals.some((p) => p.id === id), "a draft is only its authors' own");
  assert.ok(value(await platform.proposals.municipalProposals(signers[1]!, { stage: 'draft' })).proposals.some((p) => p.id === id));
  const answered = value(await platform.proposals.municipalProposals(null, { stage: 'answered' })).proposals;
  assert.deepEqual(answered.map((p) => p.title), ['Gatelys i Storgata']);
});
