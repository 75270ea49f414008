// The residents' side of participatory budgeting (issue 16) in a browser: a visitor reads the projects and is
// asked to sign in; a resident fills a basket with JavaScript (the remaining budget changes in place and is
// announced), casts it, gets a receipt and changes the ballot; another does the same with JavaScript off (the
// server keeps the basket); a third tries to go over the budget in both ways and nothing is stored; the phase
// closes, the results show the announced rule beside the other one with reasons, and each voter sees what their
// ballot funded; a project page shows its review, source idea and delivery. axe checks every page; phone width.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { SessionUser } from '@tingsted/platform';
import { formatMoney } from '../apps/web/src/lib/budgeting/money.ts';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, assertAccessibleWithoutJs, launchBrowser, newContext, screenshot, signedInContext, dayFrom, fitsPhone as phoneCheck, sessionOf as sessionFor, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
const kr = (amount: number) => formatMoney(amount, 'NOK', 'nb');
const slug = 'nabolagsbudsjett-2027';
let phaseId = '';
let ballotUrl = '';
let manager: SessionUser;
const project: Record<string, string> = {};
let citywide = '';

const day = (offset: number) => dayFrom(server, offset);

const sessionOf = (email: string) => sessionFor(server, email);

async function check(page: Page, name: string, options: { javaScriptOff?: boolean } = {}) {
  if (options.javaScriptOff) await assertAccessibleWithoutJs(page, name);
  else await assertAccessible(page, name);
  await screenshot(page, `budgeting-${name}`);
}

const fitsPhone = (page: Page, name: string) => phoneCheck(page, name, `budgeting-${name}`);

/** A citizen's ballot in the citywide budget as stored: the ids of its projects, or null when none. */
async function storedBallot(email: string): Promise<string[] | null> {
  const mine = await server.platform.budgeting.myBallot(await sessionOf(email), { phaseId });
  assert.ok(mine.ok);
  const receipt = mine.value.budgets.find((b) => b.budgetId === citywide)?.receipt ?? null;
  return receipt ? receipt.projects.map((p) => p.id).sort((a, b) => a.localeCompare(b)) : null;
}

const sorted = (...keys: string[]) => keys.map((k) => project[k] ?? '').sort((a, b) => a.localeCompare(b));
const addButton = (key: string) => `button[formaction^="?/add"][value="${project[key]}"]`;
const removeButton = (key: string) => `button[formaction^="?/remove"][value="${project[key]}"]`;
const status = (page: Page) => page.textContent('.basket p.status');

