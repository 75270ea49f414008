// Suggested duplicates in a browser (issue 21): a moderator, with JavaScript off, opens the suggestions of a
// process from the moderation queue, sees the same request written in bokmål and nynorsk side by side, and
// merges them; whoever opens the merged idea lands on the kept one. With JavaScript on, a pair is marked "not a
// duplicate" and is gone. A resident is refused. axe and a phone width check each page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, assertAccessibleWithoutJs, fitsPhone, launchBrowser, newContext, screenshot, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
let processId = '';
const id: Record<string, string> = {};

before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  const manager = await server.platform.accounts.ensureUser({ email: 'leder-dup@example.no', displayName: 'Lene Leder', password: null, roles: ['process_manager'] });
  const kari = await server.platform.accounts.ensureUser({ email: 'kari-dup@example.no', displayName: 'Kari Innbygger', password: null, roles: ['resident'] });
  const ola = await server.platform.accounts.ensureUser({ email: 'ola-dup@example.no', displayName: 'Ola Innbygger', password: null, roles: ['resident'] });
  const created = await server.platform.processes.ensureProcess({
    slug: 'storgata-dup',
    status: 'published',
    title: { nb: 'Storgata og biblioteket' },
    summary: { nb: 'Hva trenger sentrum?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager,
    phases: [{ method: 'ideas', title: { nb: 'Forslag' }, startsOn: '2020-01-01', endsOn: '2099-12-31' }],
  });
  processId = created.id;
  const phaseId = created.phaseIds[0] ?? '';
  const add = async (key: string, authorId: string, title: string, body: string) => (id[key] = await server.platform.ideas.importIdea({ phaseId, authorId, title, body, supporterIds: [] }));
  await add('bumpsNb', kari, 'Fartsdumper i Storgata', 'Bilene kjører altfor fort i Storgata. Kan kommunen legge inn fartsdumper?');
  await add('bumpsNn', ola, 'Fartshumpar i Storgata', 'Det blir køyrt for fort gjennom Storgata, vi treng fartshumpar der.');
  await add('bikes', kari, 'Sykkelstativ i Storgata', 'Flere sykkelstativ i Storgata, det er aldri plass til å parkere sykkelen.');
  await add('libraryNb', ola, 'Biblioteket i helgene', 'Hovedbiblioteket bør holde åpent lenger i helgene, også søndag.');
  await add('libraryEn', kari, 'Library at weekends', 'The main library should be open longer at weekends, including Sundays.');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const pair = (page: Page, text: string) => page.locator('li.duplicate-pair', { hasText: text });

test('a moderator merges a bokmål/nynorsk pair without JavaScript; the merged idea leads to the kept one', async () => {
  const context = await signedInContext(browser, server, 'moderator@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/moderation`);
  await page.getByRole('link', { name: nb('duplicates.link'), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: nb('duplicates.title') }).waitFor();
  await page.getByText(nb('duplicates.choose')).waitFor();
  await page.selectOption('#duplicates-process', processId);
  await page.getByRole('button', { name: nb('duplicates.show') }).click();
  await page.waitForURL(`**/manage/moderation/duplicates?process=${processId}`);
  await pair(page, 'Fartshumpar i Storgata').waitFor();
  assert.equal(await pair(page, 'Library at weekends').count(), 1, 'the bokmål and English library requests are suggested too');
  assert.equal(await page.locator('li.duplicate-pair', { hasText: 'Sykkelstativ i Storgata' }).count(), 0, 'another request about Storgata is not');
  await assertAccessibleWithoutJs(page, 'duplicates-suggestions');
  await fitsPhone(page, 'duplicates-suggestions', 'duplicates-suggestions');

  await pair(page, 'Fartshumpar i Storgata').getByRole('button', { name: nb('duplicates.keepFirst') }).click();
  await page.getByText(nb('duplicates.merged')).waitFor();
  // The same process's suggestions are shown again, without the merged pair.
  await pair(page, 'Library at weekends').waitFor();
  assert.equal(await pair(page, 'Fartshumpar i Storgata').count(), 0);
  await screenshot(page, 'duplicates-merged');
  await context.close();

  // A resident who opens the merged idea lands on the kept one, which says so.
  const visitor = await newContext(browser, { javaScript: false });
  const visit = await visitor.newPage();
  await visit.goto(`${server.url}/processes/storgata-dup/ideas/${id.bumpsNn}`);
  await visit.waitForURL(`**/processes/storgata-dup/ideas/${id.bumpsNb}?merged=1`);
  await visit.getByText(nb('duplicates.mergedHere')).waitFor();
  await visit.getByRole('heading', { level: 1, name: 'Fartsdumper i Storgata' }).waitFor();
  await assertAccessibleWithoutJs(visit, 'duplicates-merged-idea');
  await visitor.close();
  const told = await server.platform.notifications.listFor({ id: await server.platform.accounts.ensureUser({ email: 'ola-dup@example.no', displayName: 'Ola Innbygger', password: null, roles: ['resident'] }), roles: ['resident'] }, 'nb');
  assert.ok(told.some((n) => n.kind === 'idea_merged'), 'the author of the merged idea was told');
});

test('with JavaScript, a pair marked "not a duplicate" is gone and stays gone; the page fits a phone', async () => {
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/moderation/duplicates?process=${processId}`);
  await pair(page, 'Library at weekends').waitFor();
  await assertAccessible(page, 'duplicates-js');
  await pair(page, 'Library at weekends').getByRole('button', { name: nb('duplicates.dismiss') }).click();
  await page.getByText(nb('duplicates.dismissed')).waitFor();
  await page.getByText(nb('duplicates.none')).waitFor();
  // Still gone when the page is opened again.
  await page.goto(`${server.url}/manage/moderation/duplicates?process=${processId}`);
  await page.getByText(nb('duplicates.none')).waitFor();
  await fitsPhone(page, 'duplicates-none', 'duplicates-none');
  await context.close();
});

test('a resident is refused the suggestions page', async () => {
  const context = await signedInContext(browser, server, 'kari@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  const response = await page.goto(`${server.url}/manage/moderation/duplicates?process=${processId}`);
  assert.equal(response?.status(), 403);
  await context.close();
});
