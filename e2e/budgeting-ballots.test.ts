// The ranking and points ballots in a browser (issue 16): a resident ranks projects with JavaScript (the count of
// ranked projects changes in place; two projects on one place are refused), another without JavaScript; points are
// spread with JavaScript (going over the total is shown and refused, nothing stored) and without it (the server sums
// them); each gets a receipt, and the voter's own page lists every ballot with its code. Staff move the vote's dates
// and put a project's images in order with their alt text. axe checks every page, at phone width too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { SessionUser } from '@tingsted/platform';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, assertAccessibleWithoutJs, launchBrowser, screenshot, signedInContext, dayFrom, fitsPhone as phoneCheck, sessionOf as sessionFor, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
let manager: SessionUser;
/** Per kind: the phase, its ballot page and its projects by key. */
const phases: Record<'ranking' | 'points', { processId: string; phaseId: string; url: string; projects: Record<string, string> }> = {
  ranking: { processId: '', phaseId: '', url: '', projects: {} },
  points: { processId: '', phaseId: '', url: '', projects: {} },
};
const titles = { bench: 'Benker ved elva', light: 'Lys i lysløypa', swing: 'Husker i parken', bike: 'Sykkelstativ ved skolen' } as const;

async function check(page: Page, name: string, options: { javaScriptOff?: boolean } = {}) {
  if (options.javaScriptOff) await assertAccessibleWithoutJs(page, name);
  else await assertAccessible(page, name);
  await screenshot(page, `budgeting-ballots-${name}`);
}
const fitsPhone = (page: Page, name: string) => phoneCheck(page, name, `budgeting-ballots-${name}`);
const status = (page: Page) => page.textContent('.basket p.status');

