// The story of issue 16 in a browser, from the staff's side: a manager designs the ballot and the budgets, makes
// projects from residents' ideas and directly, and reviews them (one not eligible, with its public reason); three
// residents vote (one without JavaScript, one trying to go over the budget); a clerk enters a paper batch (a wrong
// line is listed by number first) and a second staff member confirms it; a malformed spreadsheet is refused line
// by line; the vote closes, the manager publishes the results, the public results explain each project and a
// voter sees what their ballot funded; the manager moves a winner along. axe checks every page; phone width too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { SessionUser } from '@tingsted/platform';
import { formatMoney } from '../apps/web/src/lib/budgeting/money.ts';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, assertAccessibleWithoutJs, launchBrowser, screenshot, signedInContext, dayFrom, fitsPhone as phoneCheck, sessionOf as sessionFor, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
const slug = 'bydelsbudsjett-fjordby';
let processId = '';
let phaseId = '';
let manager: SessionUser;
let kari: SessionUser;
const ideas: Record<string, string> = {};
const project: Record<string, { id: string; number: number }> = {};
let citywide = '';
const workspace = () => `${server.url}/manage/${processId}/budgeting/${phaseId}`;
const ballotUrl = () => `${server.url}/processes/${slug}/budgeting/${phaseId}?budget=${citywide}`;

const day = (offset: number) => dayFrom(server, offset);

const sessionOf = (email: string) => sessionFor(server, email);

async function check(page: Page, name: string, options: { javaScriptOff?: boolean } = {}) {
  if (options.javaScriptOff) await assertAccessibleWithoutJs(page, name);
  else await assertAccessible(page, name);
  await screenshot(page, `budgeting-story-${name}`);
}

const fitsPhone = (page: Page, name: string) => phoneCheck(page, name, `budgeting-story-${name}`);

/** Submits a form of the page and waits for the notice it answers with. */
async function submit(page: Page, action: string, notice: string) {
  await page.click(`form[action="${action}"] button[type="submit"]`);
  await page.getByRole('status').filter({ hasText: notice }).waitFor();
}

const citywideBallots = async () => {
  const result = await server.platform.budgeting.budgetingResults(manager, { phaseId, budgetId: citywide });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
};

