import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { checkPanel, verifyRecord } from '@tingsted/sortition';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import { translate } from '../i18n/translate.ts';
import { apportion, createRandom, shuffle } from '@tingsted/sortition';
import { normaliseCode, sortitionVersion, zonedInstant } from './index.ts';
import { readCensusCsv, readRegisterCsv } from './panels.csv.ts';

let platform: Platform;
let mailer: Awaited<ReturnType<typeof testPlatform>>['mailer'];
let drop: () => Promise<void>;
let now = new Date('2026-11-23T10:00:00Z');
let admin: Actor;
let otherManager: Actor;
let decisionMaker: Actor;
let resident: Actor;
let panelId = '';
const memberActors: Actor[] = [];

const areas = ['Nord', 'Sør', 'Øst'];
function registerCsv(rows: number): string {
  const lines = ['id,name,address,postcode,city,area'];
  for (let i = 1; i <= rows; i++) lines.push(`P${i},Åse Ødegård ${i},Storgata ${Math.ceil(i / 2)},${1000 + (Math.ceil(i / 2) % 50)},Tingby,${areas[Math.ceil(i / 2) % 3]}`);
  return lines.join('\n');
}

/** The text a PDF shows: every TJ array's hex strings joined (pdfkit splits words for kerning), WinAnsi read as Latin-1. */
function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  const parts: string[] = [];
  // Each stream is read by its /Length (a compressed stream may itself end in a CR or LF byte).
  for (const m of raw.matchAll(/\/Length (\d+)[^>]*>>\s*stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    let content = '';
    try {
      content = inflateSync(Buffer.from(raw.slice(start, start + Number(m[1])), 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...(tj[1] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]).join('');
      parts.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return parts.join('\n');
}

const codesIn = (text: string) => [...text.matchAll(/\b[A-Z2-9]{4}-[A-Z2-9]{4}\b/g)].map((m) => m[0]);

async function codes(): Promise<string[]> {
  const rows = await platform.db.selectFrom('panel_invitations').select('code').where('panel_id', '=', panelId).orderBy('position').execute();
  return rows.map((r) => r.code);
}

before(async () => {
  ({ platform, mailer, drop } = await testPlatform({ clock: () => now }));
  const user = async (email: string, roles: ('process_manager' | 'decision_maker' | 'resident')[]) => ({
    id: await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles }),
    roles,
  });
  admin = await user('panel-admin@example.no', ['process_manager']);
  otherManager = await user('other@example.no', ['process_manager']);
  decisionMaker = await user('ordforer@example.no', ['decision_maker']);
  resident = await user('follower@example.no', ['resident']);
  const process = await platform.processes.ensureProcess({
    slug: 'klimapanel',
    status: 'published',
    title: { nb: 'Klimapanel' },
    summary: { nb: 'Innbyggerpanel om klima' },
    startsOn: null,
    endsOn: null,
    createdBy: admin.id,
    phases: [{ method: 'panel', title: { nb: 'Panel' }, startsOn: '2026-11-01', endsOn: '2027-03-31' }],
  });
  const created = await platform.panels.createPanel(admin, process.id, { title: 'Klimapanelet', locale: 'nb' });
  assert.ok(created.ok);
  panelId = created.value.id;
});
after(async () => drop());

test('pure helpers: census quotas, apportioning, codes', () => {
  const census = readCensusCsv('category,value,population\nKjønn,Kvinne,5100\nKjønn,Mann,4900\nAlder,16-39,4000\nAlder,40-66,4000\nAlder,67+,2000', 20);
  assert.ok(census.ok);
  const [gender, age] = census.categories;
  assert.deepEqual(gender?.values.map((v) => [v.min, v.max]), [[9, 12], [8, 11]]);
  assert.deepEqual(age?.values.map((v) => [v.min, v.max]), [[7, 9], [7, 9], [3, 5]]);
  assert.deepEqual(apportion([5, 3, 2], 7), [4, 2, 1]);
  // Session times are the municipality's wall clock: winter and summer time in Oslo.
  assert.equal(zonedInstant('2027-01-10T10:00', 'Europe/Oslo')?.toISOString(), '2027-01-10T09:00:00.000Z');
  assert.equal(zonedInstant('2027-06-10T10:00', 'Europe/Oslo')?.toISOString(), '2027-06-10T08:00:00.000Z');
  assert.equal(zonedInstant('10.01.2027 10:00', 'Europe/Oslo'), null);
  assert.equal(normaliseCode(' abcd efgh '), 'ABCD-EFGH');
  // The invitation draw can be redone from its published seed: same seed, same order.
  const items = Array.from({ length: 50 }, (_, i) => i);
  const once = shuffle(createRandom('Kommunestyret'), items);
  assert.deepEqual(shuffle(createRandom('Kommunestyret'), items), once);
  assert.notDeepEqual(shuffle(createRandom('Bystyret'), items), once);
  assert.deepEqual([...once].sort((a, b) => a - b), items);
});

test('a register with bad rows reports every line and imports nothing', async () => {
  const bad = 'id,name,address,postcode,area\nP1,Kari,Storgata 1,0150,Nord\nP2,,Storgata 2,0150,Nord\nP3,Ola,Storgata 3,OSLO,Sør\nP1,Per,Storgata 4,0150,Øst\nP5,Lise,Storgata 5\n';
  const result = await platform.panels.importRegister(admin, panelId, bad);
  assert.equal(result.ok, false);
  assert.deepEqual(
    !result.ok && result.fields?.map((f) => [f.message, f.params?.line]),
    [
      ['panels.register.missing', 3],
      ['panels.register.postcode', 4],
      ['panels.register.duplicate', 5],
      ['panels.register.fieldCount', 6],
    ],
  );
  assert.equal(await platform.db.selectFrom('panel_register').select('id').executeTakeFirst(), undefined);
  const missingColumn = readRegisterCsv('id,name,address\nP1,Kari,Storgata 1');
  assert.deepEqual(!missingColumn.ok && missingColumn.errors.map((e) => e.params?.columns), ['postcode']);
});

test('set-up: quotas, size, sessions; only administrators change them', async () => {
  assert.equal((await platform.panels.setQuotas(resident, panelId, 'category,value,min,max\nKjønn,Kvinne,1,2')).ok, false);
  const census = await platform.panels.importCensus(admin, panelId, 'category,value,population\nKjønn,Kvinne,5100\nKjønn,Mann,4900\nAlder,Ung,5000\nAlder,Eldre,5000');
  assert.ok(census.ok);
  const setup = await platform.panels.updateSetup(admin, panelId, { title: 'Klimapanelet', size: '10', householdRule: 'on', approvalPercent: '80', endsOn: '2027-03-31', deletePoolOn: '2027-06-30', consentText: 'Vi lagrer svarene dine.' });
  assert.ok(setup.ok);
  const quotas = await platform.panels.setQuotas(admin, panelId, 'category,value,min,max\nKjønn,Kvinne,4,6\nKjønn,Mann,4,6\nAlder,Ung,4,6\nAlder,Eldre,4,6');
  assert.ok(quotas.ok);
  const badSession = await platform.panels.addSession(admin, panelId, { title: 'Første samling', startsAt: '2027-01-10T10:00', endsAt: '2027-01-10T09:00', mode: 'online', place: '', streamUrl: 'ftp://x', programme: '' });
  assert.deepEqual(!badSession.ok && badSession.fields?.map((f) => f.field).sort(), ['endsAt', 'streamUrl']);
  assert.ok((await platform.panels.addSession(admin, panelId, { title: 'Første samling', startsAt: '2027-01-10T10:00', endsAt: '2027-01-10T16:00', mode: 'in_person', place: 'Rådhuset', streamUrl: '', programme: 'Velkommen' })).ok);
});

test('invitations: drawn with a recorded seed, stratified by area, one per household', async () => {
  const imported = await platform.panels.importRegister(admin, panelId, registerCsv(600));
  assert.deepEqual(imported.ok && imported.value, { rows: 600, areas: 3 });
  // 600 people in 300 households: at most 300 invitations.
  const tooMany = await platform.panels.drawInvitations(admin, panelId, { count: '301', seed: 'x', stratify: 'on' });
  assert.deepEqual(!tooMany.ok && tooMany.fields?.map((f) => f.message), ['panels.invite.tooMany']);
  const drawn = await platform.panels.drawInvitations(admin, panelId, { count: '120', seed: 'Kommunestyret 2026-11-23', stratify: 'on' });
  assert.deepEqual(drawn.ok && drawn.value, { invited: 120, seed: 'Kommunestyret 2026-11-23' });
  const rows = await platform.db
    .selectFrom('panel_invitations as i')
    .innerJoin('panel_register as r', 'r.id', 'i.register_id')
    .select(['r.person_ref', 'r.household', 'i.area'])
    .where('i.panel_id', '=', panelId)
    .orderBy('i.position')
    .execute();
  assert.equal(new Set(rows.map((r) => r.household)).size, 120, 'one letter per household');
  const perArea = areas.map((a) => rows.filter((r) => r.area === a).length);
  assert.deepEqual(perArea, [40, 40, 40]);
  assert.equal(new Set(await codes()).size, 120);
  // Drawing again is refused and changes nothing; the register is locked.
  assert.equal((await platform.panels.drawInvitations(admin, panelId, { count: '10', seed: 'y', stratify: '' })).ok, false);
  assert.equal((await platform.panels.importRegister(admin, panelId, registerCsv(10))).ok, false);
  // The letters: one page per invitation, Nordic letters encoded in the PDF's WinAnsi text.
  assert.equal((await platform.panels.invitationLetters(resident, panelId, 'nb')).ok, false, 'only administrators print letters');
  const letters = await platform.panels.invitationLetters(admin, panelId, 'nb');
  assert.ok(letters.ok);
  const pdf = Buffer.from(letters.value.pdf).toString('latin1');
  assert.match(pdf, /^%PDF-1\.\d/);
  assert.equal(pdf.match(/\/Type \/Page\b/g)?.length, 120);
  const text = pdfText(letters.value.pdf);
  assert.ok(text.includes('Åse Ødegård'), 'names with Nordic letters are printed');
  assert.ok(text.includes(translate('nb', 'panels.letter.codeLabel')));
  const printed = new Set(codesIn(text));
  assert.deepEqual((await codes()).filter((c) => !printed.has(c)), [], 'every code is printed');
  const audit = await platform.audit.forSubject('panel', panelId);
  assert.ok(audit.some((a) => a.action === 'panel.letters_printed'));
});

test('registration: a code works once, every answer is checked, nothing is half-written', async () => {
  const [first, second] = await codes();
  const form = { consent: 'on', answers: { Kjønn: 'Kvinne', Alder: 'Ung' }, name: 'Kari Nordmann', email: 'kari@example.no', phone: '' };
  const missing = await platform.panels.registerRespondent(panelId, { ...form, code: first, consent: '', answers: { Kjønn: 'Kvinne' } });
  assert.deepEqual(!missing.ok && missing.fields?.map((f) => f.field), ['consent', 'q1']);
  assert.equal((await platform.panels.checkCode(panelId, 'ZZZZ-ZZZZ')).ok, false);
  const done = await platform.panels.registerRespondent(panelId, { ...form, code: first?.toLowerCase().replace('-', ' ') });
  assert.deepEqual(done.ok && done.value, { number: 1 });
  const again = await platform.panels.registerRespondent(panelId, { ...form, code: first, email: 'other@example.no' });
  assert.deepEqual(!again.ok && again.fields?.map((f) => f.message), ['panels.code.used']);
  assert.equal((await platform.db.selectFrom('panel_contacts').select('email').execute()).length, 1);
  // Two submissions of one code at once: exactly one wins.
  const both = await Promise.all([
    platform.panels.registerRespondent(panelId, { ...form, code: second }),
    platform.panels.registerRespondent(panelId, { ...form, code: second }),
  ]);
  assert.equal(both.filter((r) => r.ok).length, 1);
});

test('personal data: only the panel’s administrators see the pool, and each look is audited', async () => {
  assert.equal((await platform.panels.listPool(resident, panelId)).ok, false);
  assert.ok((await platform.panels.listPool(otherManager, panelId)).ok, 'process managers always administer panels');
  assert.equal((await platform.panels.exportPool(resident, panelId)).ok, false);
  const pool = await platform.panels.listPool(admin, panelId);
  assert.ok(pool.ok);
  assert.equal(pool.value.rows[0]?.email, 'kari@example.no');
  const csv = await platform.panels.exportPool(admin, panelId);
  assert.ok(csv.ok);
  assert.match(csv.value, /^number,Kjønn,Alder,status,name,email,phone,registered_at\n1,Kvinne,Ung,pool,Kari Nordmann,kari@example.no,,/);
  const actions = (await platform.audit.forSubject('panel', panelId)).map((a) => a.action);
  assert.ok(actions.includes('panel.pool_viewed') && actions.includes('panel.pool_exported'));
});

let drawnNumbers: number[] = [];

const lotto = 'Lotto (Norsk Tipping), vinnertallene lørdag 28. november 2026';

/**
 * The announced draw on the computed list (issue 18): refused before the announcement; announced with a seed
 * source at least 24 hours ahead; the pool, quotas and registration closed; refused before the source's time
 * and when the pool no longer has the announced hash; the value entered once; the public record verifies.
 */
async function announceAndDraw(): Promise<number[]> {
  const first = await platform.panels.drawPanel(admin, panelId, '7 12 19 33');
  assert.deepEqual(!first.ok && first.fields?.map((f) => f.message), ['panels.draw.announceFirst']);
  assert.equal((await platform.panels.lotteryRecord(panelId)).ok, false, 'no record before the announcement');
  // now is 2026-11-23 11:00 in Oslo: the seed's time must be 24 hours ahead or later.
  const soon = await platform.panels.announceDraw(admin, panelId, { seedSource: lotto, seedNotBefore: '2026-11-24T10:59' });
  assert.deepEqual(!soon.ok && soon.fields?.map((f) => [f.field, f.message, f.params?.earliest]), [['seedNotBefore', 'panels.announce.tooSoon', '2026-11-24 11:00']]);
  assert.match(translate('nn', 'panels.announce.tooSoon', { earliest: '2026-11-24 11:00' }), /minst 24 timar/);
  // An instant with its offset is read as that instant, not as the wall clock (19:00Z is 20:00 in Oslo).
  const utc = await platform.panels.announceDraw(admin, panelId, { seedSource: lotto, seedNotBefore: '2026-11-24T09:59:00Z' });
  assert.deepEqual(!utc.ok && utc.fields?.map((f) => f.message), ['panels.announce.tooSoon']);
  const blank = await platform.panels.announceDraw(admin, panelId, { seedSource: ' ', seedNotBefore: 'i morgen' });
  assert.deepEqual(!blank.ok && blank.fields?.map((f) => f.field), ['seedSource', 'seedNotBefore']);
  assert.equal((await platform.panels.announceDraw(resident, panelId, { seedSource: lotto, seedNotBefore: '2026-11-28T20:00' })).ok, false);
  const announced = await platform.panels.announceDraw(admin, panelId, { seedSource: lotto, seedNotBefore: '2026-11-28T20:00', diceRoll: 'terningkast filmet i kommunestyret 28. november' });
  assert.ok(announced.ok, JSON.stringify(announced));
  assert.equal(announced.value.seedSource, `${lotto} + terningkast filmet i kommunestyret 28. november`);
  assert.equal(announced.value.notBefore, '2026-11-28T19:00:00.000Z');
  // The same announcement again changes nothing; another is refused.
  assert.ok((await platform.panels.announceDraw(admin, panelId, { seedSource: lotto, seedNotBefore: '2026-11-28T20:00', diceRoll: 'terningkast filmet i kommunestyret 28. november' })).ok);
  const other = await platform.panels.announceDraw(admin, panelId, { seedSource: 'Vikinglotto', seedNotBefore: '2026-12-02T20:00' });
  assert.deepEqual(!other.ok && other.fields?.map((f) => f.message), ['panels.announce.already']);

  // The public record from the announcement on: pseudonymous, households as labels, and it checks out.
  const announcedRecord = await platform.panels.lotteryRecord(panelId);
  assert.ok(announcedRecord.ok);
  const record = announcedRecord.value;
  assert.equal(record.format, 'tingsted-lottery-record/1');
  assert.equal(record.poolHash, announced.value.poolHash);
  assert.deepEqual([record.k, record.householdRule, record.pool.length, record.drawn, record.seed.value], [10, true, 42, null, null]);
  assert.deepEqual(record.algorithm, { name: 'leximin', version: sortitionVersion });
  assert.ok(record.pool.every((p) => /^\d+$/.test(p.id) && /^h\d+$/.test(p.household ?? '')));
  assert.doesNotMatch(JSON.stringify(record), /Storgata|example\.no|Ødegård|P\d/);
  assert.equal(verifyRecord(record).ok, true);

  // After the announcement nothing that makes the list may change.
  const quotas = await platform.panels.setQuotas(admin, panelId, 'category,value,min,max\nKjønn,Kvinne,5,5\nKjønn,Mann,5,5\nAlder,Ung,4,7\nAlder,Eldre,3,6');
  assert.deepEqual(!quotas.ok && quotas.fields?.map((f) => f.message), ['panels.announce.locked']);
  const again = await platform.panels.startSelection(admin, panelId);
  assert.deepEqual(!again.ok && again.fields?.map((f) => f.message), ['panels.announce.locked']);
  const size = await platform.panels.updateSetup(admin, panelId, { title: 'Klimapanelet', size: '12', householdRule: '', approvalPercent: '80', endsOn: '2027-03-31', deletePoolOn: '2027-06-30', consentText: 'Vi lagrer svarene dine.' });
  assert.deepEqual(!size.ok && size.fields?.map((f) => [f.field, f.message]), [['size', 'panels.announce.locked'], ['householdRule', 'panels.announce.locked']]);
  const late = await platform.panels.registerRespondent(panelId, { code: (await codes())[60], consent: 'on', answers: { Kjønn: 'Mann', Alder: 'Ung' }, name: 'For sent', email: 'sent@example.no', phone: '' });
  assert.equal(!late.ok && late.code, 'PhaseClosed');

  // Before the source's time: refused, with the time and the source named; nothing is drawn.
  now = new Date('2026-11-28T18:59:00Z');
  assert.ok((await platform.panels.announceDraw(admin, panelId, { seedSource: lotto, seedNotBefore: '2026-11-28T20:00', diceRoll: 'terningkast filmet i kommunestyret 28. november' })).ok, 'the same announcement, sent again later, is still the same');
  const early = await platform.panels.drawPanel(admin, panelId, '7 12 19 33');
  assert.deepEqual(!early.ok && early.fields?.map((f) => [f.message, f.params?.at]), [['panels.draw.tooEarly', '2026-11-28 20:00']]);
  assert.equal((await platform.db.selectFrom('panel_respondents').select('id').where('panel_id', '=', panelId).where('status', '=', 'selected').execute()).length, 0);
  now = new Date('2026-11-28T19:30:00Z');
  // A pool changed after the announcement no longer has the published hash: refused, and nothing is lost.
  const someone = await platform.db.selectFrom('panel_respondents').select(['id', 'answers']).where('panel_id', '=', panelId).where('number', '=', 5).executeTakeFirstOrThrow();
  await platform.db.updateTable('panel_respondents').set({ answers: JSON.stringify({ ...someone.answers, Alder: someone.answers.Alder === 'Ung' ? 'Eldre' : 'Ung' }) }).where('id', '=', someone.id).execute();
  const changed = await platform.panels.drawPanel(admin, panelId, '7 12 19 33');
  assert.deepEqual(!changed.ok && changed.fields?.map((f) => f.message), ['panels.draw.poolChanged']);
  await platform.db.updateTable('panel_respondents').set({ answers: JSON.stringify(someone.answers) }).where('id', '=', someone.id).execute();

  const drawn = await platform.panels.drawPanel(admin, panelId, ' 7 12 19  33 ');
  assert.ok(drawn.ok, JSON.stringify(drawn));
  assert.equal(drawn.value.numbers.length, 10);
  // The value is entered once: the same value again gives the same answer, another is refused.
  const same = await platform.panels.drawPanel(admin, panelId, '7 12 19 33');
  assert.deepEqual(same.ok && same.value, drawn.value);
  const twice = await platform.panels.drawPanel(admin, panelId, '1 2 3 4');
  assert.deepEqual(!twice.ok && twice.fields?.map((f) => [f.field, f.message, f.params?.value]), [['seedValue', 'panels.draw.valueDiffers', '7 12 19 33']]);
  assert.match(translate('sv', 'panels.draw.valueDiffers', { value: '7 12 19 33' }), /en gång/);

  // Anyone can verify: the record alone gives the same panel; a record with another seed does not.
  const drawnRecord = await platform.panels.lotteryRecord(panelId);
  assert.ok(drawnRecord.ok);
  const final = drawnRecord.value;
  assert.deepEqual([final.seed.value, final.drawn?.index, final.drawn?.selected.map(Number).sort((a, b) => a - b)], ['7 12 19 33', drawn.value.index, drawn.value.numbers]);
  const checked = verifyRecord(JSON.parse(JSON.stringify(final)));
  assert.equal(checked.ok, true, !checked.ok ? checked.difference : '');
  assert.equal(verifyRecord({ ...final, seed: { ...final.seed, value: '1 2 3 4' } }).ok, false);
  const actions = (await platform.audit.forSubject('panel', panelId)).map((a) => a.action);
  assert.ok(actions.includes('panel.draw_announced') && actions.includes('panel.drawn'));
  return drawn.value.numbers;
}

test('the record names the sortition version the package has', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../sortition/package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(sortitionVersion, pkg.version);
});

