// Issue 18, part 4 in a browser: an administrator (the role, not the panel's creator) opens the panel's
// "members and decisions" page and registers someone on the phone through the assisted form (without
// JavaScript, a refused form naming every field first); members confirmed by staff vote in the workspace;
// a vote short of the quorum shows "not decided" with the votes against the quorum in the workspace and on
// the published report. axe checks every page; screenshots are kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, launchBrowser, newContext, screenshot, sessionOf, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
before(async () => {
  server = await startTestServer({ web: true, jobs: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function check(page: Page, name: string) {
  await assertAccessible(page, name);
  await screenshot(page, `panel-members-${name}`);
}

let processId = '';
let panelId = '';
let codes: string[] = [];

test('an administrator registers someone on the phone; the refused form names every field first', async () => {
  const manager = await sessionOf(server, 'prosess@demo.tingsted.no');
  const process = await server.platform.processes.ensureProcess({
    slug: 'panel-medlemmer',
    status: 'published',
    title: { nb: 'Panel om parkene' },
    summary: { nb: 'Et innbyggerpanel om parkene.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'panel', title: { nb: 'Innbyggerpanel' }, startsOn: server.platform.processes.today(), endsOn: '2099-12-31' }],
  });
  processId = process.id;
  const created = await server.platform.panels.createPanel(manager, processId, { title: 'Parkpanelet', locale: 'nb' });
  assert.ok(created.ok);
  panelId = created.value.id;
  const p = server.platform.panels;
  assert.ok((await p.updateSetup(manager, panelId, { title: 'Parkpanelet', size: '4', householdRule: '', approvalPercent: '60', endsOn: '2099-03-31', deletePoolOn: '2099-06-30', consentText: 'Vi lagrer svarene dine til panelet er ferdig.' })).ok);
  assert.ok((await p.setQuotas(manager, panelId, 'category,value,min,max\nKjønn,Kvinne,0,4\nKjønn,Mann,0,4')).ok);
  const register = ['id,name,address,postcode', ...Array.from({ length: 20 }, (_, i) => `R${i},Innbygger ${i},Parkveien ${i},${9000 + i}`)].join('\n');
  assert.ok((await p.importRegister(manager, panelId, register)).ok);
  assert.ok((await p.drawInvitations(manager, panelId, { count: '12', seed: 'park', stratify: '' })).ok);
  codes = (await server.platform.db.selectFrom('panel_invitations').select('code').where('panel_id', '=', panelId).orderBy('position').execute()).map((r) => r.code);

  // Ada is an administrator by role; she did not start the panel and is not named on it.
  const context = await signedInContext(browser, server, 'admin@demo.tingsted.no');
  const page = await context.newPage();
  const staff = await page.goto(`${server.url}/manage/${processId}/panel`);
  assert.equal(staff?.status(), 200);
  await page.getByRole('link', { name: nb('panelMembers.link') }).click();
  await page.waitForURL(/\/panel\/members$/);
  await check(page, 'page');
  await page.getByRole('link', { name: nb('panelMembers.assistedLink') }).click();
  await page.waitForURL(/\/panel\/assisted$/);
  await check(page, 'assisted');

  // Without JavaScript: a form with only a name is refused, every problem named, nothing written.
  const plain = await signedInContext(browser, server, 'admin@demo.tingsted.no', { javaScript: false });
  const noJs = await plain.newPage();
  await noJs.goto(`${server.url}/manage/${processId}/panel/assisted`);
  await noJs.fill('#field-name', 'Åse Telefon');
  await noJs.click('form.assisted button[type="submit"]');
  const summary = noJs.locator('.error-summary, [role="alert"]').first();
  await summary.waitFor();
  const text = await summary.innerText();
  for (const message of [nb('field.required'), nb('panels.assisted.consentRequired'), nb('panels.assisted.contactRequired')]) assert.ok(text.includes(message), `${message} in ${text}`);
  assert.equal(await noJs.inputValue('#field-name'), 'Åse Telefon', 'the typed name is kept');
  // axe needs JavaScript in the page: the refused form is checked with it below.
  await screenshot(noJs, 'panel-members-assisted-refused');
  assert.equal((await server.platform.db.selectFrom('panel_respondents').select('id').where('panel_id', '=', panelId).execute()).length, 0);
  await plain.close();

  // With JavaScript: refused the same way (checked by axe), then the person on the phone is registered;
  // Ada is recorded as the one who entered it.
  await page.fill('#field-name', 'Åse Telefon');
  await page.click('form.assisted button[type="submit"]');
  await page.locator('.error-summary').waitFor();
  await check(page, 'assisted-refused-js');
  await page.check('input[name="channel"][value="phone"]');
  await page.fill('#field-code', codes[0] ?? '');
  await page.check('#field-consent');
  await page.check('#field-q0');
  await page.fill('#field-name', 'Åse Telefon');
  await page.fill('#field-phone', '+47 400 00 001');
  await page.click('form.assisted button[type="submit"]');
  await page.getByRole('status').filter({ hasText: nb('panelMembers.assisted.done', { number: 1 }) }).waitFor();
  await check(page, 'assisted-done');
  const row = await server.platform.db.selectFrom('panel_respondents').select(['channel', 'entered_by']).where('panel_id', '=', panelId).executeTakeFirstOrThrow();
  assert.deepEqual(row, { channel: 'phone', entered_by: (await sessionOf(server, 'admin@demo.tingsted.no')).id });
  await context.close();
});

test('members confirmed by staff vote; a vote short of the quorum is shown as not decided, with the count', async () => {
  const manager = await sessionOf(server, 'prosess@demo.tingsted.no');
  const p = server.platform.panels;
  for (let i = 1; i < 4; i++) {
    const registered = await p.registerRespondent(panelId, { code: codes[i], consent: 'on', answers: { Kjønn: i % 2 === 0 ? 'Kvinne' : 'Mann' }, name: `Medlem ${i}`, email: `medlem${i}@example.no`, phone: '' });
    assert.ok(registered.ok);
  }
  // The lottery is tested elsewhere: put the four on the panel directly.
  await server.platform.db.updateTable('panel_respondents').set({ status: 'selected', selected_at: new Date() }).where('panel_id', '=', panelId).execute();
  await server.platform.db.updateTable('panels').set({ drawn_at: new Date() }).where('id', '=', panelId).execute();
  for (const [number, email] of [[1, 'kari@demo.tingsted.no'], [2, 'ola@demo.tingsted.no'], [3, 'sara@demo.tingsted.no']] as const) {
    assert.ok((await p.confirmByStaff(manager, panelId, number, email)).ok);
  }
  const kari = await sessionOf(server, 'kari@demo.tingsted.no');
  const ola = await sessionOf(server, 'ola@demo.tingsted.no');
  const rec = await p.draftRecommendation(kari, panelId, { title: 'Flere benker i parken', body: 'Sett ut benker ved dammen.' });
  assert.ok(rec.ok);
  assert.ok((await p.openVoting(manager, rec.value.id)).ok);

  // Kari (confirmed by staff, her account linked) votes on the page.
  const context = await signedInContext(browser, server, 'kari@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/panels/${panelId}/workspace`);
  await page.check('input[name="choice"][value="yes"]');
  await page.click('form[action="?/vote"] button');
  await page.getByRole('status').waitFor();
  assert.ok((await p.castVote(ola, rec.value.id, 'yes')).ok);
  // Two of four voted, the default quorum is three: not decided, however many said yes.
  const closed = await p.closeVoting(manager, rec.value.id);
  assert.deepEqual(closed.ok && closed.value, { adopted: false, decided: false, voted: 2, members: 4, quorum: 3 });
  await page.goto(`${server.url}/panels/${panelId}/workspace`);
  const article = page.locator('article.recommendation').first();
  assert.ok((await article.innerText()).includes(nb('panels.rec.status.no_quorum')));
  assert.ok((await article.innerText()).includes(nb('panels.rec.quorum', { voted: 2, members: 4, quorum: 3 })));
  assert.ok(!(await article.innerText()).includes(nb('panels.rec.status.adopted') + ' '), 'never "adopted"');
  await check(page, 'workspace-no-quorum');
  await context.close();

  // The published report says the same to everyone.
  assert.ok((await p.publishReport(manager, panelId)).ok);
  const visitor = await newContext(browser);
  const report = await visitor.newPage();
  await report.goto(`${server.url}/panels/${panelId}/report`);
  const body = await report.locator('main').innerText();
  assert.ok(body.includes(nb('panels.rec.status.no_quorum')) && body.includes(nb('panels.rec.quorum', { voted: 2, members: 4, quorum: 3 })), body);
  await check(report, 'report-no-quorum');
  await visitor.close();
});