before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  manager = await sessionOf('prosess@demo.tingsted.no');
  const created = await server.platform.processes.ensureProcess({
    slug,
    status: 'published',
    title: { nb: 'Bydelsbudsjett for Fjordby' },
    summary: { nb: 'Innbyggerne bestemmer hva en million kroner skal brukes til.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Idéer' }, startsOn: day(-30), endsOn: day(-2) },
      { method: 'budgeting', title: { nb: 'Avstemning' }, startsOn: day(-1), endsOn: day(20) },
    ],
  });
  processId = created.id;
  const [ideasPhase, budgeting] = created.phaseIds;
  phaseId = budgeting ?? '';
  kari = await sessionOf('kari@demo.tingsted.no');
  const ola = await sessionOf('ola@demo.tingsted.no');
  for (const [key, author, title, body] of [
    ['pier', kari, 'Badebrygge i Fjordparken', 'En brygge der alle kan bade, også de som bruker rullestol.'],
    ['lights', ola, 'Lys på turstien', 'Turstien langs fjorden er mørk om vinteren.'],
  ] as const) {
    ideas[key] = await server.platform.ideas.importIdea({ phaseId: ideasPhase ?? '', authorId: author.id, title, body });
  }
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a manager designs the ballot and adds a citywide and a district budget', async () => {
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${processId}/phases`);
  await page.click(`a[href="/manage/${processId}/budgeting/${phaseId}"]`);
  await page.waitForURL(workspace());
  await page.check('#kind-basket');
  await page.check('#rule-mes-add1');
  await page.fill('#field-maxProjects', '3');
  await page.fill('#field-minProjects', '4');
  // The fewest above the most is refused, naming the field; nothing changes.
  await page.click('form[action="?/design"] button[type="submit"]');
  await page.waitForSelector('#field-maxProjects-error');
  await page.fill('#field-minProjects', '1');
  await submit(page, '?/design', nb('budgeting.manage.design.saved'));
  const design = await server.platform.budgeting.budgetingOf(manager, { phaseId });
  assert.ok(design.ok);
  assert.deepEqual([design.value.design.ballotKind, design.value.design.rule, design.value.design.minProjects, design.value.design.maxProjects], ['basket', 'mes-add1', 1, 3]);

  await page.fill('#field-budgetName', 'Hele Fjordby');
  await page.fill('#field-amount', '0');
  await page.click('form[action="?/addBudget"] button[type="submit"]');
  await page.waitForSelector('#field-amount-error');
  await check(page, 'design-refused');
  await page.fill('#field-amount', '1000000');
  await submit(page, '?/addBudget', nb('budgeting.manage.budget.added'));
  await page.fill('#field-budgetName', 'Sentrum');
  await page.selectOption('#field-area', 'Sentrum');
  await page.fill('#field-amount', '300000');
  await submit(page, '?/addBudget', nb('budgeting.manage.budget.added'));
  const budgets = await server.platform.budgeting.budgetingOf(manager, { phaseId });
  assert.ok(budgets.ok);
  const rows = budgets.value.budgets.map((b) => `${b.name.nb} ${b.area ?? '–'} ${b.amount}`).sort((a, b) => a.localeCompare(b));
  assert.deepEqual(rows, ['Hele Fjordby – 1000000', 'Sentrum Sentrum 300000']);
  citywide = budgets.value.budgets.find((b) => b.area === null)?.id ?? '';
  assert.ok(citywide);
  await check(page, 'design');
  await fitsPhone(page, 'design');
  await context.close();
});

test('the manager makes projects from ideas and directly, and reviews each; one is not eligible, with a public reason', async () => {
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${workspace()}/projects`);
  await page.click(`a[href="/manage/${processId}/budgeting/${phaseId}/projects"][aria-current="page"]`);
  const create = async (key: string, fields: { idea?: string; title?: string; cost: string; costMin?: string; costMax?: string }) => {
    await page.selectOption('#field-budgetId', citywide);
    if (fields.idea) await page.check(`input[name="ideaIds"][value="${fields.idea}"]`);
    await page.fill('#field-title', fields.title ?? '');
    await page.fill('#field-cost', fields.cost);
    await page.fill('#field-costMin', fields.costMin ?? '');
    await page.fill('#field-costMax', fields.costMax ?? '');
    await page.click('form[action="?/create"] button[type="submit"]');
    await page.getByRole('status').waitFor();
    const view = await server.platform.budgeting.budgetingOf(manager, { phaseId });
    assert.ok(view.ok);
    const made = view.value.projects.at(-1);
    assert.ok(made);
    project[key] = { id: made.id, number: made.number };
    assert.equal(await page.textContent('[role="status"]'), nb('budgeting.manage.project.created', { number: made.number }));
  };
  // A project costs something: zero is refused, naming the field.
  await page.fill('#field-title', 'Gratis');
  await page.fill('#field-cost', '0');
  await page.click('form[action="?/create"] button[type="submit"]');
  await page.waitForSelector('#field-cost-error');
  await check(page, 'project-refused');
  await create('pier', { idea: ideas.pier ?? '', cost: '600000', costMin: '550000', costMax: '700000' });
  await create('lights', { idea: ideas.lights ?? '', cost: '350000' });
  await create('benches', { title: 'Benker langs fjorden', cost: '150000' });
  await create('pool', { title: 'Ny svømmehall', cost: '900000' });
  const view = await server.platform.budgeting.budgetingOf(manager, { phaseId });
  assert.ok(view.ok);
  const pier = view.value.projects.find((p) => p.id === project.pier?.id);
  assert.deepEqual([pier?.title.nb, pier?.ideaIds, pier?.costMin, pier?.costMax, pier?.review.state], ['Badebrygge i Fjordparken', [ideas.pier], 550_000, 700_000, 'pending']);
  assert.deepEqual(view.value.projects.map((p) => p.number), [1, 2, 3, 4]);
  await check(page, 'projects');
  await fitsPhone(page, 'projects');

  for (const key of ['pier', 'lights', 'benches', 'pool']) {
    await page.goto(`${workspace()}/projects/${project[key]?.id}`);
    if (key === 'pool') {
      await page.check('input[name="state"][value="ineligible"]');
      // Not eligible without a reason is refused.
      await page.click('form[action="?/review"] button[type="submit"]');
      await page.waitForSelector('#field-reason-error');
      await page.fill('#field-reason', 'Kommunen bygger ikke svømmehaller i denne ordningen.');
    } else {
      await page.check('input[name="state"][value="eligible"]');
      await page.fill('#field-costCheckedBy', 'Bygg og eiendom');
      await page.fill('#field-costCheckedOn', day(-1));
    }
    await submit(page, '?/review', nb('budgeting.manage.review.saved'));
    if (key === 'pier') {
      assert.equal(await page.locator(`a[href="/processes/${slug}/ideas/${ideas.pier}"]`).count(), 1, 'the idea it came from');
      // An image of the project's own: refused without alt text (naming the field), then added and shown.
      const sketch = { name: 'skisse.png', mimeType: 'image/png', buffer: await page.screenshot({ clip: { x: 0, y: 0, width: 160, height: 90 } }) };
      await page.setInputFiles('#field-file', sketch);
      await page.click('form[action="?/addImage"] button[type="submit"]');
      await page.waitForSelector('#field-altText-error');
      await page.setInputFiles('#field-file', sketch);
      await page.fill('#field-altText', 'Skisse av brygga');
      await submit(page, '?/addImage', nb('budgeting.manage.images.added'));
      assert.equal(await page.locator('.images img[alt="Skisse av brygga"]').count(), 1);
      assert.equal(await page.getByRole('button', { name: nb('budgeting.manage.images.remove', { alt: 'Skisse av brygga' }) }).count(), 1);
      await check(page, 'project-reviewed');
      await fitsPhone(page, 'project');
    }
  }
  const reviewed = await server.platform.budgeting.budgetingOf(manager, { phaseId });
  assert.ok(reviewed.ok);
  assert.deepEqual(reviewed.value.projects.map((p) => p.review.state), ['eligible', 'eligible', 'eligible', 'ineligible']);
  assert.equal(reviewed.value.projects[3]?.review.reason.nb, 'Kommunen bygger ikke svømmehaller i denne ordningen.');
  assert.equal(reviewed.value.projects[0]?.review.costCheckedBy, 'Bygg og eiendom');
  await context.close();
});