test('selection: infeasible quotas are explained; the job publishes a list; the draw is announced, then drawn', async () => {
  // Fill the pool: 40 more respondents with a mix of answers.
  const all = await codes();
  for (let i = 2; i < 42; i++) {
    const result = await platform.panels.registerRespondent(panelId, {
      code: all[i],
      consent: 'on',
      answers: { Kjønn: i % 2 === 0 ? 'Kvinne' : 'Mann', Alder: i % 3 === 0 ? 'Eldre' : 'Ung' },
      name: `Person ${i}`,
      email: `p${i}@example.no`,
      phone: '+47 900 00 000',
    }, undefined, i === 3 ? 'en' : undefined);
    assert.ok(result.ok, JSON.stringify(result));
  }
  // Quotas that cannot be met: at least 8 older people on a panel of 10 with at most 6 of either age.
  assert.ok((await platform.panels.setQuotas(admin, panelId, 'category,value,min,max\nKjønn,Kvinne,4,6\nKjønn,Mann,4,6\nAlder,Ung,4,6\nAlder,Eldre,8,9')).ok);
  assert.ok((await platform.panels.startSelection(admin, panelId)).ok);
  const infeasible = await platform.panels.runSelection(panelId);
  assert.equal(infeasible?.ok, false);
  const staff = await platform.panels.getPanelForStaff(admin, panelId);
  assert.ok(staff.ok);
  assert.equal(staff.value.panel.selection?.state, 'infeasible');
  assert.ok(staff.value.panel.selection?.state === 'infeasible' && staff.value.panel.selection.relaxation.length > 0);
  assert.ok((await platform.panels.applyRelaxation(admin, panelId)).ok);
  assert.ok((await platform.panels.setQuotas(admin, panelId, 'category,value,min,max\nKjønn,Kvinne,4,6\nKjønn,Mann,4,6\nAlder,Ung,4,7\nAlder,Eldre,3,6')).ok);

  assert.ok((await platform.panels.startSelection(admin, panelId)).ok);
  const result = await platform.panels.runSelection(panelId);
  assert.ok(result?.ok, JSON.stringify(result));
  const tooEarly = await platform.panels.notSelectedLetters(admin, panelId, 'nb');
  assert.deepEqual(!tooEarly.ok && tooEarly.fields?.map((f) => f.message), ['panels.notSelected.notDrawn']);
  drawnNumbers = await announceAndDraw();
  const view = await platform.panels.getPanelForStaff(admin, panelId);
  assert.ok(view.ok && view.value.panel.selection?.state === 'ready');
  const sel = view.value.panel.selection;
  assert.ok(sel.state === 'ready' && sel.minProbability > 0 && sel.maxProbability <= 1 && sel.minProbability <= sel.maxProbability);
  const women = view.value.composition.find((c) => c.name === 'Kjønn')?.values.find((v) => v.value === 'Kvinne');
  assert.ok(women && women.panel >= 4 && women.panel <= 6 && women.pool === 22 && Math.abs((women.populationShare ?? 0) - 0.51) < 1e-9);
  // Each selected person got a link to confirm.
  assert.equal(mailer.sent.filter((m) => m.text.includes(`/panels/${panelId}/confirm?token=`)).length, 10);
});

