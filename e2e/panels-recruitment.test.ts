// Issue 18, part 3 in a browser: staff open the panel's invitation rounds, ask for a first round (numbers
// proposed per stratum), are refused by name when a stratum has too few people, draw the round and download
// its letters; a resident follows the letter's short address /p/<code> without JavaScript and registers; an
// unknown code is refused by field. axe checks every page; the pages fit a 360 px phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, assertAccessibleWithoutJs, fitsPhone, launchBrowser, newContext, screenshot, sessionOf, signedInContext, nb } from './browser.ts';

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
  await fitsPhone(page, name, `panel-recruitment-${name}`);
}

let processId = '';
let panelId = '';

test('staff draw a stratified first round with a reserve and download its letters', async () => {
  const manager = await sessionOf(server, 'prosess@demo.tingsted.no');
  const process = await server.platform.processes.ensureProcess({
    slug: 'panel-runder',
    status: 'published',
    title: { nb: 'Panel om torget' },
    summary: { nb: 'Et innbyggerpanel om torget.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'panel', title: { nb: 'Innbyggerpanel' }, startsOn: server.platform.processes.today(), endsOn: '2099-12-31' }],
  });
  processId = process.id;
  const created = await server.platform.panels.createPanel(manager, processId, { title: 'Torgpanelet', locale: 'nb' });
  assert.ok(created.ok);
  panelId = created.value.id;
  const p = server.platform.panels;
  assert.ok((await p.updateSetup(manager, panelId, { title: 'Torgpanelet', size: '4', householdRule: '', approvalPercent: '60', endsOn: '2099-03-31', deletePoolOn: '2099-06-30', consentText: 'Vi lagrer svarene dine til panelet er ferdig.' })).ok);
  assert.ok((await p.setQuotas(manager, panelId, 'category,value,min,max\nBydel,Nord,1,3\nBydel,Sør,1,3')).ok);
  const register = ['id,name,address,postcode,area,sex', ...Array.from({ length: 40 }, (_, i) => `R${i},Innbygger ${i},Torgveien ${i},${9000 + i},${i < 30 ? 'Nord' : 'Sør'},${i % 2 === 0 ? 'Kvinne' : 'Mann'}`)].join('\n');
  assert.ok((await p.importRegister(manager, panelId, register)).ok);

  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${processId}/panel`);
  await page.getByRole('link', { name: nb('panels.rounds.link') }).click();
  await page.waitForURL(/\/panel\/rounds$/);
  await page.fill('#field-letters', '8');
  await page.fill('#field-reserve', '4');
  await page.getByRole('button', { name: nb('panels.rounds.propose') }).click();
  await page.waitForURL(/letters=8/);
  // Nord has three quarters of the register: 6 of the 8 letters.
  const proposed = await page.locator('input[name^="count."]').evaluateAll((inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)));
  assert.equal(proposed.reduce((a, b) => a + b, 0), 8);
  await check(page, 'rounds');

  // Asking more of a stratum than it has is refused by name; nothing is drawn.
  await page.fill('#field-count\\.0', '99');
  await page.getByRole('button', { name: nb('panels.rounds.draw', { round: 1 }) }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Nord \/ Kvinne/);
  assert.equal((await server.platform.db.selectFrom('panel_invitations').select('id').where('panel_id', '=', panelId).execute()).length, 0);
  await assertAccessible(page, 'rounds-refused');

  await page.fill('#field-count\\.0', String(proposed[0]));
  await page.fill('#field-seed', 'Torget 2027');
  await page.fill('#field-contactName', 'Kari Nordmann');
  await page.fill('#field-contactPhone', '+47 22 00 00 00');
  await page.fill('#field-contactEmail', 'panel@demo.tingsted.no');
  await page.getByRole('button', { name: nb('panels.rounds.draw', { round: 1 }) }).click();
  await page.getByRole('status').filter({ hasText: nb('panels.rounds.drawn', { round: 1, invited: 8, reserve: 4, seed: 'Torget 2027' }) }).waitFor();
  await check(page, 'rounds-drawn');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: nb('panels.rounds.lettersPdf', { round: 1 }) }).click();
  const pdf = await download;
  assert.match(pdf.suggestedFilename(), /invitations-round-1\.pdf/);
  const bytes = await (await context.request.get(`${server.url}/manage/${processId}/panel/rounds/1/letters.pdf?lang=nb`)).body();
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  await context.close();
});

test('a resident follows the short address without JavaScript and registers; an unknown code is refused', async () => {
  const code = (await server.platform.db.selectFrom('panel_invitations').select('code').where('panel_id', '=', panelId).where('reserve', '=', false).orderBy('position').executeTakeFirstOrThrow()).code;
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/p/ZZZZ-ZZZZ`);
  assert.ok((await page.locator('#field-code-error').innerText()).includes(nb('panels.code.unknown')));
  await assertAccessibleWithoutJs(page, 'short-unknown');
  await fitsPhone(page, 'short-unknown', 'panel-recruitment-short-unknown');
  // Typed by hand (lower case, a space for the dash) it is found too.
  await page.fill('#field-code', code.toLowerCase().replace('-', ' '));
  await page.getByRole('button', { name: nb('panels.register.continue') }).click();
  await page.waitForURL(new RegExp(`/panels/${panelId}/register\\?code=`));
  assert.ok((await page.locator('body').innerText()).includes(nb('panels.register.codeOk', { code })));
  await page.goto(`${server.url}/p/${code}`);
  await page.waitForURL(new RegExp(`/panels/${panelId}/register\\?code=`));
  await assertAccessibleWithoutJs(page, 'short-register');
  await fitsPhone(page, 'short-register', 'panel-recruitment-register');
  await page.check('#field-consent');
  await page.check('#field-q0');
  await page.fill('#field-name', 'Åse Torget');
  await page.fill('#field-email', 'ase.torget@example.no');
  await page.getByRole('button', { name: nb('panels.register.submit') }).click();
  await page.getByRole('heading', { name: nb('panels.register.thanks') }).waitFor();
  await screenshot(page, 'panel-recruitment-registered');
  const row = await server.platform.db.selectFrom('panel_respondents').select(['answers']).where('panel_id', '=', panelId).executeTakeFirstOrThrow();
  assert.deepEqual(row.answers, { Bydel: 'Nord' });
  await context.close();
});