test('three residents vote: one with JavaScript, one without, one trying to go over the budget', async () => {
  const add = (key: string) => `button[formaction^="?/add"][value="${project[key]?.id}"]`;
  const remove = (key: string) => `button[formaction^="?/remove"][value="${project[key]?.id}"]`;
  const cast = '.basket button[type="submit"]:not([formaction])';

  const withJs = await signedInContext(browser, server, 'kari@demo.tingsted.no');
  const page = await withJs.newPage();
  await page.goto(ballotUrl());
  await page.waitForSelector('form[data-live="true"]');
  assert.ok(!((await page.textContent('main')) ?? '').includes('Ny svømmehall'), 'a project not eligible is not on the ballot');
  await page.click(add('pier'));
  await page.click(add('benches'));
  await page.click(cast);
  await page.waitForURL(/cast=1/);
  assert.match((await page.textContent('#receipt code')) ?? '', /^[A-Z0-9]{10}$/);
  await withJs.close();

  const ola = await signedInContext(browser, server, 'ola@demo.tingsted.no', { javaScript: false });
  const noJs = await ola.newPage();
  await noJs.goto(ballotUrl());
  await noJs.click(add('lights'));
  await noJs.waitForSelector(remove('lights'));
  await noJs.click(add('benches'));
  await noJs.waitForSelector(remove('benches'));
  await noJs.click(cast);
  await noJs.waitForURL(/cast=1/);
  await check(noJs, 'receipt-no-js', { javaScriptOff: true });
  await ola.close();

  const sara = await signedInContext(browser, server, 'sara@demo.tingsted.no');
  const over = await sara.newPage();
  await over.goto(ballotUrl());
  await over.waitForSelector('form[data-live="true"]');
  await over.click(add('pier'));
  await over.click(add('lights'));
  // 600 000 + 350 000 fits; the benches would make it 1 100 000: refused, naming the field.
  await over.click(add('benches'));
  await over.waitForSelector('.error-summary');
  assert.equal(await over.getAttribute('.error-summary a', 'href'), '#field-projects');
  assert.equal(await over.locator(remove('benches')).count(), 0);
  await over.click(cast);
  await over.waitForURL(/cast=1/);
  await sara.close();

  const counted = await citywideBallots();
  assert.equal(counted.ballots, 3);
});