/** A published process with one open budgeting phase of `design`, a citywide budget and the four projects. */
async function phaseOf(kind: 'ranking' | 'points', design: Record<string, unknown>) {
  const process = await server.platform.processes.ensureProcess({
    slug: `${kind}-avstemning`,
    status: 'published',
    title: { nb: kind === 'ranking' ? 'Ranger prosjektene' : 'Fordel poengene' },
    summary: { nb: 'Innbyggerne bestemmer.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'budgeting', title: { nb: 'Avstemning' }, startsOn: dayFrom(server, -1), endsOn: dayFrom(server, 20) }],
  });
  const phaseId = process.phaseIds[0] ?? '';
  assert.ok((await server.platform.budgeting.designBallot(manager, { phaseId, ballotKind: kind, voters: 'everyone', ...design })).ok);
  const budget = await server.platform.budgeting.addBudget(manager, { phaseId, name: 'Hele byen', locale: 'nb', area: null, amount: 1_000_000 });
  assert.ok(budget.ok);
  const projects: Record<string, string> = {};
  for (const [key, title] of Object.entries(titles)) {
    const made = await server.platform.budgeting.createProject(manager, { phaseId, budgetId: budget.value.id, title, locale: 'nb', cost: 200_000 });
    assert.ok(made.ok);
    assert.ok((await server.platform.budgeting.reviewProject(manager, { projectId: made.value.id, state: 'eligible' })).ok);
    projects[key] = made.value.id;
  }
  phases[kind] = { processId: process.id, phaseId, url: `${server.url}/processes/${kind}-avstemning/budgeting/${phaseId}`, projects };
}

/** The stored ballot of a demo resident in a phase: [project id, points] in ballot order, or null. */
async function stored(email: string, kind: 'ranking' | 'points'): Promise<[string, number | null][] | null> {
  const mine = await server.platform.budgeting.myBallot(await sessionFor(server, email), { phaseId: phases[kind].phaseId });
  assert.ok(mine.ok);
  const receipt = mine.value.budgets[0]?.receipt ?? null;
  return receipt ? receipt.projects.map((p) => [p.id, p.points]) : null;
}
const id = (kind: 'ranking' | 'points', key: keyof typeof titles) => phases[kind].projects[key] ?? '';
const cast = (page: Page) => Promise.all([page.waitForURL(/cast=1/), page.click('.basket button[type="submit"]:not([formaction])')]);

before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  manager = await sessionFor(server, 'prosess@demo.tingsted.no');
  await phaseOf('ranking', { rankLimit: 3 });
  await phaseOf('points', { pointsTotal: 10 });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('ranking with JavaScript: the count changes in place, a shared place is refused, the receipt lists the ranking', async () => {
  const context = await signedInContext(browser, server, 'kari@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(phases.ranking.url);
  await page.waitForSelector('form[data-live="true"]');
  assert.equal(await status(page), nb('pb.ballot.rankedCount', { count: 0, limit: 3 }));
  await page.selectOption(`#rank-${id('ranking', 'swing')}`, '1');
  await page.selectOption(`#rank-${id('ranking', 'bench')}`, '1');
  assert.equal(await status(page), nb('pb.ballot.rankedCount', { count: 2, limit: 3 }));
  assert.equal(await page.getAttribute('.basket p.status', 'aria-live'), 'polite');
  await check(page, 'ranking-js');
  await fitsPhone(page, 'ranking-js');

  // Two projects on place 1: refused, naming the field, and nothing stored.
  await Promise.all([page.waitForSelector('.error-summary'), page.click('.basket button[type="submit"]:not([formaction])')]);
  assert.equal(await page.textContent('#field-ranking-error'), nb('pb.ballot.rankTwice'));
  assert.equal(await stored('kari@demo.tingsted.no', 'ranking'), null);
  await check(page, 'ranking-refused');

  await page.waitForSelector('form[data-live="true"]');
  await page.selectOption(`#rank-${id('ranking', 'bench')}`, '2');
  await page.selectOption(`#rank-${id('ranking', 'light')}`, '3');
  assert.equal(await status(page), nb('pb.ballot.rankedCount', { count: 3, limit: 3 }));
  await cast(page);
  const lines = await page.locator('#receipt ol.receipt-projects li').allTextContents();
  assert.deepEqual(lines.map((l) => [titles.swing, titles.bench, titles.light].findIndex((title) => l.includes(title))), [0, 1, 2], 'best first');
  assert.match((await page.textContent('#receipt code')) ?? '', /^[A-Z0-9]{10}$/);
  assert.deepEqual(await stored('kari@demo.tingsted.no', 'ranking'), [[id('ranking', 'swing'), 3], [id('ranking', 'bench'), 2], [id('ranking', 'light'), 1]]);
  await check(page, 'ranking-receipt');
  await fitsPhone(page, 'ranking-receipt');
  await context.close();
});

test('ranking without JavaScript: the server counts what is ranked and stores the ranking', async () => {
  const context = await signedInContext(browser, server, 'ola@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(phases.ranking.url);
  await page.selectOption(`#rank-${id('ranking', 'bike')}`, '1');
  await page.selectOption(`#rank-${id('ranking', 'light')}`, '2');
  await Promise.all([page.waitForURL(/\?\/check/), page.click('button[formaction="?/check"]')]);
  assert.equal(await status(page), nb('pb.ballot.rankedCount', { count: 2, limit: 3 }));
  assert.equal(await page.inputValue(`#rank-${id('ranking', 'bike')}`), '1', 'the ranking is kept between requests');
  await check(page, 'ranking-no-js', { javaScriptOff: true });
  await cast(page);
  assert.equal(await page.locator('#receipt ol.receipt-projects li').count(), 2);
  assert.deepEqual(await stored('ola@demo.tingsted.no', 'ranking'), [[id('ranking', 'bike'), 3], [id('ranking', 'light'), 2]]);
  await context.close();
});

test('points with JavaScript: the points left change in place; too many are shown and refused with nothing stored', async () => {
  const context = await signedInContext(browser, server, 'sara@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(phases.points.url);
  await page.waitForSelector('form[data-live="true"]');
  await page.fill(`#points-${id('points', 'bench')}`, '6');
  await page.fill(`#points-${id('points', 'swing')}`, '5');
  assert.equal(await status(page), nb('pb.ballot.pointsOver', { given: 11, total: 10, over: 1 }));
  await Promise.all([page.waitForSelector('.error-summary'), page.click('.basket button[type="submit"]:not([formaction])')]);
  assert.equal(await page.textContent('#field-points-error'), nb('budgeting.ballot.pointsTotal', { required: 10, total: 11 }));
  assert.equal(await stored('sara@demo.tingsted.no', 'points'), null);
  await check(page, 'points-refused');
  await fitsPhone(page, 'points-refused');

  await page.waitForSelector('form[data-live="true"]');
  await page.fill(`#points-${id('points', 'swing')}`, '4');
  assert.equal(await status(page), nb('pb.ballot.pointsLeft', { given: 10, total: 10, left: 0 }));
  await cast(page);
  const receipt = (await page.textContent('#receipt')) ?? '';
  assert.ok(receipt.includes(nb('pb.receipt.totalPoints', { total: '10' })), receipt);
  assert.deepEqual(await stored('sara@demo.tingsted.no', 'points'), [[id('points', 'bench'), 6], [id('points', 'swing'), 4]]);
  await check(page, 'points-receipt');
  await context.close();
});

test('points without JavaScript: the server sums them, and the voter’s own page lists every ballot with its code', async () => {
  const context = await signedInContext(browser, server, 'kari@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(phases.points.url);
  await page.fill(`#points-${id('points', 'light')}`, '7');
  await page.fill(`#points-${id('points', 'bike')}`, '3');
  await Promise.all([page.waitForURL(/\?\/check/), page.click('button[formaction="?/check"]')]);
  assert.equal(await status(page), nb('pb.ballot.pointsLeft', { given: 10, total: 10, left: 0 }));
  await check(page, 'points-no-js', { javaScriptOff: true });
  await cast(page);
  const code = (await page.textContent('#receipt code')) ?? '';
  assert.deepEqual(await stored('kari@demo.tingsted.no', 'points'), [[id('points', 'light'), 7], [id('points', 'bike'), 3]]);

  await page.goto(`${server.url}/account`);
  await Promise.all([page.waitForURL(/\/account\/ballots$/), page.click('a[href="/account/ballots"]')]);
  const sections = page.locator('section.ballot');
  const texts = await sections.allTextContents();
  const points = texts.find((t) => t.includes('Fordel poengene')) ?? '';
  assert.ok(points.includes(code), 'the verification code of her points ballot');
  assert.ok(points.includes(titles.light) && points.includes(nb('pb.receipt.points', { points: 7 })), points);
  assert.ok(texts.some((t) => t.includes('Ranger prosjektene')), 'her ranking ballot too');
  await check(page, 'my-ballots', { javaScriptOff: true });
  await fitsPhone(page, 'my-ballots');
  await context.close();
});

/** Submits a form of the page and waits for the notice it answers with. */
async function submit(page: Page, action: string, notice: string) {
  await page.click(`form[action="${action}"] button[type="submit"]`);
  await page.getByRole('status').filter({ hasText: notice }).waitFor();
}

test('staff move the vote’s closing day and order a project’s images and rewrite an alt text; bad input names the field', async () => {
  const { processId, phaseId } = phases.points;
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${processId}/budgeting/${phaseId}`);
  await page.fill('#field-endsOn', dayFrom(server, -2));
  await page.click('form[action="?/moveDates"] button[type="submit"]');
  await page.waitForSelector('#field-endsOn-error');
  assert.equal(await page.textContent('#field-endsOn-error'), nb('budgeting.dates.endPast'));
  assert.equal((await server.platform.processes.getPhase(phaseId))?.phase.endsOn, dayFrom(server, 20), 'nothing moved');
  await page.fill('#field-endsOn', dayFrom(server, 30));
  await submit(page, '?/moveDates', nb('budgeting.manage.dates.moved'));
  assert.equal((await server.platform.processes.getPhase(phaseId))?.phase.endsOn, dayFrom(server, 30));
  await check(page, 'staff-dates');

  const projectId = id('points', 'bench');
  const picture = (await page.screenshot({ clip: { x: 0, y: 0, width: 160, height: 90 } })).toString('base64');
  const added: string[] = [];
  for (const altText of ['Første skisse', 'Andre skisse']) {
    const made = await server.platform.budgeting.addProjectImage(manager, { projectId, file: { filename: 'skisse.png', contentType: 'image/png', data: picture }, altText, locale: 'nb' });
    assert.ok(made.ok);
    added.push(made.value.id);
  }
  await page.goto(`${server.url}/manage/${processId}/budgeting/${phaseId}/projects/${projectId}`);
  await Promise.all([page.getByRole('status').filter({ hasText: nb('budgeting.manage.images.arranged') }).waitFor(), page.getByRole('button', { name: nb('budgeting.manage.images.later', { alt: 'Første skisse' }) }).click()]);
  const order = async () => {
    const found = await server.platform.budgeting.getProject(manager, { projectId });
    assert.ok(found.ok);
    return found.value.project.images.map((i) => [i.fileId, i.alt]);
  };
  assert.deepEqual(await order(), [[added[1], 'Andre skisse'], [added[0], 'Første skisse']]);
  assert.deepEqual(await page.locator('.images img').evaluateAll((images) => images.map((i) => i.getAttribute('alt'))), ['Andre skisse', 'Første skisse'], 'the page shows the new order');

  const alt = `#alt-${added[0]}`;
  await page.fill(alt, '');
  await page.locator('form[action="?/describeImage"]', { has: page.locator(alt) }).locator('button').click();
  // Refused: the image's field is named, and the error summary leads to it.
  await page.waitForSelector('#field-imageAlt-error');
  assert.equal(await page.textContent('#field-imageAlt-error'), nb('field.altRequired'));
  assert.equal(await page.getAttribute('.error-summary a', 'href'), '#field-imageAlt');
  await check(page, 'staff-images-refused');
  await page.fill('#field-imageAlt', 'Benkene sett fra elva');
  await Promise.all([page.getByRole('status').filter({ hasText: nb('budgeting.manage.images.described') }).waitFor(), page.locator('form[action="?/describeImage"]', { has: page.locator('#field-imageAlt') }).locator('button').click()]);
  assert.deepEqual(await order(), [[added[1], 'Andre skisse'], [added[0], 'Benkene sett fra elva']]);
  await check(page, 'staff-images');
  await fitsPhone(page, 'staff-images');
  await context.close();
});