test('the demo panel shows its two invitation rounds: a stratified first with a reserve, a second aimed at the missing groups', async () => {
  const bathing = await server.platform.processes.getProcess(null, 'ny-badeplass');
  assert.ok(bathing.ok);
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${bathing.value.id}/panel/rounds`);
  const drawn = page.locator('section[aria-labelledby="rounds-heading"]');
  await drawn.waitFor();
  assert.deepEqual(await drawn.locator('h3').allInnerTexts(), [`${nb('panels.rounds.round')} 1`, `${nb('panels.rounds.round')} 2`]);
  const summaries = await drawn.locator('p').filter({ hasText: /«Bystyremøtet/ }).allInnerTexts();
  assert.equal(summaries.length, 2);
  // Round 1: 48 letters and 12 in reserve (4 of them since invited); round 2 aimed at the young, with a reserve.
  assert.match(summaries[0] ?? '', /^48 brev og 12 i reserve, frø «Bystyremøtet 12. mars»/);
  assert.match(summaries[1] ?? '', /^\d+ brev og [1-9]\d* i reserve, frø «Bystyremøtet 9. april»/);
  // Registered against each quota's minimum, per category.
  assert.deepEqual(await page.locator('section[aria-labelledby="quotas-heading"] caption').allInnerTexts(), ['Kjønn', 'Alder', 'Bydel']);
  await check(page, 'demo-rounds');
  await context.close();
});
