// Issue 21, part 1 in a browser: the administrator's census page refuses a file with a wrong total by its
// line (the demo census stays in use); a process manager sees who is missing against the census, sets the
// outreach thresholds, gets the alert naming the missing group in a sentence, follows its targeted-letters
// action to a round aimed at that group, draws it and downloads the letters. axe checks every page; the
// pages fit a 360 px phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, fitsPhone, launchBrowser, sessionOf, signedInContext, nb } from './browser.ts';

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
  await fitsPhone(page, name, `census-${name}`);
}

test('the census page refuses a file with a wrong total, naming its line, and keeps the census in use', async () => {
  const context = await signedInContext(browser, server, 'admin@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/admin`);
  await page.getByRole('link', { name: nb('censusAdmin.link') }).click();
  await page.waitForURL(/\/admin\/census$/);
  assert.match(await page.locator('main').innerText(), /19\s?400/);
  await check(page, 'admin');
  await page.fill('#field-pasted', ['område;alder;kjønn;personer', 'Sentrum;16-29;Kvinner;10', 'Sentrum;16-29;Menn;12', 'Sentrum;I alt;I alt;23'].join('\n'));
  await page.getByRole('button', { name: nb('censusAdmin.import') }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Linje 4: totalen sier 23, men radene den dekker \(linje 2–3\) blir til sammen 22\./);
  await assertAccessible(page, 'admin-refused');
  const current = await server.platform.census.currentCensus({ id: 'x', roles: ['administrator'] });
  assert.ok(current.ok);
  assert.equal(current.value?.population, 19_400, 'the demo census is still in use');
  await context.close();
});

test('an outreach alert names the missing group and leads to invitation letters aimed at it', async () => {
  const manager = await sessionOf(server, 'prosess@demo.tingsted.no');
  const today = server.platform.processes.today();
  const process = await server.platform.processes.ensureProcess({
    slug: 'hvem-mangler',
    status: 'published',
    title: { nb: 'Ny plan for Nordbyen' },
    summary: { nb: 'Hva skal Nordbyen bli?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Idéer' }, startsOn: today, endsOn: '2099-12-31' },
      { method: 'panel', title: { nb: 'Innbyggerpanel' }, startsOn: today, endsOn: '2099-12-31' },
    ],
  });
  const ideasPhase = process.phaseIds[0] ?? '';
  // Participants in proportion to the demo census (one per ~320 residents), except that nobody young from Nordbyen came.
  const census = await server.platform.census.currentCensus(manager);
  assert.ok(census.ok && census.value);
  const cells = await server.platform.db.selectFrom('census_cells').select(['area', 'age', 'population']).where('census_id', '=', census.value.id).execute();
  const byGroup = new Map<string, number>();
  for (const c of cells) byGroup.set(`${c.area}|${c.age}`, (byGroup.get(`${c.area}|${c.age}`) ?? 0) + c.population);
  const year = new Date().getUTCFullYear();
  const ageOf: Record<string, number> = { '0–15': 12, '16–29': 22, '30–44': 38, '45–66': 55, '67+': 75 };
  let n = 0;
  for (const [key, people] of byGroup) {
    const [area, age] = key.split('|') as [string, string];
    if (area === 'Nordbyen' && age === '16–29') continue;
    for (let i = 0; i < Math.round(people / 320); i++) {
      const id = await server.platform.accounts.ensureUser({ email: `deltaker${n++}@example.no`, displayName: `Deltaker ${n}`, password: null, roles: ['resident'] });
      assert.ok((await server.platform.accounts.updateResidentProfile({ id, roles: ['resident'] }, { area, birthYear: String(year - (ageOf[age] ?? 40)) })).ok);
      await server.platform.ideas.importIdea({ phaseId: ideasPhase, authorId: id, title: `Idé ${n} for Nordbyen`, body: 'Mer grønt.' });
    }
  }
  // A young resident of Nordbyen who told the platform so, and has not taken part: the reminder reaches her.
  const young = await server.platform.accounts.ensureUser({ email: 'ung.nordbyen@example.no', displayName: 'Ung i Nordbyen', password: null, roles: ['resident'] });
  assert.ok((await server.platform.accounts.updateResidentProfile({ id: young, roles: ['resident'] }, { area: 'Nordbyen', birthYear: String(year - 19) })).ok);
  // The panel's register: people in every area and age band.
  const created = await server.platform.panels.createPanel(manager, process.id, { title: 'Nordbyenpanelet', locale: 'nb' });
  assert.ok(created.ok);
  const p = server.platform.panels;
  assert.ok((await p.updateSetup(manager, created.value.id, { title: 'Nordbyenpanelet', size: '8', householdRule: '', approvalPercent: '60', endsOn: '2099-03-31', deletePoolOn: '2099-06-30', consentText: 'Vi lagrer svarene dine til panelet er ferdig.' })).ok);
  const register = ['id,name,address,postcode,area,age_band,sex'];
  const areas = ['Sentrum', 'Nordbyen', 'Elvebakken'];
  const bands = ['16-29', '30-44', '45-66'];
  for (let i = 0; i < 540; i++) register.push(`R${i},Innbygger ${i},Nordveien ${i},${9000 + (i % 50)},${areas[i % 3]},${bands[Math.floor(i / 3) % 3]},${i % 2 ? 'Kvinne' : 'Mann'}`);
  assert.ok((await p.importRegister(manager, created.value.id, register.join('\n'))).ok);

  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${process.id}`);
  await page.getByRole('link', { name: nb('representation.link') }).click();
  await page.waitForURL(/\/representation$/);
  assert.equal(await page.locator('.outreach-alert').count(), 0, 'no alert before the manager sets thresholds');
  // The charts are images named in words, with the numbers in tables beside them.
  assert.ok((await page.locator('svg.representation-chart[role="img"]').count()) > 0);
  assert.ok((await page.locator('main').innerText()).includes(nb('representation.notAsked', { count: n })), 'sex is in the census but never asked: all are "not given"');
  await check(page, 'representation');

  await page.fill('#field-maxRatio', '0,5');
  await page.fill('#field-minExpected', '1');
  await page.getByRole('button', { name: nb('representation.saveThresholds') }).click();
  const alert = page.locator('.outreach-alert');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /Personer 16–29 i Nordbyen: 0 deltakere, \d+ forventet\./);
  await check(page, 'alert');

  const letters = page.getByRole('link', { name: /Målrettede invitasjonsbrev/ });
  await letters.click();
  await page.waitForURL(/\/panel\/rounds\?area=Nordbyen&ageBand=16%E2%80%9329&letters=\d+/);
  assert.ok((await page.locator('main').innerText()).includes(nb('representation.roundAimed', { group: '16–29, Nordbyen' })));
  const rows = await page.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ name: tr.querySelector('th')?.textContent?.trim() ?? '', count: Number((tr.querySelector('input[name^="count."]') as HTMLInputElement | null)?.value ?? 0) })),
  );
  const aimed = rows.filter((r) => r.count > 0);
  assert.ok(aimed.length > 0 && aimed.every((r) => r.name.includes('Nordbyen') && r.name.includes('16-29')), JSON.stringify(aimed));
  await check(page, 'rounds-aimed');

  await page.fill('#field-seed', 'Nordbyen 16-29');
  await page.fill('#field-contactName', 'Per Prosess');
  await page.fill('#field-contactPhone', '+47 22 00 00 00');
  await page.fill('#field-contactEmail', 'prosess@demo.tingsted.no');
  await page.getByRole('button', { name: nb('panels.rounds.draw', { round: 1 }) }).click();
  await page.locator('.error-summary, [role="status"]').first().waitFor();
  assert.equal(await page.locator('.error-summary').count(), 0, await page.locator('main').innerText());
  const invited = await server.platform.db
    .selectFrom('panel_invitations')
    .innerJoin('panel_register', 'panel_register.id', 'panel_invitations.register_id')
    .select(['panel_register.area', 'panel_register.age_band'])
    .where('panel_invitations.panel_id', '=', created.value.id)
    .execute();
  assert.equal(invited.length, aimed.reduce((sum, r) => sum + r.count, 0));
  assert.ok(invited.every((r) => r.area === 'Nordbyen' && r.age_band === '16-29'), 'every letter goes to the missing group');
  const pdf = await (await context.request.get(`${server.url}/manage/${process.id}/panel/rounds/1/letters.pdf?lang=nb`)).body();
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

  // Back on the alert: the reminder to the group's registered residents who have not taken part.
  await page.goto(`${server.url}/manage/${process.id}/representation`);
  await page.getByRole('button', { name: nb('representation.actionReminder', { count: 1 }) }).click();
  await page.getByRole('status').filter({ hasText: nb('representation.reminderDone', { count: 1 }) }).waitFor();
  assert.ok((await page.locator('.outreach-alert').innerText()).includes('Påminnelse sendt'), 'the alert says the reminder went, and offers it no more');
  await check(page, 'reminded');
  await context.close();
});