test('not selected this time: everyone else is e-mailed in the language they registered in, and staff print the letters', async () => {
  // Respondent n registered as p(n−1)@example.no (n ≥ 3); p3 registered on the English form.
  const pool = await platform.db.selectFrom('panel_respondents as r').innerJoin('panel_contacts as c', 'c.respondent_id', 'r.id').select(['r.number', 'c.email']).where('r.panel_id', '=', panelId).execute();
  const notDrawn = pool.filter((r) => !drawnNumbers.includes(r.number));
  const mails = mailer.sent.filter((m) => /^(Ikke trukket ut denne gangen|Not selected this time) /.test(m.subject));
  assert.deepEqual(mails.map((m) => m.to).sort((x, y) => x.localeCompare(y)), notDrawn.map((r) => r.email).sort((x, y) => x.localeCompare(y)), 'one e-mail to each person not selected, none to the panel');
  for (const mail of mails) {
    const english = mail.to === 'p3@example.no';
    assert.match(mail.subject, english ? /^Not selected this time for Klimapanelet/ : /^Ikke trukket ut denne gangen til Klimapanelet/);
    // Thanks, the reserve list (one person per household here, so everyone is on it), the deletion date, the panel's page.
    assert.match(mail.text, english ? /Thank you for signing up[\s\S]*on the reserve list[\s\S]*deleted on June 30, 2027/ : /Takk for at du meldte deg på[\s\S]*står på reservelisten[\s\S]*slettes 30\. juni 2027/);
    assert.ok(mail.text.includes(`/panels/${panelId}\n`));
  }
  const p3 = pool.find((r) => r.email === 'p3@example.no')!;
  if (drawnNumbers.includes(p3.number)) assert.ok(mailer.sent.some((m) => m.to === 'p3@example.no' && m.subject.startsWith('You have been drawn for Klimapanelet')), 'the selected e-mail is in English too');

  assert.equal((await platform.panels.notSelectedLetters(resident, panelId, 'sv')).ok, false);
  const letters = await platform.panels.notSelectedLetters(admin, panelId, 'sv');
  assert.ok(letters.ok && letters.value.count === 32 && notDrawn.length === 32);
  const text = pdfText(letters.value.pdf);
  assert.equal(text.split('\n').filter((line) => line === 'Tack för att du anmälde dig till Klimapanelet').length, 32, 'one Swedish letter a person');
  assert.match(text, /Åse Ødegård \d+\nStorgata \d+[\s\S]*reservlistan/);
  assert.ok((await platform.audit.forSubject('panel', panelId)).some((a) => a.action === 'panel.not_selected_letters_printed'));
});

