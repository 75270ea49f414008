import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { freshDatabase, recordingMailer } from '../testing/database.ts';
import { createPlatform, type Platform } from '../platform.ts';
import type { Actor } from '../accounts/index.ts';
import { silentLogger } from '../shared/logger.ts';
import { supportNeeded } from './recommendation-support.ts';
import { wordDiff } from './word-diff.ts';

let platform: Platform;
let mailer: ReturnType<typeof recordingMailer>;
let drop: () => Promise<void>;
let facilitator: Actor;
let mayor: Actor;
const members: Actor[] = [];
let panelId = '';

before(async () => {
  const database = await freshDatabase();
  mailer = recordingMailer();
  platform = createPlatform(database.db, {
    dataDir: mkdtempSync(joinPath(tmpdir(), 'tingsted-test-')),
    publicUrl: 'http://localhost:3000',
    mailFrom: 'Tingsted <noreply@example.org>',
    logger: silentLogger,
    mailer,
    jobPollingSeconds: 0.5,
    clock: () => new Date('2026-11-23T10:00:00Z'),
  });
  drop = async () => {
    await platform.close().catch(() => undefined);
    await database.drop();
  };
  facilitator = { id: await platform.accounts.ensureUser({ email: 'f@example.no', displayName: 'F', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  mayor = { id: await platform.accounts.ensureUser({ email: 'mayor@example.no', displayName: 'Mayor', password: null, roles: ['decision_maker'] }), roles: ['decision_maker'] };
  const created = await platform.processes.ensureProcess({
    slug: 'rec', status: 'published', title: { nb: 'Anbefalinger' }, summary: { nb: 'Anbefalinger' }, startsOn: null, endsOn: null, createdBy: facilitator.id,
    phases: [{ method: 'stakeholders', title: { nb: 'Panel' }, startsOn: '2026-11-01', endsOn: '2026-12-20' }],
  });
  const panel = await platform.stakeholders.setUpPanel(facilitator, created.phaseIds[0] ?? '', { inviteLimit: 1 });
  assert.ok(panel.ok);
  panelId = panel.value.id;
  for (let i = 0; i < 4; i++) {
    const id = await platform.accounts.ensureUser({ email: `m${i}@example.no`, displayName: `M${i}`, password: null, roles: ['resident'] });
    await platform.accounts.setNotifyMode({ id, roles: ['resident'] }, 'immediate');
    await platform.stakeholders.importStakeholder({ panelId, userId: id, role: `Rolle ${i}`, name: `Medlem ${i}`, speaksFor: 'Noen', introduction: 'En introduksjon her.' });
    members.push({ id, roles: ['resident'] });
  }
});
after(async () => drop());

const m = (i: number) => members[i] ?? null;

test('support needed: a share of the members rounded up, at least one, or a number', () => {
  assert.equal(supportNeeded({ kind: 'share', value: 50 }, 5), 3);
  assert.equal(supportNeeded({ kind: 'share', value: 50 }, 4), 2);
  assert.equal(supportNeeded({ kind: 'share', value: 100 }, 4), 4);
  assert.equal(supportNeeded({ kind: 'share', value: 1 }, 0), 1);
  assert.equal(supportNeeded({ kind: 'count', value: 3 }, 10), 3);
});

test('a word diff keeps, removes and adds words, and gives both texts back', () => {
  const parts = wordDiff('Alle drosjer skal ha løyve.', 'Alle sjåfører skal ha løyve og forsikring.');
  assert.deepEqual(parts, [
    { kind: 'same', text: 'Alle ' },
    { kind: 'removed', text: 'drosjer ' },
    { kind: 'added', text: 'sjåfører ' },
    { kind: 'same', text: 'skal ha ' },
    { kind: 'removed', text: 'løyve.' },
    { kind: 'added', text: 'løyve og forsikring.' },
  ]);
  const join = (kinds: string[]) => parts.filter((p) => kinds.includes(p.kind)).map((p) => p.text).join('');
  assert.equal(join(['same', 'removed']), 'Alle drosjer skal ha løyve.');
  assert.equal(join(['same', 'added']), 'Alle sjåfører skal ha løyve og forsikring.');
  assert.deepEqual(wordDiff('', 'Ny'), [{ kind: 'added', text: 'Ny' }]);
});

test('the threshold is a share from 1 to 100 % or a number up to the members', async () => {
  const bad = async (kind: string, value: unknown) => {
    const result = await platform.stakeholders.setSupportThreshold(facilitator, panelId, { kind, value });
    return !result.ok && result.fields?.map((f) => [f.field, f.message]);
  };
  assert.deepEqual(await bad('share', 0), [['value', 'stakeholders.support.shareRange']]);
  assert.deepEqual(await bad('share', 101), [['value', 'stakeholders.support.shareRange']]);
  assert.deepEqual(await bad('count', 5), [['value', 'stakeholders.support.countRange']], 'more than the 4 members');
  assert.deepEqual(await bad('most', 2), [['kind', 'field.unknownChoice']]);
  assert.equal((await platform.stakeholders.setSupportThreshold(m(0), panelId, { kind: 'share', value: 50 })).ok, false, 'facilitators only');
  const set = await platform.stakeholders.setSupportThreshold(facilitator, panelId, { kind: 'share', value: 50 });
  assert.deepEqual(set, { ok: true, value: { kind: 'share', value: 50, needed: 2 } });
});

test('drafted together: versions, comments, support per version, sent only with support, answered partly, members told', async () => {
  const drafted = await platform.stakeholders.draftRecommendation(m(0), panelId, { title: 'Like regler', body: 'Alle drosjer skal ha løyve.' });
  assert.ok(drafted.ok);
  const id = drafted.value.id;
  // Support for version 1, then an edit: that support no longer counts, and the supporter is asked again.
  assert.ok((await platform.stakeholders.supportRecommendation(m(1), id)).ok);
  const twice = await platform.stakeholders.supportRecommendation(m(1), id);
  assert.equal(!twice.ok && twice.code, 'AlreadySupported');
  assert.equal((await platform.stakeholders.supportRecommendation(facilitator, id)).ok, false, 'only members support');
  const edited = await platform.stakeholders.editRecommendation(m(2), id, { title: 'Like regler', body: 'Alle sjåfører skal ha løyve og forsikring.', version: 1 });
  assert.deepEqual(edited, { ok: true, value: { version: 2 } });
  const stale = await platform.stakeholders.editRecommendation(m(3), id, { title: 'Like regler', body: 'Noe annet.', version: 1 });
  assert.equal(!stale.ok && stale.code, 'Conflict', 'a save on top of an older version is refused');
  const asked = (await platform.notifications.listFor(m(1) as Actor, 'nb')).filter((n) => n.kind === 'recommendation_revised');
  assert.equal(asked.length, 1);
  assert.match(asked[0]?.link ?? '', /\/processes\/rec\/stakeholders\/recommendations\/1$/);

  const versions = await platform.stakeholders.recommendationVersions(null, id);
  assert.ok(versions.ok);
  assert.deepEqual(versions.value.map((v) => [v.version, v.author?.name]), [[2, 'Medlem 2'], [1, 'Medlem 0']]);
  const diff = await platform.stakeholders.compareVersions(null, id, { from: 1, to: 2 });
  assert.ok(diff.ok && diff.value.body.some((p) => p.kind === 'added' && p.text.includes('forsikring')));
  const badDiff = await platform.stakeholders.compareVersions(null, id, { from: 1, to: 9 });
  assert.deepEqual(!badDiff.ok && badDiff.fields?.map((f) => f.field), ['to']);

  // Comments: one level of replies; a facilitator hides one with a reason.
  const comment = await platform.stakeholders.commentOnRecommendation(m(3), id, { body: 'Hva med samkjøring?' });
  assert.ok(comment.ok);
  const reply = await platform.stakeholders.commentOnRecommendation(facilitator, id, { body: 'Godt spørsmål.', parentId: comment.value.id });
  assert.ok(reply.ok);
  const deeper = await platform.stakeholders.commentOnRecommendation(m(0), id, { body: 'Svar på svaret.', parentId: reply.ok ? reply.value.id : '' });
  assert.ok(deeper.ok);
  assert.equal((await platform.stakeholders.commentOnRecommendation(null, id, { body: 'Anonym' })).ok, false);
  assert.equal((await platform.stakeholders.hideRecommendationComment(m(0), deeper.value.id, { reason: 'Utenfor saken.' })).ok, false, 'facilitators moderate');
  assert.ok((await platform.stakeholders.hideRecommendationComment(facilitator, deeper.value.id, { reason: 'Utenfor saken.' })).ok);

  // Sending without the panel's support is refused, with how much it has and needs; nothing changes.
  const early = await platform.stakeholders.sendRecommendation(facilitator, id);
  assert.deepEqual(!early.ok && [early.code, early.fields?.[0]?.params], ['SupportMissing', { count: 0, needed: 2, members: 4 }]);
  assert.ok((await platform.stakeholders.supportRecommendation(m(1), id)).ok, 'support again for the new version');
  assert.ok((await platform.stakeholders.supportRecommendation(m(2), id)).ok);
  assert.ok((await platform.stakeholders.withdrawSupport(m(2), id)).ok);
  assert.equal((await platform.stakeholders.sendRecommendation(facilitator, id)).ok, false, 'one supporter of four is not half');
  const sentTo = async (actor: Actor) => (await platform.notifications.listFor(actor, 'en')).filter((n) => n.kind === 'recommendation_sent');
  assert.deepEqual(await sentTo(mayor), [], 'a refused send tells the decision-maker nothing');
  assert.ok((await platform.stakeholders.supportRecommendation(m(3), id)).ok);
  assert.equal((await platform.stakeholders.sendRecommendation(m(1), id)).ok, false, 'facilitators send');
  assert.ok((await platform.stakeholders.sendRecommendation(facilitator, id)).ok);
  // The decision-maker is told it waits for their answer, with the support it came with, in the list and by e-mail.
  const waiting = await sentTo(mayor);
  assert.deepEqual(
    waiting.map((n) => [n.text, n.link]),
    [['The stakeholder panel sent you the recommendation "Like regler", supported by 2 of 4 members. Answer it with your reasons: accepted, partly accepted or rejected.', '/processes/rec/stakeholders/recommendations/1']],
  );
  assert.deepEqual(await sentTo(m(1) as Actor), [], 'members are not asked to answer');

  const view = await platform.stakeholders.viewRecommendation(m(1), id);
  assert.ok(view.ok);
  assert.deepEqual([view.value.state, view.value.support.count, view.value.support.needed, view.value.support.mine], ['sent', 2, 2, 'current']);
  assert.deepEqual(view.value.comments.map((c) => [c.body, c.replies.map((r) => [r.body, r.hidden, r.hiddenReason])]), [['Hva med samkjøring?', [['Godt spørsmål.', false, null], [null, true, 'Utenfor saken.']]]]);
  assert.deepEqual(view.value.can, { edit: false, comment: true, support: false, withdraw: false, send: false, answer: false, moderate: false });

  // Once sent, nothing more changes the text or the support.
  const late = await platform.stakeholders.editRecommendation(m(0), id, { title: 'Like regler', body: 'Endret etterpå.' });
  assert.equal(!late.ok && late.code, 'RecommendationSent');
  assert.equal((await platform.stakeholders.withdrawSupport(m(1), id)).ok, false);
  const forMayor = await platform.stakeholders.viewRecommendation(mayor, id);
  assert.equal(forMayor.ok && forMayor.value.can.answer, true);

  const noReason = await platform.stakeholders.decideRecommendation(mayor, id, { decision: 'partly', reason: '' });
  assert.deepEqual(!noReason.ok && noReason.fields?.map((f) => f.message), ['field.reasonRequired']);
  assert.ok((await platform.stakeholders.decideRecommendation(mayor, id, { decision: 'partly', reason: 'Forsikring ja, løyve nei.' })).ok);
  const [published] = await platform.stakeholders.recommendations(panelId);
  assert.deepEqual([published?.decision, published?.decisionReason], ['partly', 'Forsikring ja, løyve nei.']);
  const told = (await platform.notifications.listFor(m(2) as Actor, 'en')).find((n) => n.kind === 'recommendation_decided');
  assert.equal(told?.text, 'The decision-maker has partly accepted the recommendation “Like regler”.');
  assert.match(mailer.lastTo('m2@example.no')?.text ?? '', /Forsikring ja, løyve nei\./, 'and by e-mail, with the reasons');
});

test('a meeting: the time in the municipality’s zone across summer time, an agenda, the item on now, minutes with a document', async () => {
  // Oslo moves its clocks on 28 March 2027: 18:00 the day before is 17:00 UTC, 18:00 the day after is 16:00 UTC.
  const before = await platform.stakeholders.scheduleMeeting(facilitator, panelId, { title: 'Før', startsAt: '2027-03-27T18:00', place: 'Rådhuset' });
  const after = await platform.stakeholders.scheduleMeeting(facilitator, panelId, { title: 'Etter', startsAt: '2027-03-29T18:00', agenda: '1. Velkommen\n2. Fakta\n\n3. Anbefalinger' });
  assert.ok(before.ok && after.ok);
  const first = await platform.stakeholders.viewMeeting(null, before.value.id);
  const second = await platform.stakeholders.viewMeeting(null, after.value.id);
  assert.ok(first.ok && second.ok);
  assert.equal(first.value.startsAt.toISOString(), '2027-03-27T17:00:00.000Z');
  assert.equal(second.value.startsAt.toISOString(), '2027-03-29T16:00:00.000Z');
  assert.equal(first.value.place, 'Rådhuset');
  assert.deepEqual(second.value.agenda.map((a) => a.title), ['Velkommen', 'Fakta', 'Anbefalinger']);

  const meetingId = after.value.id;
  assert.equal((await platform.stakeholders.setNowOn(m(0), meetingId, { position: 1 })).ok, false, 'facilitators only');
  const beyond = await platform.stakeholders.setNowOn(facilitator, meetingId, { position: 3 });
  assert.deepEqual(!beyond.ok && beyond.fields?.map((f) => f.field), ['position']);
  // The page hears the change through PostgreSQL.
  let heard = 0;
  const stop = await platform.meetingFeed.subscribe(meetingId, () => heard++);
  assert.ok((await platform.stakeholders.setNowOn(facilitator, meetingId, { position: 1 })).ok);
  for (let i = 0; i < 50 && heard === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  stop();
  assert.ok(heard > 0, 'the change was announced');
  const now = await platform.stakeholders.viewMeeting(null, meetingId);
  assert.deepEqual(now.ok && now.value.agenda.map((a) => a.now), [false, true, false]);
  // Shortening the agenda past the item on now clears it.
  assert.ok((await platform.stakeholders.setAgenda(facilitator, meetingId, { items: ['Velkommen'] })).ok);
  const shorter = await platform.stakeholders.viewMeeting(null, meetingId);
  assert.equal(shorter.ok && shorter.value.nowOn, null);
  const tooMany = await platform.stakeholders.setAgenda(facilitator, meetingId, { items: Array.from({ length: 31 }, (_, i) => `Punkt ${i}`) });
  assert.deepEqual(!tooMany.ok && tooMany.fields?.map((f) => f.message), ['stakeholders.meeting.tooManyItems']);

  const notPdf = await platform.stakeholders.recordMinutes(facilitator, meetingId, 'Referat.', [{ filename: 'a.pdf', contentType: 'application/pdf', data: new TextEncoder().encode('nope') }]);
  assert.deepEqual(!notPdf.ok && notPdf.fields?.map((f) => f.field), ['documents.0']);
  const pdf = new TextEncoder().encode('%PDF-1.7\nreferat\n%%EOF\n');
  assert.ok((await platform.stakeholders.recordMinutes(facilitator, meetingId, 'Vi ble enige om forsikring.', [{ filename: 'referat.pdf', contentType: 'application/pdf', data: pdf }])).ok);
  const minuted = await platform.stakeholders.viewMeeting(null, meetingId);
  assert.ok(minuted.ok);
  assert.equal(minuted.value.minutes, 'Vi ble enige om forsikring.');
  assert.deepEqual(minuted.value.documents.map((d) => d.filename), ['referat.pdf']);
  assert.ok(minuted.value.minutesPublishedAt);
});

test('a comment on a recommendation is reported, waits in the moderators’ queue, is hidden with a reason its author hears, and restored', async () => {
  const drafted = await platform.stakeholders.draftRecommendation(m(1), panelId, { title: 'Ladestasjoner', body: 'Flere ladestasjoner for drosjer.' });
  assert.ok(drafted.ok);
  const comment = await platform.stakeholders.commentOnRecommendation(m(3), drafted.value.id, { body: 'Ring meg på 99 99 99 99.' });
  assert.ok(comment.ok);
  const commentId = comment.value.id;
  const seen = await platform.stakeholders.viewRecommendation(m(2), drafted.value.id);
  assert.deepEqual(seen.ok && seen.value.comments.map((c) => c.canReport), [true], 'others may report it');
  const own = await platform.stakeholders.viewRecommendation(m(3), drafted.value.id);
  assert.deepEqual(own.ok && own.value.comments.map((c) => c.canReport), [false], 'not one’s own');

  const noReason = await platform.moderation.reportContent(m(2), { type: 'recommendation_comment', id: commentId, reason: '' });
  assert.deepEqual(!noReason.ok && noReason.fields?.map((f) => f.field), ['reason']);
  assert.ok((await platform.moderation.reportContent(m(2), { type: 'recommendation_comment', id: commentId, reason: 'personal_data' })).ok);
  const twice = await platform.moderation.reportContent(m(2), { type: 'recommendation_comment', id: commentId, reason: 'spam' });
  assert.equal(!twice.ok && twice.code, 'AlreadyReported');

  const queue = await platform.moderation.moderationQueue(facilitator);
  assert.ok(queue.ok);
  const entry = queue.value.find((e) => e.item.type === 'recommendation_comment' && e.item.id === commentId);
  assert.ok(entry, 'in the queue with the other kinds');
  assert.deepEqual([entry.waiting, entry.item.title, entry.item.body, entry.reports.map((r) => r.reason), entry.authorName], ['reported', 'Ladestasjoner', 'Ring meg på 99 99 99 99.', ['personal_data'], 'M3']);
  assert.equal(entry.item.link, `/processes/rec/stakeholders/recommendations/${drafted.value.number}#comment-${commentId}`);

  assert.ok((await platform.moderation.hideItem(facilitator, { type: 'recommendation_comment', id: commentId, reason: 'Telefonnummer.' })).ok);
  const hidden = await platform.stakeholders.viewRecommendation(null, drafted.value.id);
  assert.deepEqual(hidden.ok && hidden.value.comments.map((c) => [c.body, c.hidden, c.hiddenReason]), [[null, true, 'Telefonnummer.']]);
  const told = (await platform.notifications.listFor(m(3) as Actor, 'en')).find((n) => n.kind === 'comment_hidden');
  assert.deepEqual([told?.quote?.text, told?.link], ['Telefonnummer.', entry.item.link]);
  const after = await platform.moderation.moderationQueue(facilitator);
  assert.ok(after.ok && !after.value.some((e) => e.item.id === commentId), 'its report is closed');

  assert.ok((await platform.moderation.restoreItem(facilitator, { type: 'recommendation_comment', id: commentId })).ok);
  const restored = await platform.stakeholders.viewRecommendation(null, drafted.value.id);
  assert.deepEqual(restored.ok && restored.value.comments.map((c) => [c.body, c.hidden]), [['Ring meg på 99 99 99 99.', false]]);
  const again = await platform.moderation.restoreItem(facilitator, { type: 'recommendation_comment', id: commentId });
  assert.equal(!again.ok && again.code, 'AlreadyHandled');
});