test('a clerk enters a paper batch; a second staff member confirms it before it counts; a bad spreadsheet is refused line by line', async () => {
  // The clerk's forms work without JavaScript, the file upload too.
  const clerk = await signedInContext(browser, server, 'prosess@demo.tingsted.no', { javaScript: false });
  const page = await clerk.newPage();
  await page.goto(`${workspace()}/ballots`);
  const [pier, lights, benches, pool] = ['pier', 'lights', 'benches', 'pool'].map((k) => project[k]?.number ?? 0);
  await page.selectOption('#field-budgetId', citywide);
  await page.fill('#field-label', 'Biblioteket, konvolutt 1');
  // Line 2 names a project not on the ballot, line 3 goes over the budget: both listed, nothing stored.
  await page.fill('#field-ballots', [`${pier} ${benches}`, `${pool}`, `${pier} ${lights} ${benches}`, `${lights}`].join('\n'));
  await page.click('form[action="?/paper"] button[type="submit"]');
  await page.waitForSelector('.error-summary');
  const problems = (await page.locator('#errors-heading + ul li').allTextContents()).join('\n');
  assert.match(problems, /\b2\b/);
  assert.match(problems, /\b3\b/);
  assert.equal(await page.locator('.batches > li').count(), 0, 'nothing stored');
  await check(page, 'paper-refused', { javaScriptOff: true });
  await page.fill('#field-ballots', [`${pier} ${benches}`, `${lights}, ${benches}`, `${pier}`, `${lights}`, `${benches}`].join('\n'));
  await submit(page, '?/paper', nb('budgeting.manage.ballots.entered', { count: 5 }));
  assert.ok(((await page.textContent('.batches')) ?? '').includes(nb('budgeting.manage.ballots.waiting')));
  assert.equal(await page.locator('form[action="?/confirm"]').count(), 0, 'the clerk cannot confirm their own batch');
  assert.equal((await citywideBallots()).ballots, 3, 'not counted before it is confirmed');

  await page.setInputFiles('#field-csvFile', { name: 'stemmer.csv', mimeType: 'text/csv', buffer: Buffer.from(`voter_id;vote\nA1;${pier}\nA2;99\nA1;${lights}\n`) });
  await page.fill('#field-csvLabel', 'Regneark fra skolen');
  await page.click('form[action="?/csv"] button[type="submit"]');
  await page.waitForSelector('.error-summary');
  const csvProblems = (await page.locator('#errors-heading + ul li').allTextContents()).join('\n') || ((await page.textContent('#field-csvFile-error')) ?? '');
  assert.match(csvProblems, /\b3\b/, 'the voter listed twice is named by line');
  await check(page, 'csv-refused', { javaScriptOff: true });
  await fitsPhone(page, 'ballots');
  await clerk.close();

  const second = await signedInContext(browser, server, 'admin@demo.tingsted.no');
  const confirm = await second.newPage();
  await confirm.goto(`${workspace()}/ballots`);
  await confirm.click('form[action="?/confirm"] button');
  await confirm.getByRole('status').filter({ hasText: nb('budgeting.manage.ballots.confirmedNotice') }).waitFor();
  assert.equal((await citywideBallots()).ballots, 8, 'three online and five on paper');
  await check(confirm, 'batch-confirmed');
  await second.close();
});