test('confirmation by link or by staff; a replacement keeps the quotas and is logged', async () => {
  const links = mailer.sent.filter((m) => m.text.includes('/confirm?token=')).map((m) => ({ to: m.to, token: /token=([\w-]+)/.exec(m.text)?.[1] ?? '' }));
  for (const [i, link] of links.slice(0, 4).entries()) {
    const actor = { id: await platform.accounts.ensureUser({ email: link.to, displayName: `Medlem ${i}`, password: null, roles: ['resident'] }), roles: ['resident' as const] };
    memberActors.push(actor);
    assert.ok((await platform.panels.confirmSeat(actor, panelId, link.token)).ok);
  }
  assert.equal((await platform.panels.confirmSeat(resident, panelId, links[0]?.token)).ok, false, 'a link confirms one person');
  assert.ok((await platform.panels.confirmByStaff(admin, panelId, drawnNumbers[9])).ok);
  const dropped = drawnNumbers[8]!;
  const replaced = await platform.panels.replaceMember(admin, panelId, { number: dropped, reason: 'Flyttet' });
  assert.ok(replaced.ok, JSON.stringify(replaced));
  const respondents = await platform.db.selectFrom('panel_respondents').select(['number', 'status', 'answers']).where('panel_id', '=', panelId).execute();
  const onPanel = respondents.filter((r) => r.status === 'selected' || r.status === 'confirmed');
  assert.equal(onPanel.length, 10);
  assert.ok(!onPanel.some((r) => r.number === dropped));
  const staff = await platform.panels.getPanelForStaff(admin, panelId);
  assert.ok(staff.ok);
  const problem = {
    people: respondents.map((r) => ({ id: String(r.number), values: r.answers })),
    categories: staff.value.panel.categories.map((c) => ({ name: c.name, values: c.values.map((v) => ({ value: v.value, min: v.min, max: v.max })) })),
    k: 10,
  };
  assert.deepEqual(checkPanel(problem, onPanel.map((r) => String(r.number))), { ok: true });
  assert.deepEqual(staff.value.replacements.map((r) => [r.dropped_number, r.replacement_number, r.reason]), [[dropped, replaced.value.replacement, 'Flyttet']]);
  // A replacement that cannot keep the quotas leaves everything as it was.
  assert.ok((await platform.db.updateTable('panels').set({ categories: JSON.stringify(staff.value.panel.categories.map((c) => ({ ...c, values: c.values.map((v) => ({ ...v, min: 0, max: onPanel.filter((r) => r.answers[c.name] === v.value).length })) }))) }).where('id', '=', panelId).execute()));
  const victim = onPanel.find((r) => r.answers.Alder === 'Eldre')!;
  const before = await platform.db.selectFrom('panel_respondents').select(['number', 'status']).where('panel_id', '=', panelId).orderBy('number').execute();
  // Make everyone else in the pool young, so no one can take an older member's seat.
  await platform.db.updateTable('panel_respondents').set({ answers: JSON.stringify({ Kjønn: 'Mann', Alder: 'Ung' }) }).where('panel_id', '=', panelId).where('status', '=', 'pool').execute();
  const impossible = await platform.panels.replaceMember(admin, panelId, { number: victim.number, reason: '' });
  assert.deepEqual(!impossible.ok && impossible.fields?.map((f) => f.message), ['panels.replace.infeasible']);
  assert.deepEqual(await platform.db.selectFrom('panel_respondents').select(['number', 'status']).where('panel_id', '=', panelId).orderBy('number').execute(), before);
});

