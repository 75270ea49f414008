// One's own data in the browser (issue 17), with JavaScript off: a new resident is told why they cannot post
// yet and resends the confirmation link in one click; the export page shows their data by section; the account
// page shows what deleting the account deletes and keeps, and why, before they confirm.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { linkIn } from '../apps/server/src/testing/smtp.ts';
import { assertAccessibleWithoutJs, launchBrowser, newContext, screenshot, signedInContext, nb } from './browser.ts';

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

test('an unconfirmed resident sees why instead of the idea form, resends the link in one click and can post once confirmed', async () => {
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/register`);
  await page.fill('#field-displayName', 'Petra Personvern');
  await page.fill('#field-email', 'petra@example.no');
  await page.fill('#field-password', 'personvern-er-viktig-2026');
  await page.click('main button[type="submit"]');
  await server.mail.waitFor('petra@example.no');
  await page.goto(`${server.url}/sign-in`);
  await page.fill('#field-email', 'petra@example.no');
  await page.fill('#field-password', 'personvern-er-viktig-2026');
  await page.click('main button[type="submit"]');
  await page.waitForURL(`${server.url}/`);

  await page.goto(`${server.url}/processes/ny-sentrumsplan/ideas`);
  assert.equal(await page.locator('form[action="?/post"]').count(), 0, 'no form that would be refused');
  assert.match((await page.textContent('.confirm-first')) ?? '', new RegExp(nb('privacy.confirmFirst').slice(0, 30)));
  await assertAccessibleWithoutJs(page, 'ideas page, address not confirmed');
  await screenshot(page, 'privacy-confirm-first');

  const sent = server.mail.received.length;
  await page.click('.confirm-first button[type="submit"]');
  await page.waitForURL(/\/account/);
  assert.match((await page.textContent('[role="status"]')) ?? '', /petra@example\.no/);
  const mail = await server.mail.waitFor('petra@example.no', (m) => server.mail.received.indexOf(m) >= sent);
  await page.goto(linkIn(mail).href);
  await page.click('main button[type="submit"]');
  await page.goto(`${server.url}/processes/ny-sentrumsplan/ideas`);
  assert.equal(await page.locator('form[action="?/post"]').count(), 1, 'confirmed: the form is there');
  assert.equal(await page.locator('.confirm-first').count(), 0);
  await context.close();
});

test('the export page shows my data by section, and the account page previews what deletion deletes and keeps', async () => {
  const context = await signedInContext(browser, server, 'kari@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/account/export`);
  assert.equal(await page.textContent('h1'), nb('privacy.exportTitle'));
  assert.match((await page.textContent('#section-account')) ?? '', /kari@demo\.tingsted\.no/);
  for (const section of ['surveyAnswers', 'ballots', 'panelRegistrations']) {
    assert.ok((await page.locator(`#section-${section} .export-records > li`).count()) > 0, `${section} has entries`);
  }
  assert.equal(await page.getAttribute('a[href="/api/v1/me/export"]', 'download'), '');
  await assertAccessibleWithoutJs(page, 'my data');
  await screenshot(page, 'privacy-export');

  await page.goto(`${server.url}/account`);
  const deleted = await page.locator('.will-delete li').allTextContents();
  const kept = await page.locator('.will-keep li').allTextContents();
  assert.ok(deleted.some((line) => line.startsWith(nb('privacy.section.account'))), 'the account goes');
  assert.ok(kept.some((line) => line.includes(nb('privacy.kept.panelComposition'))), 'the panel seat stays, and why');
  assert.ok(kept.some((line) => line.includes(nb('privacy.kept.countedInResults'))), 'survey answers stay counted, and why');
  await assertAccessibleWithoutJs(page, 'account with deletion preview');
  await screenshot(page, 'privacy-deletion-preview');
  // Nothing is deleted until the word is typed.
  await page.click('form[action="?/delete"] button[type="submit"]');
  await page.waitForSelector('#field-confirm-error');
  assert.ok(await server.platform.db.selectFrom('users').select('id').where('email', '=', 'kari@demo.tingsted.no').executeTakeFirst());
  await context.close();
});