test('staff preview the results; after the vote closes the manager publishes them and moves a winner along', async () => {
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${workspace()}/results`);
  assert.equal(await page.locator('form[action="?/publish"]').count(), 0, 'no publishing while the vote is open');
  const section = page.locator(`section[aria-labelledby="result-${citywide}"]`);
  const preview = await citywideBallots();
  assert.ok(((await section.textContent()) ?? '').includes(nb('budgeting.manage.results.summary', { ballots: 8, spent: formatMoney(preview.cost, 'NOK', 'nb') })));
  assert.equal(await section.locator('tbody tr').count(), 3, 'each project on the ballot, by both rules');
  await check(page, 'results-preview');
  await fitsPhone(page, 'results-preview');

  // The vote closes: it ended yesterday (the process pages cache a phase's dates for two seconds).
  await server.platform.db.updateTable('phases').set({ starts_on: day(-10), ends_on: day(-1) }).where('id', '=', phaseId).execute();
  await new Promise((resolve) => setTimeout(resolve, 2100));
  await page.goto(`${workspace()}/results`);
  await page.click('form[action="?/publish"] button');
  await page.getByRole('status').filter({ hasText: nb('budgeting.manage.results.publishedNotice', { count: 2 }) }).waitFor();
  const published = await citywideBallots();
  assert.ok(published.publishedAt);
  const winner = published.selected[0];
  assert.ok(winner);

  await page.goto(`${workspace()}/projects/${winner.id}`);
  await page.selectOption('#field-status', 'accepted');
  await page.fill('#field-answer', 'Arbeidet starter i mai.');
  await submit(page, '?/update', nb('budgeting.manage.delivery.saved'));
  await page.fill('#field-milestone', 'Anbudet er lyst ut');
  await page.fill('#field-happenedOn', day(0));
  await page.fill('#field-progressPercent', '10');
  await submit(page, '?/update', nb('budgeting.manage.delivery.saved'));
  assert.equal(await page.locator('.updates li').count(), 2);
  await check(page, 'delivery');
  await context.close();
});

test('the public results explain each project, and a voter sees what their ballot funded', async () => {
  const context = await signedInContext(browser, server, 'kari@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/processes/${slug}/budgeting/${phaseId}/results`);
  const section = page.locator(`section[aria-labelledby="budget-${citywide}"]`);
  const text = (await section.textContent()) ?? '';
  assert.ok(text.includes(nb('pb.results.why')));
  assert.equal(await section.locator('.why > li').count(), 3, 'a reason for each project on the ballot');
  const mine = await server.platform.budgeting.myBallot(kari, { phaseId });
  assert.ok(mine.ok);
  const funded = mine.value.budgets.find((b) => b.budgetId === citywide)?.funded ?? [];
  assert.ok(funded.length > 0, 'Kari’s ballot helped fund something');
  const yours = ((await section.locator('.panel', { hasText: nb('pb.results.yourBallot') }).textContent()) ?? '');
  for (const f of funded) assert.ok(yours.includes(f.title.nb ?? ''), f.title.nb);
  await check(page, 'public-results');
  // Her own page says the same: the ballot, its code, and what it helped fund.
  await page.goto(`${server.url}/account/ballots`);
  const own = (await page.locator('section.ballot', { hasText: 'Hele Fjordby – Bydelsbudsjett for Fjordby' }).textContent()) ?? '';
  assert.ok(own.includes(nb('pb.results.yourBallot')), own);
  for (const f of funded) assert.ok(own.includes(f.title.nb ?? ''), f.title.nb);
  await check(page, 'own-ballots');
  const notes = await server.platform.notifications.listFor(kari, 'nb');
  assert.ok(notes.length > 0, 'Kari is told about the results and the delivery');
  await context.close();
});
