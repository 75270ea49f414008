// Notifications through the service: the list, the immediate e-mail, the digest and the CSV all say the same,
// in each reader's language, with a municipality's own status by its name.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let mailer: Awaited<ReturnType<typeof testPlatform>>['mailer'];
let drop: () => Promise<void>;
let kari: Actor;
let john: Actor;
let now = new Date('2026-03-29T00:30:00Z');

before(async () => {
  ({ platform, mailer, drop } = await testPlatform({ clock: () => now }));
  await platform.municipality.ensure({ name: 'Testvik kommune', logoUrl: null, primaryColour: '#1f5f8b', defaultLocale: 'nb', areas: [] });
  const resident = async (email: string, name: string, locale: 'nb' | 'en') => {
    const actor: Actor = { id: await platform.accounts.ensureUser({ email, displayName: name, password: null, roles: ['resident'] }), roles: ['resident'] };
    assert.ok((await platform.accounts.updateProfile(actor, { displayName: name, locale })).ok);
    return actor;
  };
  kari = await resident('kari@example.no', 'Kari', 'nb');
  john = await resident('john@example.no', 'John', 'en');
  const admin: Actor = { id: await platform.accounts.ensureUser({ email: 'admin@example.no', displayName: 'Admin', password: null, roles: ['administrator'] }), roles: ['administrator'] };
  assert.ok((await platform.feedback.addStatus(admin, { label: { nb: 'Sendt til kommunestyret', en: 'Sent to the council' } })).ok);
});
after(async () => drop());

const payload = { ideaId: '11111111-1111-4111-8111-111111111111', ideaTitle: 'Benker langs elva', processSlug: 'elva', status: 'sendt_til_kommunestyret', answer: 'Saken behandles i april.\nDere får svar etterpå.' };

test('an immediate e-mail and the list name the idea, the status by its label and quote the answer, in each language', async () => {
  const before = mailer.sent.length;
  await platform.notifications.notify({ userIds: [kari.id, john.id], kind: 'answered', subjectType: 'idea', subjectId: payload.ideaId, payload });
  const mails = mailer.sent.slice(before);
  const toKari = mails.find((m) => m.to === 'kari@example.no');
  const toJohn = mails.find((m) => m.to === 'john@example.no');
  assert.equal(toKari?.subject, 'Kommunen har svart på «Benker langs elva» – Testvik kommune');
  assert.match(toKari?.text ?? '', /Kommunen har svart på forslaget «Benker langs elva» og gitt det statusen «Sendt til kommunestyret»\.\nSvaret: Saken behandles i april\. Dere får svar etterpå\.\nhttp:\/\/localhost:3000\/processes\/elva\/ideas\/1111/);
  assert.match(toJohn?.text ?? '', /The municipality answered the idea "Benker langs elva" and gave it the status "Sent to the council"\.\nThe answer: Saken/);
  for (const mail of mails) assert.doesNotMatch(mail.text, /status:|notify\.|\{\w+\}/);
  const [listed] = await platform.notifications.listFor(john, 'en');
  assert.deepEqual([listed?.text, listed?.quote?.label, listed?.link], ['The municipality answered the idea "Benker langs elva" and gave it the status "Sent to the council".', 'The answer', '/processes/elva/ideas/11111111-1111-4111-8111-111111111111']);
});

test('the digest counts its updates by plural rules and lists each as the list does', async () => {
  await platform.accounts.setNotifyMode(kari, 'daily');
  await platform.accounts.setNotifyMode(john, 'daily');
  await platform.notifications.sendDigests();
  const before = mailer.sent.length;
  now = new Date('2026-03-29T01:30:00Z');
  await platform.notifications.notify({ userIds: [kari.id, john.id], kind: 'status_changed', subjectType: 'idea', subjectId: payload.ideaId, payload: { ...payload, status: 'accepted' } });
  await platform.notifications.notify({ userIds: [john.id], kind: 'milestone', subjectType: 'idea', subjectId: payload.ideaId, payload: { ...payload, milestone: 'Benkene er bestilt', progress: 30 } });
  assert.equal(mailer.sent.length, before, 'daily readers get no immediate e-mail');
  assert.equal(await platform.notifications.sendDigests(), 2);
  const digests = mailer.sent.slice(before);
  const toKari = digests.find((m) => m.to === 'kari@example.no');
  const toJohn = digests.find((m) => m.to === 'john@example.no');
  assert.equal(toKari?.subject, '1 oppdatering fra Testvik kommune');
  assert.equal(toJohn?.subject, '2 updates from Testvik kommune');
  assert.match(toKari?.text ?? '', /- Forslaget «Benker langs elva» har nå statusen «Godkjent»\.\n {2}http:\/\/localhost:3000\/processes\/elva\/ideas\//);
  assert.match(toJohn?.text ?? '', /- New progress on the idea "Benker langs elva": Benkene er bestilt \(30% done\)\./);
});

test('the CSV has the same sentences, dated in the municipality time zone', async () => {
  const csv = await platform.notifications.exportCsv(kari, 'nb');
  const rows = csv.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
  assert.equal(rows[0], '"Når","Varsel","Sitert","Lenke","Lest"');
  assert.equal(rows.length, 3);
  // 01:30 UTC on the morning summer time starts is 03:30 in Oslo.
  assert.match(rows[1] ?? '', /^"29\. mars 2026 kl\. 03:30","Forslaget «Benker langs elva» har nå statusen «Godkjent»\.","","http:\/\/localhost:3000\/processes\/elva\/ideas\/[^"]+","Nei"$/);
  assert.match(rows[2] ?? '', /^"29\. mars 2026 kl\. 01:30",.*"Svaret: Saken behandles i april\. Dere får svar etterpå\."/);
});