before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  manager = await sessionOf('prosess@demo.tingsted.no');
  const process = await server.platform.processes.ensureProcess({
    slug,
    status: 'published',
    title: { nb: 'Nabolagsbudsjett 2027' },
    summary: { nb: 'Innbyggerne bestemmer hva en million kroner skal brukes til.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Forslag' }, startsOn: day(-20), endsOn: day(30) },
      { method: 'budgeting', title: { nb: 'Avstemning' }, startsOn: day(-1), endsOn: day(30) },
    ],
  });
  const [ideasPhase, budgeting] = process.phaseIds;
  phaseId = budgeting ?? '';
  ballotUrl = `${server.url}/processes/${slug}/budgeting/${phaseId}`;
  const ola = await sessionOf('ola@demo.tingsted.no');
  const idea = await server.platform.ideas.postIdea(ola, { phaseId: ideasPhase ?? '', title: 'Flere benker langs elva', body: 'Det er langt mellom hvilestedene.' });
  assert.ok(idea.ok);
  const ideaId = idea.value.id;
  project.idea = ideaId;

  const budget = async (name: string, amount: number, area: string | null) => {
    const made = await server.platform.budgeting.addBudget(manager, { phaseId, name, locale: 'nb', area, amount });
    assert.ok(made.ok, JSON.stringify(made));
    return made.value.id;
  };
  citywide = await budget('Hele byen', 1_000_000, null);
  const sentrum = await budget('Sentrum', 300_000, 'Sentrum');
  const projects: [string, string, number, string, Partial<{ costMin: number; costMax: number; ideaIds: string[] }>][] = [
    ['benches', 'Benker langs elva', 200_000, citywide, { costMin: 180_000, costMax: 240_000, ideaIds: [ideaId] }],
    ['lights', 'Lys i lysløypa', 450_000, citywide, {}],
    ['playground', 'Ny lekeplass i parken', 600_000, citywide, {}],
    ['bikes', 'Sykkelparkering ved stasjonen', 300_000, citywide, {}],
    ['pool', 'Ny svømmehall', 900_000, citywide, {}],
    ['turf', 'Kunstgress på løkka', 250_000, citywide, {}],
    ['flowers', 'Blomster på torget', 100_000, sentrum, {}],
  ];
  for (const [key, title, cost, budgetId, more] of projects) {
    const made = await server.platform.budgeting.createProject(manager, { phaseId, budgetId, title, description: `**${title}**: et forslag fra innbyggerne.`, locale: 'nb', cost, area: budgetId === sentrum ? 'Sentrum' : null, category: 'Friluft', ...more });
    assert.ok(made.ok, JSON.stringify(made));
    project[key] = made.value.id;
    if (key === 'turf') continue; // left waiting for its review: not on the ballot
    const reviewed = await server.platform.budgeting.reviewProject(
      manager,
      key === 'pool'
        ? { projectId: made.value.id, state: 'ineligible', reason: 'Kommunen bygger ikke svømmehaller i denne ordningen.', locale: 'nb' }
        : { projectId: made.value.id, state: 'eligible', costCheckedBy: 'Bydelskontoret', costCheckedOn: day(-2) },
    );
    assert.ok(reviewed.ok, JSON.stringify(reviewed));
  }
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a visitor finds the ballot from the process page, sees the eligible projects and is asked to sign in', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/processes/${slug}`);
  await page.click(`a[href="/processes/${slug}/budgeting/${phaseId}"]`);
  await page.waitForURL(ballotUrl);
  const main = (await page.textContent('main')) ?? '';
  for (const title of ['Benker langs elva', 'Lys i lysløypa', 'Ny lekeplass i parken', 'Sykkelparkering ved stasjonen']) assert.ok(main.includes(title), title);
  assert.ok(!main.includes('Ny svømmehall'), 'a project found not eligible is not on the ballot');
  assert.ok(!main.includes('Kunstgress'), 'a project waiting for its review is not on the ballot');
  assert.ok(main.includes(formatMoney(200_000, 'NOK', 'nb')));
  assert.equal(await page.locator(`a[href^="/sign-in?returnTo="]`).filter({ hasText: nb('pb.ballot.signIn') }).count(), 1);
  assert.equal(await page.locator('button[formaction^="?/add"]').count(), 0, 'no voting without signing in');
  await check(page, 'ballot-visitor');
  await fitsPhone(page, 'ballot-visitor');
  await context.close();
});

test('a resident fills the basket with JavaScript: the remaining budget changes in place; going over is refused; the receipt shows the code', async () => {
  const context = await signedInContext(browser, server, 'kari@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(ballotUrl);
  await page.waitForSelector('form[data-live="true"]');
  // Kari lives in Sentrum: she may vote in the citywide budget and in Sentrum's.
  assert.equal(await page.locator('.budgets li', { hasText: nb('pb.ballot.mayVote') }).count(), 2);
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page.click(addButton('benches'));
  await page.click(addButton('lights'));
  assert.equal(await status(page), nb('pb.ballot.remaining', { count: 2, total: kr(650_000), remaining: kr(350_000), amount: kr(1_000_000) }));
  assert.equal(await page.getAttribute('.basket p.status', 'aria-live'), 'polite');
  // The playground (600 000) does not fit in what is left: refused in the page, naming the field.
  await page.click(addButton('playground'));
  await page.waitForSelector('.error-summary');
  assert.equal(await page.textContent('#field-projects-error'), nb('pb.ballot.overBudget', { title: 'Ny lekeplass i parken', over: kr(250_000) }));
  assert.equal(await page.getAttribute('.error-summary a', 'href'), '#field-projects');
  assert.equal(await page.locator(removeButton('playground')).count(), 0);
  assert.equal(await page.textContent(`#project-${project.playground} .error`), await page.textContent('#field-projects-error'), 'the refused project says why too');
  assert.equal(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), true, 'no page load: the basket changed in place');
  await check(page, 'ballot-js-refused');
  await fitsPhone(page, 'ballot-basket');

  await page.click(removeButton('lights'));
  await page.click(addButton('bikes'));
  assert.equal(await status(page), nb('pb.ballot.remaining', { count: 2, total: kr(500_000), remaining: kr(500_000), amount: kr(1_000_000) }));
  await page.click('.basket button[type="submit"]:not([formaction])');
  await page.waitForURL(/cast=1/);
  const code = (await page.textContent('#receipt code')) ?? '';
  assert.match(code, /^[A-Z0-9]{10}$/);
  const receipt = (await page.textContent('#receipt')) ?? '';
  assert.ok(receipt.includes('Benker langs elva') && receipt.includes('Sykkelparkering ved stasjonen') && !receipt.includes('Lys i lysløypa'));
  assert.ok(receipt.includes(nb('pb.receipt.total', { total: kr(500_000) })));
  assert.deepEqual(await storedBallot('kari@demo.tingsted.no'), sorted('benches', 'bikes'));
  await check(page, 'receipt');

  // Changing the ballot starts from the cast one and gives a new code.
  // (The receipt page has the live form too: wait for the new page before waiting for its script.)
  await Promise.all([page.waitForURL(/change=1$/), page.click(`a[href$="change=1"]`)]);
  await page.waitForSelector('form[data-live="true"]');
  assert.equal(await page.locator(removeButton('benches')).count(), 1);
  await page.click(removeButton('bikes'));
  await page.click(addButton('lights'));
  await page.click('.basket button[type="submit"]:not([formaction])');
  await page.waitForURL(/cast=1/);
  assert.notEqual(await page.textContent('#receipt code'), code);
  assert.deepEqual(await storedBallot('kari@demo.tingsted.no'), sorted('benches', 'lights'));
  await context.close();
});