let recommendationId = '';

test('workspace: private; recommendations with amendments; each member votes once; the threshold decides', async () => {
  assert.equal((await platform.panels.workspace(resident, panelId)).ok, false, 'not for residents');
  const [a, b, c, d] = memberActors;
  assert.ok(a && b && c && d);
  const space = await platform.panels.workspace(a, panelId);
  assert.ok(space.ok && space.value.member !== null);
  assert.equal((await platform.panels.addItem(a, panelId, { kind: 'material', title: 'Fakta', body: '', link: '', source: '', smallGroup: '', sessionId: '' })).ok, false, 'members do not add materials');
  assert.ok((await platform.panels.addItem(admin, panelId, { kind: 'submission', title: 'Innspill fra Naturvernforbundet', body: 'Vi mener …', link: '', source: 'Naturvernforbundet', smallGroup: '', sessionId: '' })).ok);
  assert.ok((await platform.panels.addItem(a, panelId, { kind: 'note', title: 'Gruppe 1', body: 'Vi diskuterte buss.', link: '', source: '', smallGroup: 'Gruppe 1', sessionId: '' })).ok);
  const rec = await platform.panels.draftRecommendation(a, panelId, { title: 'Gratis buss', body: 'Bussen bør være gratis for unge.' });
  assert.ok(rec.ok);
  recommendationId = rec.value.id;
  const amendment = await platform.panels.proposeAmendment(b, recommendationId, { body: 'Bussen bør være gratis for alle under 20.', rationale: 'Tydeligere' });
  assert.ok(amendment.ok);
  assert.equal((await platform.panels.decideAmendment(b, amendment.value.id, 'accepted')).ok, false, 'facilitators decide amendments');
  assert.ok((await platform.panels.decideAmendment(admin, amendment.value.id, 'accepted')).ok);
  assert.equal((await platform.panels.castVote(a, recommendationId, 'yes')).ok, false, 'no vote before voting opens');
  assert.ok((await platform.panels.openVoting(admin, recommendationId)).ok);
  assert.ok((await platform.panels.castVote(a, recommendationId, 'yes')).ok);
  const twice = await platform.panels.castVote(a, recommendationId, 'no');
  assert.deepEqual(!twice.ok && twice.fields?.map((f) => f.message), ['panels.vote.already']);
  assert.equal((await platform.panels.castVote(admin, recommendationId, 'yes')).ok, false, 'staff do not vote');
  assert.ok((await platform.panels.castVote(b, recommendationId, 'yes')).ok);
  assert.ok((await platform.panels.castVote(c, recommendationId, 'yes')).ok);
  assert.ok((await platform.panels.castVote(d, recommendationId, 'abstain')).ok);
  // Four of ten members voted: short of the default quorum (two thirds of 10, rounded up: 7), nothing is decided.
  const short = await platform.panels.closeVoting(admin, recommendationId);
  assert.deepEqual(short.ok && short.value, { adopted: false, decided: false, voted: 4, members: 10, quorum: 7 });
  const badQuorum = await platform.panels.setQuorum(admin, panelId, '11');
  assert.deepEqual(!badQuorum.ok && badQuorum.fields?.map((f) => [f.field, f.message, f.params?.size]), [['quorum', 'panels.quorum.range', 10]]);
  assert.ok((await platform.panels.setQuorum(admin, panelId, '3')).ok);
  // Opened again, the votes cast stay; closed against the panel's own quorum of 3.
  assert.ok((await platform.panels.openVoting(admin, recommendationId)).ok);
  const closed = await platform.panels.closeVoting(admin, recommendationId);
  assert.deepEqual(closed.ok && closed.value, { adopted: true, decided: true, voted: 4, members: 10, quorum: 3 });
  // A second recommendation with 2 of 3 (67 %) is below 80 %.
  const second = await platform.panels.draftRecommendation(b, panelId, { title: 'Bompenger', body: 'Høyere bompenger i rushtiden.' });
  assert.ok(second.ok);
  assert.ok((await platform.panels.openVoting(admin, second.value.id)).ok);
  for (const [actor, choice] of [[a, 'yes'], [b, 'yes'], [c, 'no']] as const) assert.ok((await platform.panels.castVote(actor, second.value.id, choice)).ok);
  assert.deepEqual((await platform.panels.closeVoting(admin, second.value.id)).ok && true, true);
  const report = await platform.panels.report(a, panelId);
  assert.ok(report.ok);
  assert.deepEqual(report.value.recommendations.map((r) => [r.status, r.yes_votes, r.no_votes, r.abstentions, r.approval, r.body]), [
    ['adopted', 3, 0, 1, 100, 'Bussen bør være gratis for alle under 20.'],
    ['not_adopted', 2, 1, 0, 67, 'Høyere bompenger i rushtiden.'],
  ]);
  assert.equal((await platform.panels.report(null, panelId)).ok, false, 'the report is private until published');
  assert.ok((await platform.panels.follow(resident, panelId, true)).ok);
  assert.ok((await platform.panels.publishReport(admin, panelId)).ok);
  assert.ok((await platform.panels.reportPdf(null, panelId, 'sv')).ok);
  assert.ok(mailer.sent.some((m) => m.to === 'follower@example.no' && m.text.includes(`/panels/${panelId}/report`)));
});

