// The story of issue 7 in a browser: a manager sets up a citizens' panel (census figures, quotas, a session),
// imports the register, draws the invitations and prints the letters; invitees register with their codes
// (one with JavaScript off, and a code used twice is refused); the selection runs as a job, the draw is
// announced a day ahead (refused sooner), refused before the seed's time, drawn with the source's value and
// checked with `tingsted-sortition verify` from the record downloaded from the public page; a member confirms by the e-mailed link, another is replaced; the members
// draft, amend and vote in their workspace; the report is published; the decision-maker answers and the
// public page shows it. axe checks every page on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { demoPassword } from '@tingsted/platform';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyRecord, type LotteryRecord } from '@tingsted/sortition';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { linkIn } from '../apps/server/src/testing/smtp.ts';
import { letTimePass, osloWallClock } from '../apps/server/src/testing/panels.ts';
import { assertAccessible, assertAccessibleWithoutJs, launchBrowser, newContext, screenshot, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
before(async () => {
  server = await startTestServer({ web: true, jobs: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function check(page: Page, name: string, options: { javaScriptOff?: boolean } = {}) {
  if (options.javaScriptOff) await assertAccessibleWithoutJs(page, name);
  else await assertAccessible(page, name);
  await screenshot(page, `panel-${name}`);
}

/** `tingsted-sortition verify RECORD.json`, as anyone would run it: its exit code and output. */
function verifyCli(recordPath: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = fileURLToPath(new URL('../packages/sortition/bin/tingsted-sortition.js', import.meta.url));
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'verify', recordPath], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let processId = '';
let panelId = '';
const areas = ['Sentrum', 'Nord', 'Sør'];

function registerCsv(rows: number): string {
  const lines = ['id,name,address,postcode,city,area'];
  for (let i = 1; i <= rows; i++) lines.push(`R${i},Innbygger ${i},Fjordgata ${i},${9000 + (i % 20)},Tromsø,${areas[i % 3]}`);
  return lines.join('\n');
}

test('a manager sets up the panel, imports census figures and the register, and draws the invitations', async () => {
  const manager = await server.platform.accounts.signIn({ email: 'prosess@demo.tingsted.no', password: demoPassword });
  assert.ok(manager.ok);
  const created = await server.platform.processes.ensureProcess({
    slug: 'klimapanel-tromso',
    status: 'published',
    title: { nb: 'Klimapanel for Tromsø' },
    summary: { nb: 'Et innbyggerpanel gir råd om klimaplanen.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.value.userId,
    phases: [{ method: 'panel', title: { nb: 'Innbyggerpanel' }, startsOn: server.platform.processes.today(), endsOn: '2099-12-31' }],
  });
  processId = created.id;

  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${processId}/panel`);
  await check(page, 'staff-create');
  await page.fill('#field-title', 'Klimapanelet');
  await page.click('form[action="?/create"] button');
  await page.waitForSelector('form[action="?/setup"]');
  panelId = (await server.platform.panels.panelOfProcess(processId))?.id ?? '';
  assert.ok(panelId);

  await page.fill('#field-size', '6');
  await page.fill('#field-deletePoolOn', '2099-12-31');
  await page.click('form[action="?/setup"] button[type="submit"]');
  await page.getByRole('status').waitFor();

  await page.setInputFiles('#field-census', { name: 'census.csv', mimeType: 'text/csv', buffer: Buffer.from('category,value,population\nKjønn,Kvinne,38000\nKjønn,Mann,39000\nAlder,16–44,40000\nAlder,45+,37000\n') });
  await page.click('form[action="?/census"] button');
  await page.getByRole('status').waitFor();
  assert.match(await page.inputValue('#field-quotas'), /Kjønn,Kvinne,\d,\d/);
  // Widen the suggested quotas a little for a small pool.
  await page.fill('#field-quotas', 'category,value,min,max\nKjønn,Kvinne,2,4\nKjønn,Mann,2,4\nAlder,16–44,2,4\nAlder,45+,2,4');
  await page.click('form[action="?/quotas"] button');
  await page.getByRole('status').waitFor();

  await page.fill('#field-sessionTitle', 'Første samling');
  await page.fill('#field-startsAt', '2099-01-10T10:00');
  await page.fill('#field-endsAt', '2099-01-10T16:00');
  await page.fill('#field-place', 'Rådhuset');
  await page.click('form[action="?/session"] button');
  await page.getByRole('status').waitFor();

  // A register with a bad row: the line is named and nothing is imported.
  await page.setInputFiles('#field-register', { name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name,address,postcode\nR1,Kari,Fjordgata 1,9008\nR2,,Fjordgata 2,9008\n') });
  await page.click('form[action="?/register"] button');
  await page.waitForSelector('.error-summary');
  assert.match((await page.textContent('.error-summary')) ?? '', /3/);
  await check(page, 'staff-register-refused');
  await page.setInputFiles('#field-register', { name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(registerCsv(300)) });
  await page.click('form[action="?/register"] button');
  await page.getByRole('status').waitFor();
  assert.match((await page.textContent('[role="status"]')) ?? '', /300/);

  await page.fill('#field-count', '60');
  await page.fill('#field-seed', 'Bystyret 2026');
  await page.check('input[name="stratify"]');
  await page.click('form[action="?/invite"] button');
  await page.getByRole('status').waitFor();
  await check(page, 'staff-invited');

  const download = await page.request.get(`${server.url}/manage/${processId}/panel/letters.pdf?lang=nb`);
  assert.equal(download.status(), 200);
  assert.equal(download.headers()['content-type'], 'application/pdf');
  assert.match((await download.body()).subarray(0, 8).toString('latin1'), /^%PDF-/);
  await context.close();
});

async function codes(): Promise<string[]> {
  const rows = await server.platform.db.selectFrom('panel_invitations').select('code').where('panel_id', '=', panelId).orderBy('position').execute();
  return rows.map((r) => r.code);
}

test('invitees register with their codes; a code works once (JavaScript off)', async () => {
  const [first] = await codes();
  assert.ok(first);
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/panels/${panelId}/register`);
  await check(page, 'register-code', { javaScriptOff: true });
  await page.fill('#field-code', first.toLowerCase());
  await page.click('main form button');
  await page.waitForSelector('#field-consent');
  await check(page, 'register-form', { javaScriptOff: true });
  await page.click('form[action="?/register"] button');
  await page.waitForSelector('.error-summary');
  assert.match((await page.textContent('.error-summary')) ?? '', new RegExp(nb('panels.register.consentRequired').slice(0, 20)));
  await page.check('#field-consent');
  await page.check('input[name="q0"][value="Kvinne"]');
  await page.check('input[name="q1"][value="16–44"]');
  await page.fill('#field-name', 'Kari Fjordgata');
  await page.fill('#field-email', 'kari.panel@example.no');
  await page.click('form[action="?/register"] button');
  await page.waitForSelector('[role="status"]');
  await check(page, 'register-thanks', { javaScriptOff: true });

  // The same code again.
  await page.goto(`${server.url}/panels/${panelId}/register?code=${encodeURIComponent(first)}`);
  assert.match((await page.textContent('#field-code-error')) ?? '', new RegExp(nb('panels.code.used').slice(0, 20)));
  await check(page, 'register-code-used', { javaScriptOff: true });
  await context.close();

  // Twenty-nine more register (through the service, as the form above would), evenly over the four profiles.
  const all = await codes();
  for (let i = 1; i < 30; i++) {
    const result = await server.platform.panels.registerRespondent(panelId, {
      code: all[i],
      consent: 'on',
      answers: { Kjønn: i % 2 === 0 ? 'Kvinne' : 'Mann', Alder: i % 4 < 2 ? '45+' : '16–44' },
      name: `Deltaker ${i}`,
      email: `deltaker${i}@example.no`,
      phone: '',
    });
    assert.ok(result.ok);
  }
});

let members: { email: string; link: string }[] = [];

test('the selection runs as a job; the draw is announced a day ahead, refused early, drawn with the source’s value and checked from the downloaded record', async () => {
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  // The pool with contact details: the panel's administrator sees it, and the look is audited.
  await page.goto(`${server.url}/manage/${processId}/panel/pool`);
  assert.match((await page.textContent('main')) ?? '', /kari\.panel@example\.no/);
  await check(page, 'pool');
  assert.ok((await server.platform.audit.forSubject('panel', panelId)).some((a) => a.action === 'panel.pool_viewed'));
  await page.goto(`${server.url}/manage/${processId}/panel`);
  await page.click('form[action="?/select"] button');
  // The page refreshes itself while the job runs.
  await page.waitForSelector('form[action="?/announce"]', { timeout: 60_000 });
  await check(page, 'staff-selection-ready');

  // Announce: a source whose value does not exist yet; a time sooner than a day ahead is refused, nothing lost.
  const source = 'Lotto (Norsk Tipping), vinnertallene lørdag';
  await page.fill('#field-seedSource', source);
  await page.fill('#field-seedNotBefore', osloWallClock(3));
  await page.click('form[action="?/announce"] button');
  await page.waitForSelector('#field-seedNotBefore-error');
  assert.match((await page.textContent('#field-seedNotBefore-error')) ?? '', new RegExp(nb('panels.announce.tooSoon', { earliest: 'X' }).split(' (')[0] ?? ''));
  assert.equal(await page.inputValue('#field-seedSource'), source, 'what was typed stays');
  await check(page, 'staff-announce-refused');
  await page.fill('#field-seedNotBefore', osloWallClock(26));
  await page.click('form[action="?/announce"] button');
  await page.waitForSelector('form[action="?/draw"]');
  assert.ok(((await page.textContent('main')) ?? '').includes(source));

  // The public page explains the announced draw before it happens and links its record.
  const anonymous = await newContext(browser);
  const publicPage = await anonymous.newPage();
  await publicPage.goto(`${server.url}/panels/${panelId}`);
  const announcedText = (await publicPage.textContent('#draw')) ?? '';
  assert.match(announcedText, new RegExp(nb('panels.public.announced.waiting')));
  assert.ok(announcedText.includes(source));
  await check(publicPage, 'public-announced');

  // Too early: refused with the source and its time named; no one is drawn.
  await page.fill('#field-seedValue', '4 8 15 16 23 42');
  await page.click('form[action="?/draw"] button');
  await page.waitForSelector('#field-seedValue-error');
  assert.match((await page.textContent('#field-seedValue-error')) ?? '', /For tidlig/);
  assert.equal((await server.platform.db.selectFrom('panel_respondents').select('id').where('panel_id', '=', panelId).where('status', '=', 'selected').execute()).length, 0);
  await check(page, 'staff-draw-too-early');

  // A day later (the test moves the announcement and the seed's time back): the value is entered once.
  await letTimePass(server, panelId, 27);
  await page.goto(`${server.url}/manage/${processId}/panel`);
  await page.fill('#field-seedValue', '4 8 15 16 23 42');
  await page.click('form[action="?/draw"] button');
  await page.getByRole('status').waitFor();
  await check(page, 'staff-drawn');
  const again = await server.platform.panels.drawPanel({ id: (await server.platform.db.selectFrom('panel_staff').select('user_id').where('panel_id', '=', panelId).executeTakeFirstOrThrow()).user_id, roles: ['process_manager'] }, panelId, '1 2 3');
  assert.deepEqual(!again.ok && again.fields?.map((f) => f.message), ['panels.draw.valueDiffers']);

  // Anyone downloads the record from the public page and checks it with the command-line tool.
  await publicPage.goto(`${server.url}/panels/${panelId}`);
  assert.match((await publicPage.textContent('#draw')) ?? '', /4 8 15 16 23 42/);
  const [download] = await Promise.all([publicPage.waitForEvent('download'), publicPage.click('#draw a[href$="lottery.json"]')]);
  const folder = mkdtempSync(join(tmpdir(), 'tingsted-record-'));
  const recordPath = join(folder, 'lottery-record.json');
  await download.saveAs(recordPath);
  const verified = await verifyCli(recordPath);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, /the record checks out: the same panel/);
  // A record with another seed value is not the same panel: exit 1 and the first difference.
  const record = JSON.parse(readFileSync(recordPath, 'utf8')) as { seed: { value: string } };
  record.seed.value = '4 8 15 16 23 43';
  const tampered = join(folder, 'tampered.json');
  writeFileSync(tampered, JSON.stringify(record));
  const refused = await verifyCli(tampered);
  assert.equal(refused.code, 1);
  assert.match(refused.stdout, /DIFFERENT: seed "4 8 15 16 23 43" gives index/);
  await publicPage.setViewportSize({ width: 360, height: 800 });
  await screenshot(publicPage, 'panel-public-announced-phone');
  await anonymous.close();
  const drawn = await server.platform.db.selectFrom('panel_respondents').innerJoin('panel_contacts', 'panel_contacts.respondent_id', 'panel_respondents.id').select(['email']).where('panel_id', '=', panelId).where('status', '=', 'selected').execute();
  assert.equal(drawn.length, 6);
  members = [];
  for (const { email } of drawn) {
    const mail = await server.mail.waitFor(email, (m) => m.text.includes('/confirm?token='));
    members.push({ email, link: linkIn(mail).href });
  }
  await context.close();
});

test('members confirm by link; one is confirmed by staff, another replaced keeping the quotas', async () => {
  for (const [i, member] of members.entries()) {
    await server.platform.accounts.ensureUser({ email: member.email, displayName: `Medlem ${i + 1}`, password: demoPassword, roles: ['resident'] });
  }
  const first = members[0]!;
  const context = await signedInContext(browser, server, first.email);
  const page = await context.newPage();
  await page.goto(first.link);
  await check(page, 'confirm');
  await page.click('main form button');
  await page.waitForURL(/\/workspace$/);
  await context.close();
  for (const member of members.slice(1, 4)) {
    const session = await server.platform.accounts.signIn({ email: member.email, password: demoPassword });
    assert.ok(session.ok);
    const token = new URL(member.link).searchParams.get('token');
    assert.ok((await server.platform.panels.confirmSeat({ id: session.value.userId, roles: ['resident'] }, panelId, token)).ok);
  }

  const staff = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const manage = await staff.newPage();
  await manage.goto(`${server.url}/manage/${processId}/panel`);
  const leaving = await server.platform.db.selectFrom('panel_respondents').innerJoin('panel_contacts', 'panel_contacts.respondent_id', 'panel_respondents.id').select(['number']).where('panel_id', '=', panelId).where('email', '=', members[5]!.email).executeTakeFirstOrThrow();
  await manage.fill('#field-number', String(leaving.number));
  await manage.fill('#field-reason', 'Flyttet fra kommunen');
  await manage.click('form[action="?/replace"] button');
  await manage.waitForSelector('[role="status"], .error-summary');
  assert.equal(await manage.$('.error-summary'), null, `${(await manage.textContent('.error-summary').catch(() => '')) ?? ''}\n${server.logs.filter((l) => l.includes('replacement')).join('\n')}`);
  assert.match((await manage.textContent('[role="status"]')) ?? '', new RegExp(`${leaving.number}`));
  await check(manage, 'staff-replaced');
  await staff.close();
});

test('in the workspace members draft, amend and vote; each votes once; the report is published', async () => {
  const manager = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const staffPage = await manager.newPage();
  await staffPage.goto(`${server.url}/panels/${panelId}/workspace`);
  await staffPage.selectOption('#field-kind', 'presentation');
  await staffPage.fill('#field-itemTitle', 'Klimagassregnskapet for Tromsø');
  await staffPage.fill('#field-source', 'Professor Nilsen, UiT');
  await staffPage.click('form[action="?/item"] button:has-text("' + nb('panels.workspace.add') + '")');
  await staffPage.getByRole('status').waitFor();

  const memberContext = await signedInContext(browser, server, members[0]!.email);
  const page = await memberContext.newPage();
  await page.goto(`${server.url}/panels/${panelId}/workspace`);
  await page.fill('#field-recTitle', 'Gratis buss for unge');
  await page.fill('#field-recBody', 'Bussen bør være gratis for alle under 20 år.');
  await page.click('form[action="?/recommend"] button');
  await page.getByRole('status').waitFor();
  await page.fill('#field-smallGroup', 'Gruppe A');
  await page.fill('#field-itemTitle', 'Transport');
  await page.fill('#field-note-body', 'Gruppen vil ha flere bussavganger.');
  await page.click('form[action="?/item"] button');
  await page.getByRole('status').waitFor();
  await check(page, 'workspace-member');

  await staffPage.reload();
  await staffPage.click('form[action="?/open"] button');
  await staffPage.getByRole('status').waitFor();

  await page.reload();
  await page.check('input[name="choice"][value="yes"]');
  await page.click('form[action="?/vote"] button');
  await page.getByRole('status').waitFor();
  assert.match((await page.textContent('main')) ?? '', new RegExp(nb('panels.vote.yours', { choice: nb('panels.vote.yes') })));
  await check(page, 'workspace-voted');
  const recommendation = await server.platform.db.selectFrom('panel_recommendations').select('id').where('panel_id', '=', panelId).executeTakeFirstOrThrow();
  // Voting twice is refused and changes nothing.
  const memberSession = await server.platform.accounts.signIn({ email: members[0]!.email, password: demoPassword });
  assert.ok(memberSession.ok);
  const twice = await server.platform.panels.castVote({ id: memberSession.value.userId, roles: ['resident'] }, recommendation.id, 'no');
  assert.deepEqual(!twice.ok && twice.fields?.map((f) => f.message), ['panels.vote.already']);
  for (const member of members.slice(1, 4)) {
    const session = await server.platform.accounts.signIn({ email: member.email, password: demoPassword });
    assert.ok(session.ok);
    assert.ok((await server.platform.panels.castVote({ id: session.value.userId, roles: ['resident'] }, recommendation.id, 'yes')).ok);
  }
  await staffPage.reload();
  await staffPage.click('form[action="?/close"] button');
  await staffPage.getByRole('status').waitFor();
  await staffPage.click('form[action="?/publish"] button');
  await staffPage.getByRole('status').waitFor();
  await check(staffPage, 'workspace-published');
  await staffPage.goto(`${server.url}/panels/${panelId}/report`);
  await check(staffPage, 'report');
  await manager.close();
  await memberContext.close();
});

test('the decision-maker answers; the public page shows the answer, and members hear about it', async () => {
  const context = await signedInContext(browser, server, 'ordforer@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/panels/${panelId}/respond`);
  await check(page, 'respond');
  await page.check('input[name="decision"][value="partly_accepted"]');
  await page.fill('textarea[name="reasons"]', 'Bystyret innfører gratis buss for elever fra høsten.');
  await page.fill('input[name="progressPercent"]', '30');
  await page.click('form[action="?/answer"] button');
  await page.getByRole('status').waitFor();
  await context.close();
  await server.mail.waitFor(members[0]!.email, (m) => m.subject.includes('Klimapanelet') && m.text.includes(`/panels/${panelId}`));

  const anonymous = await newContext(browser);
  const publicPage = await anonymous.newPage();
  await publicPage.goto(`${server.url}/panels/${panelId}`);
  const text = (await publicPage.textContent('main')) ?? '';
  assert.match(text, /Bystyret innfører gratis buss/);
  assert.match(text, new RegExp(nb('panels.decision.partly_accepted')));
  assert.match(text, /4 8 15 16 23 42/);
  assert.doesNotMatch(text, /Kari Fjordgata|example\.no/);
  await check(publicPage, 'public');
  // The same record over the API, and the published list verifies the draw.
  const api = (await (await fetch(`${server.url}/api/v1/panels/${panelId}`)).json()) as { names: string[]; memberCount: number; method: { hash: string; publicSeed: string }; recommendations: { answer: { decision: string } | null }[] };
  assert.deepEqual(api.names, []);
  assert.equal(api.memberCount, 6);
  assert.equal(api.recommendations[0]?.answer?.decision, 'partly_accepted');
  const record = (await (await fetch(`${server.url}/api/v1/panels/${panelId}/lottery`)).json()) as LotteryRecord;
  assert.deepEqual([record.seed.value, record.lottery.hash], [api.method.publicSeed, api.method.hash]);
  const verification = verifyRecord(record);
  assert.equal(verification.ok, true, !verification.ok ? verification.difference : '');
  await publicPage.setViewportSize({ width: 360, height: 800 });
  await screenshot(publicPage, 'panel-public-phone');
  await anonymous.close();
});