test('a resident votes without JavaScript: the server keeps the basket between requests', async () => {
  const context = await signedInContext(browser, server, 'ola@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(ballotUrl);
  // Ola lives in Nordbyen: Sentrum's budget says why he cannot vote there.
  assert.equal(await page.locator('.budgets li', { hasText: nb('pb.ballot.mayVote') }).count(), 1);
  assert.equal(await page.locator('.budgets li', { hasText: 'Sentrum' }).locator('.muted').count(), 1);
  await page.click(addButton('benches'));
  await page.waitForSelector(removeButton('benches'));
  assert.equal(await status(page), nb('pb.ballot.remaining', { count: 1, total: kr(200_000), remaining: kr(800_000), amount: kr(1_000_000) }));
  await page.click(addButton('playground'));
  await page.waitForSelector(removeButton('playground'));
  await check(page, 'ballot-no-js', { javaScriptOff: true });
  // Over the budget: refused by the server with the same message, and the basket is kept.
  await page.click(addButton('lights'));
  await page.waitForSelector('.error-summary');
  assert.equal(await page.textContent('#field-projects-error'), nb('pb.ballot.overBudget', { title: 'Lys i lysløypa', over: kr(250_000) }));
  assert.equal(await page.locator(removeButton('benches')).count(), 1);
  assert.equal(await page.locator(removeButton('playground')).count(), 1);
  // The page returns to the project tried, which says why.
  assert.match(page.url(), new RegExp(`#project-${project.lights}$`));
  assert.equal(await page.textContent(`#project-${project.lights} .error`), await page.textContent('#field-projects-error'));
  await check(page, 'ballot-no-js-refused', { javaScriptOff: true });
  await page.click(removeButton('benches'));
  await page.waitForSelector(addButton('benches'));
  assert.equal(await storedBallot('ola@demo.tingsted.no'), null, 'nothing is stored before casting');
  await page.click('.basket button[type="submit"]:not([formaction])');
  await page.waitForURL(/cast=1/);
  assert.match((await page.textContent('#receipt code')) ?? '', /^[A-Z0-9]{10}$/);
  assert.deepEqual(await storedBallot('ola@demo.tingsted.no'), sorted('playground'));
  await check(page, 'receipt-no-js', { javaScriptOff: true });
  await context.close();
});

test('a ballot over the budget sent anyway is refused with the field named, and nothing is stored', async () => {
  const context = await signedInContext(browser, server, 'sara@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(ballotUrl);
  await page.waitForSelector('form[data-live="true"]');
  await page.click(addButton('playground'));
  await page.click(addButton('lights'));
  await page.waitForSelector('.error-summary');
  // A ballot built elsewhere (an old tab, a tampered form) reaches the server: the use case refuses it.
  await page.evaluate((id) => {
    const input = Object.assign(document.createElement('input'), { type: 'hidden', name: 'projects', value: id });
    document.querySelector('form[data-live]')?.append(input);
  }, project.lights ?? '');
  // The page already shows the refusal found in the page: wait for the server's answer to load.
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.waitForURL(/\?\/cast$/),
    page.click('.basket button[type="submit"]:not([formaction])'),
  ]);
  assert.equal(response.status(), 422);
  assert.notEqual(await page.textContent('.error-summary'), null);
  assert.equal(await page.getAttribute('.error-summary li a', 'href'), '#field-projects');
  assert.equal(await storedBallot('sara@demo.tingsted.no'), null, 'nothing is stored');
  await check(page, 'ballot-cast-refused');
  // Then a ballot within the budget: the refused one is still in the basket, to mend.
  await page.waitForSelector('form[data-live="true"]');
  await page.click(removeButton('lights'));
  await page.click(addButton('benches'));
  await page.click('.basket button[type="submit"]:not([formaction])');
  await page.waitForURL(/cast=1/);
  assert.deepEqual(await storedBallot('sara@demo.tingsted.no'), sorted('playground', 'benches'));
  await context.close();
});

