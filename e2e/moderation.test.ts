// Moderation in a browser (issue 17): a resident reports an idea (JavaScript off); a moderator hides it from
// the queue with a reason; its author is notified, edits it and so asks for a new review; the moderator finds
// it back in the queue and restores it, and the public sees the edited idea again. axe checks each page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { demoPassword } from '@tingsted/platform';
import { assertAccessible, assertAccessibleWithoutJs, launchBrowser, newContext, screenshot, sessionOf, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
let ideaUrl = '';
let ideaId = '';
const title = 'Gratis parkering i hele sentrum';
const newTitle = 'Sykkelparkering i hele sentrum';
const reason = 'Reklame for et parkeringsselskap';

before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  // Ola posts an idea in the demo's open ideas phase.
  const detail = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(detail.ok);
  const phase = detail.value.phases.find((p) => p.method === 'ideas' && p.state === 'open');
  assert.ok(phase);
  const posted = await server.platform.ideas.postIdea(await sessionOf(server, 'ola@demo.tingsted.no'), { phaseId: phase.id, title, body: 'Ring oss for et godt tilbud på parkering.' });
  assert.ok(posted.ok);
  ideaId = posted.value.id;
  ideaUrl = `${server.url}/processes/ny-sentrumsplan/ideas/${ideaId}`;
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a resident reports the idea with a reason, without JavaScript; a report without a reason is refused by name', async () => {
  const context = await signedInContext(browser, server, 'kari@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(ideaUrl);
  await page.locator('details:has(#field-reason) summary').click();
  await page.locator('form[action="?/report"]:has(#field-reason) button[type="submit"]').click();
  await page.waitForSelector('.error-summary');
  assert.equal(await page.locator('.error-summary a[href="#field-reason"]').count(), 1, 'the summary names the reason and links to it');
  await assertAccessibleWithoutJs(page, 'moderation-report-refused');
  await page.check('#field-reason-spam');
  await page.fill('#field-text', 'Dette er reklame.');
  await page.locator('form[action="?/report"]:has(#field-reason) button[type="submit"]').click();
  await page.getByText(nb('reportForm.sent')).waitFor();
  await screenshot(page, 'moderation-reported');
  await context.close();
});

test('a moderator sees the report in the queue with the author history, and hides the idea with a reason', async () => {
  const context = await signedInContext(browser, server, 'moderator@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/moderation`);
  await page.getByRole('heading', { level: 1, name: nb('moderate.title') }).waitFor();
  await assertAccessible(page, 'moderation-queue');
  // One key moves between items: J focuses the first.
  await page.keyboard.press('j');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('queue-item') ?? false), true);
  const item = page.locator('.queue-item', { hasText: title });
  assert.match((await item.textContent()) ?? '', new RegExp(`${nb('reportForm.reason.spam')}: Dette er reklame.`));
  assert.match((await item.textContent()) ?? '', new RegExp(nb('moderate.historyNone')));
  await item.locator('form[action="?/hide"] input[name="reason"]').fill(reason);
  await item.locator('form[action="?/hide"] button').click();
  await page.getByText(nb('moderate.done.hidden')).waitFor();
  assert.equal(await page.locator('.queue-item', { hasText: title }).count(), 0, 'a handled item leaves the queue');
  await screenshot(page, 'moderation-hidden');

  const anonymous = await newContext(browser);
  const response = await (await anonymous.newPage()).goto(ideaUrl);
  assert.equal(response?.status(), 404, 'the hidden idea is gone for the public');
  await anonymous.close();
  await context.close();
});

test('the author is notified, edits the hidden idea and so asks for a new review', async () => {
  const context = await signedInContext(browser, server, 'ola@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/notifications`);
  await page.getByText(reason).first().waitFor();
  await page.goto(ideaUrl);
  assert.match((await page.textContent('article.idea')) ?? '', new RegExp(reason));
  await page.getByRole('link', { name: nb('ideaEdit.link') }).click();
  await page.waitForURL(/\/edit$/);
  await page.getByText(nb('ideaEdit.hiddenHint')).waitFor();
  await assertAccessible(page, 'moderation-edit');
  await page.fill('#field-title', newTitle);
  await page.fill('#field-body', 'Flere sykkelstativ i stedet for bilparkering.');
  await page.getByRole('button', { name: nb('ideaEdit.saveAndReview') }).click();
  await page.getByText(nb('ideaEdit.savedReview')).waitFor();
  assert.equal(await page.locator('h1').textContent(), newTitle);
  await screenshot(page, 'moderation-edited');
  await context.close();
});

test('the moderator finds the idea back in the queue, restores it, and the public sees the edited idea', async () => {
  const context = await signedInContext(browser, server, 'moderator@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/moderation`);
  const item = page.locator('.queue-item', { hasText: newTitle });
  assert.match((await item.textContent()) ?? '', new RegExp(nb('moderate.waiting.review')));
  assert.match((await item.textContent()) ?? '', new RegExp(nb('moderate.hiddenWith', { reason })));
  await item.getByRole('button', { name: nb('moderate.restore') }).click();
  await page.getByText(nb('moderate.done.restored')).waitFor();

  const anonymous = await newContext(browser);
  const publicPage = await anonymous.newPage();
  const response = await publicPage.goto(ideaUrl);
  assert.equal(response?.status(), 200);
  assert.equal(await publicPage.locator('h1').textContent(), newTitle);
  await anonymous.close();

  // Staff see the edit history on the idea page.
  await page.goto(ideaUrl);
  await page.getByRole('heading', { name: nb('ideaEdit.history') }).waitFor();
  assert.match((await page.locator('section[aria-labelledby="edits-heading"]').textContent()) ?? '', new RegExp(title));
  await context.close();
});

test('a resident reports the statement she is asked to vote on; a report without a reason is refused; the moderators see it', async () => {
  await server.platform.accounts.ensureUser({ email: 'nina@demo.tingsted.no', displayName: 'Nina', password: demoPassword, roles: ['resident'] });
  const buses = await server.platform.processes.getProcess(null, 'bussene-i-sentrum');
  assert.ok(buses.ok);
  const phase = buses.value.phases.find((p) => p.method === 'conversation');
  assert.ok(phase);
  const context = await signedInContext(browser, server, 'nina@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/processes/bussene-i-sentrum/conversation/${phase.id}`);
  const statement = ((await page.locator('.vote .statement').textContent()) ?? '').trim();
  assert.ok(statement.length > 0, 'a statement to vote on');
  await page.locator('summary', { hasText: nb('reportForm.summary') }).click();
  await page.getByRole('button', { name: nb('reportForm.submit') }).click();
  await page.waitForSelector('.error-summary');
  assert.match((await page.textContent('.error-summary')) ?? '', new RegExp(nb('reportForm.legend')));
  await assertAccessibleWithoutJs(page, 'conversation-report-refused');
  await page.getByLabel(nb('reportForm.reason.off_topic')).check();
  await page.getByLabel(nb('reportForm.text')).fill('Handler ikke om bussene.');
  await page.getByRole('button', { name: nb('reportForm.submit') }).click();
  await page.getByText(nb('reportForm.sent')).waitFor();
  await screenshot(page, 'conversation-reported');
  await context.close();

  const moderator = await signedInContext(browser, server, 'moderator@demo.tingsted.no');
  const queue = await moderator.newPage();
  await queue.goto(`${server.url}/manage/moderation`);
  const item = queue.locator('.queue-item', { hasText: statement });
  assert.match((await item.textContent()) ?? '', new RegExp(`${nb('reportForm.reason.off_topic')}: Handler ikke om bussene.`));
  await moderator.close();
});