test('response: the decision-maker answers; the public page shows it without names unless members agree', async () => {
  const bad = await platform.panels.answerRecommendation(decisionMaker, recommendationId, { decision: 'rejected', reasons: '', decidedOn: '2027-05-02', progressPercent: '40', progressNote: '' });
  assert.deepEqual(!bad.ok && bad.fields?.map((f) => f.field), ['reasons', 'progressPercent']);
  assert.equal((await platform.panels.answerRecommendation(resident, recommendationId, { decision: 'accepted', reasons: 'Ja', decidedOn: '2027-05-02', progressPercent: '', progressNote: '' })).ok, false);
  const answered = await platform.panels.answerRecommendation(decisionMaker, recommendationId, { decision: 'partly_accepted', reasons: 'Gratis for elever fra høsten.', decidedOn: '2027-05-02', progressPercent: '25', progressNote: 'Avtale med busselskapet' });
  assert.ok(answered.ok);
  assert.ok(mailer.sent.some((m) => m.to === 'follower@example.no' && m.subject.includes('Klimapanelet') && m.text.includes(`/panels/${panelId}`)));
  let page = await platform.panels.publicPanel(null, panelId);
  assert.ok(page.ok);
  assert.deepEqual(page.value.names, []);
  assert.equal(page.value.memberCount, 10);
  assert.equal(page.value.method.invitationSeed, 'Kommunestyret 2026-11-23');
  assert.equal(page.value.method.publicSeed, '7 12 19 33');
  assert.ok(page.value.method.hash && page.value.method.drawnIndex !== null);
  assert.deepEqual(page.value.recommendations[0]?.answer, { decision: 'partly_accepted', reasons: 'Gratis for elever fra høsten.', decidedOn: '2027-05-02', progress: 25, progressNote: 'Avtale med busselskapet' });
  assert.equal(JSON.stringify(page.value).includes('kari@example.no'), false);
  assert.ok((await platform.panels.setPublicName(memberActors[0]!, panelId, 'Kari N.')).ok);
  page = await platform.panels.publicPanel(null, panelId);
  assert.ok(page.ok);
  assert.deepEqual(page.value.names, ['Kari N.']);
});

