// Staff shape the topics of an analysis with JavaScript off: each topic shows its phrases, size, examples and
// inputs per week; they rename, pin, merge and split topics with plain forms, and a refused form names its
// field. axe checks the page and it fits a phone; others are refused the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { demoPassword } from '@tingsted/platform';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessibleWithoutJs, fitsPhone, launchBrowser, screenshot, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const themes = ['benker langs elva for eldre som går tur', 'sykkelfelt i Storgata og trygg sykkelvei til skolen', 'buss om kvelden og nattbuss i helgene'];

test('staff rename, pin, merge and split topics with JavaScript off; others are refused the page', async () => {
  const manager = await server.platform.accounts.signIn({ email: 'prosess@demo.tingsted.no', password: demoPassword });
  assert.ok(manager.ok);
  const resident = await server.platform.accounts.ensureUser({ email: 'innbygger-temaer@example.no', displayName: 'Ida Innbygger', password: null, roles: ['resident'] });
  const created = await server.platform.processes.ensureProcess({
    slug: 'byplan-temaer',
    status: 'published',
    title: { nb: 'Temaer i sentrum' },
    summary: { nb: 'Hva trenger sentrum?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.value.userId,
    phases: [{ method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2020-01-01', endsOn: '2099-12-31' }],
  });
  for (let i = 0; i < 15; i++) {
    const theme = themes[i % themes.length] ?? '';
    await server.platform.ideas.importIdea({ phaseId: created.phaseIds[0] ?? '', authorId: resident, title: `Forslag ${i + 1}: ${theme}`, body: `Vi trenger ${theme}. Det gjelder mange i sentrum.` });
  }
  // The run is finished here, as the job would (the page only reads stored runs).
  const staff = { id: manager.value.userId, roles: ['process_manager' as const] };
  const asked = await server.platform.analysis.requestAnalysis(staff, created.id);
  assert.ok(asked.ok);
  assert.equal(await server.platform.analysis.runAnalysis(asked.value.runId), 'done');

  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${created.id}/analysis`);
  await page.getByRole('heading', { level: 3, name: nb('analysisTopics.change') }).waitFor();
  const topics = page.locator('ol.analysis-topics > li');
  const before = await topics.count();
  assert.ok(before >= 2, `${before} topics`);
  const first = topics.first();
  assert.match((await first.textContent()) ?? '', /\d+ innspill/);
  assert.ok((await first.locator('a').count()) > 0, 'examples link to inputs');
  await first.locator('summary', { hasText: nb('analysisTopics.perWeek') }).click();
  assert.ok((await first.locator('tbody tr').count()) >= 1, 'inputs per week');
  await assertAccessibleWithoutJs(page, 'analysis-topics');
  await fitsPhone(page, 'the analysis page with topics', 'analysis-topics');

  // Merging a topic with itself is refused, naming the field.
  await page.getByLabel(nb('analysisTopics.mergeFrom')).selectOption({ index: 0 });
  await page.getByLabel(nb('analysisTopics.mergeInto')).selectOption({ index: 0 });
  await page.getByRole('button', { name: nb('analysisTopics.mergeButton') }).click();
  await page.locator('#field-into-error').waitFor();
  assert.equal(await topics.count(), before);

  // Rename the first topic.
  await page.getByLabel(nb('analysisTopics.newName')).fill('Benker ved elva');
  await page.getByRole('button', { name: nb('analysisTopics.renameButton') }).click();
  await page.getByText(nb('analysisTopics.renamed')).waitFor();
  await page.getByRole('heading', { level: 3, name: 'Benker ved elva' }).waitFor();

  // Pin it: it comes first and says so.
  await page.getByRole('button', { name: nb('analysisTopics.pin', { topic: 'Benker ved elva' }) }).click();
  await page.getByText(nb('analysisTopics.pinned')).waitFor();
  assert.match((await topics.first().locator('h3').textContent()) ?? '', /Benker ved elva/);
  assert.equal(await topics.count(), before);

  // Merge the second topic into the first (the form's defaults): one topic fewer.
  await page.getByLabel(nb('analysisTopics.mergeFrom')).selectOption({ index: 1 });
  await page.getByLabel(nb('analysisTopics.mergeInto')).selectOption({ index: 0 });
  await page.getByRole('button', { name: nb('analysisTopics.mergeButton') }).click();
  await page.getByText(nb('analysisTopics.merged')).waitFor();
  assert.equal(await topics.count(), before - 1);

  // Split the merged topic: two again.
  await page.locator('#split-topic').selectOption({ index: 0 });
  await page.getByRole('button', { name: nb('analysisTopics.splitButton') }).click();
  await page.getByText(nb('analysisTopics.splitDone')).waitFor();
  assert.equal(await topics.count(), before);
  await assertAccessibleWithoutJs(page, 'analysis-topics-changed');
  await screenshot(page, 'analysis-topics-changed');
  await context.close();

  // A decision-maker (whom the analysis policy lets read and shape topics) opens the page; a resident is refused.
  for (const [email, status] of [
    ['ordforer@demo.tingsted.no', 200],
    ['kari@demo.tingsted.no', 403],
  ] as const) {
    const other = await signedInContext(browser, server, email, { javaScript: false });
    const response = await (await other.newPage()).goto(`${server.url}/manage/${created.id}/analysis`);
    assert.equal(response?.status(), status, email);
    await other.close();
  }
  const mayor = { id: (await server.platform.accounts.ensureUser({ email: 'ordforer@demo.tingsted.no', displayName: 'Olav Ordfører', password: null, roles: ['decision_maker'] })), roles: ['decision_maker' as const] };
  const read = await server.platform.analysis.topicsOf(mayor, created.id);
  assert.equal(read.ok && read.value.topics.length, before);
});