test('a points ballot: the points left update as one types; without JavaScript a wrong total is refused by the server, naming the field', async () => {
  const process = await server.platform.processes.ensureProcess({
    slug: 'poeng-til-parkene',
    status: 'published',
    title: { nb: 'Poeng til parkene' },
    summary: { nb: 'Fordel poeng på parkprosjektene.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'budgeting', title: { nb: 'Poengavstemning' }, startsOn: day(-1), endsOn: day(30) }],
  });
  const pointsPhase = process.phaseIds[0] ?? '';
  assert.ok((await server.platform.budgeting.designBallot(manager, { phaseId: pointsPhase, ballotKind: 'points', pointsTotal: 10, voters: 'everyone' })).ok);
  const made = await server.platform.budgeting.addBudget(manager, { phaseId: pointsPhase, name: 'Parkene', locale: 'nb', area: null, amount: 500_000 });
  assert.ok(made.ok);
  const ids: string[] = [];
  for (const [title, cost] of [['Fontene', 300_000], ['Grillplass', 100_000], ['Hundepark', 200_000]] as const) {
    const created = await server.platform.budgeting.createProject(manager, { phaseId: pointsPhase, budgetId: made.value.id, title, cost });
    assert.ok(created.ok);
    assert.ok((await server.platform.budgeting.reviewProject(manager, { projectId: created.value.id, state: 'eligible' })).ok);
    ids.push(created.value.id);
  }
  const url = `${server.url}/processes/poeng-til-parkene/budgeting/${pointsPhase}`;
  const withJs = await signedInContext(browser, server, 'kari@demo.tingsted.no');
  const live = await withJs.newPage();
  await live.goto(url);
  await live.waitForSelector('form[data-live="true"]');
  await live.fill(`#points-${ids[0]}`, '7');
  assert.equal(await status(live), nb('pb.ballot.pointsLeft', { given: 7, total: 10, left: 3 }));
  await check(live, 'points-ballot');
  await withJs.close();

  const context = await signedInContext(browser, server, 'ola@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(url);
  await page.fill(`#points-${ids[0]}`, '7');
  await page.fill(`#points-${ids[1]}`, '4');
  await Promise.all([page.waitForURL(/\?\/check$/), page.click('button[formaction="?/check"]')]);
  assert.equal(await status(page), nb('pb.ballot.pointsOver', { given: 11, total: 10, over: 1 }));
  assert.equal(await page.inputValue(`#points-${ids[0]}`), '7', 'the points typed are kept');
  await page.click('.basket button[type="submit"]:not([formaction])');
  await page.waitForSelector('.error-summary');
  assert.equal(await page.getAttribute('.error-summary li a', 'href'), '#field-points');
  await check(page, 'points-refused', { javaScriptOff: true });
  await page.fill(`#points-${ids[1]}`, '3');
  await page.click('.basket button[type="submit"]:not([formaction])');
  await page.waitForURL(/cast=1/);
  const receipt = (await page.textContent('#receipt')) ?? '';
  assert.ok(receipt.includes(nb('pb.receipt.points', { points: 7 })) && receipt.includes(nb('pb.receipt.totalPoints', { total: '10' })), receipt);
  await context.close();
});

test('after the phase closes: no voting; the results show both rules with reasons, and what each ballot funded', async () => {
  // Close the phase: it ended yesterday (the process pages cache a phase's dates for two seconds).
  await server.platform.db.updateTable('phases').set({ starts_on: day(-10), ends_on: day(-1) }).where('id', '=', phaseId).execute();
  await new Promise((resolve) => setTimeout(resolve, 2100));
  const published = await server.platform.budgeting.publishResults(manager, { phaseId });
  assert.ok(published.ok, JSON.stringify(published));

  const context = await signedInContext(browser, server, 'kari@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(ballotUrl);
  assert.ok(((await page.textContent('main')) ?? '').includes(nb('pb.ballot.closed')));
  assert.equal(await page.locator('button[formaction^="?/add"]').count(), 0);
  assert.equal(await page.locator('a[href$="change=1"]').count(), 0, 'a closed ballot cannot be changed');
  await page.click(`a[href$="/budgeting/${phaseId}/results"]`);
  await page.waitForURL(/\/results$/);
  const result = await server.platform.budgeting.budgetingResults(null, { phaseId, budgetId: citywide });
  assert.ok(result.ok);
  assert.equal(result.value.ballots, 3);
  const section = page.locator(`section[aria-labelledby="budget-${citywide}"]`);
  const tables = section.locator('table');
  assert.equal(await tables.count(), 2, 'the announced rule and the other one, side by side');
  // Winners in the order the rule chose them, with their cost and votes.
  const rows = await tables.first().locator('tbody tr').allTextContents();
  assert.equal(rows.length, result.value.selected.length);
  result.value.selected.forEach((s, i) => {
    assert.ok(rows[i]?.includes(s.title.nb ?? '') && rows[i]?.includes(kr(s.cost)), `row ${i + 1}: ${rows[i]}`);
  });
  const text = (await section.textContent()) ?? '';
  assert.ok(text.includes(nb('pb.results.ruleStated', { rule: nb('pb.rule.mes-add1') })));
  assert.ok(text.includes(nb('pb.tieBreak.lowest-cost')));
  assert.ok(text.includes(nb('pb.results.why')));
  assert.equal(await section.locator('.why > li').count(), 4, 'a reason for each project on the ballot');
  // Kari's ballot (benches, lights): the funded ones among them.
  const mine = await server.platform.budgeting.myBallot(await sessionOf('kari@demo.tingsted.no'), { phaseId });
  assert.ok(mine.ok);
  const funded = mine.value.budgets.find((b) => b.budgetId === citywide)?.funded ?? [];
  assert.ok(funded.length > 0);
  const yours = section.locator('.panel', { hasText: nb('pb.results.yourBallot') });
  for (const f of funded) assert.ok(((await yours.textContent()) ?? '').includes(f.title.nb ?? ''));
  await check(page, 'results');
  await fitsPhone(page, 'results');
  await context.close();
});

test('a project page shows its cost range, source idea, review, result and delivery', async () => {
  const update = await server.platform.budgeting.addProjectUpdate(manager, { projectId: project.benches ?? '', status: 'accepted', body: 'Benkene bestilles i mai.' });
  assert.ok(update.ok, JSON.stringify(update));
  const milestone = await server.platform.budgeting.addProjectUpdate(manager, { projectId: project.benches ?? '', title: 'Benkene er bestilt', happenedOn: day(0), progressPercent: 40 });
  assert.ok(milestone.ok, JSON.stringify(milestone));
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${ballotUrl}/projects/${project.benches}`);
  const main = (await page.textContent('main')) ?? '';
  assert.ok(main.includes(`${kr(200_000)} (${kr(180_000)}–${kr(240_000)})`), 'the cost with its range');
  assert.equal(await page.locator(`a[href="/processes/${slug}/ideas/${project.idea}"]`).count(), 1, 'the idea it came from');
  assert.ok(main.includes(nb('pb.review.state.eligible')) && main.includes('Bydelskontoret'), 'the review: eligible, cost checked by whom');
  assert.ok(main.includes('Benkene bestilles i mai.') && main.includes('Benkene er bestilt'));
  assert.equal(await page.getAttribute('progress', 'value'), '40');
  assert.ok(main.includes(nb('pb.project.result')));
  await check(page, 'project');
  await fitsPhone(page, 'project');
  // A project found not eligible shows the public reason.
  await page.goto(`${ballotUrl}/projects/${project.pool}`);
  const pool = (await page.textContent('main')) ?? '';
  assert.ok(pool.includes(nb('pb.review.state.ineligible')) && pool.includes('Kommunen bygger ikke svømmehaller i denne ordningen.'));
  await check(page, 'project-ineligible');
  await context.close();
});