test('the pool is deleted on its date by the scheduled job; members keep their pseudonymous seats', async () => {
  assert.equal(await platform.panels.purgeExpiredPools(), 0);
  now = new Date('2027-07-01T10:00:00Z');
  assert.equal(await platform.panels.purgeExpiredPools(), 1);
  assert.equal((await platform.db.selectFrom('panel_contacts').select('email').execute()).length, 0);
  assert.equal((await platform.db.selectFrom('panel_register').select('id').execute()).length, 0);
  assert.equal((await platform.db.selectFrom('panel_invitations').select('id').execute()).length, 0);
  const left = await platform.db.selectFrom('panel_respondents').select('status').where('panel_id', '=', panelId).execute();
  assert.ok(left.length >= 10 && left.every((r) => r.status !== 'pool'));
  const page = await platform.panels.publicPanel(null, panelId);
  assert.ok(page.ok && page.value.memberCount === 10 && page.value.recommendations.length === 2);
  assert.ok((await platform.audit.forSubject('panel', panelId)).some((a) => a.action === 'panel.pool_deleted'));
  // The public record of the draw outlives the pool's personal data: its pseudonymous pool was kept.
  const record = await platform.panels.lotteryRecord(panelId);
  assert.ok(record.ok && record.value.pool.length === 42 && verifyRecord(record.value).ok);
});
