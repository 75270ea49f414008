// People's journeys through accounts: with the keyboard only, and with JavaScript switched off.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { linkIn } from '../apps/server/src/testing/smtp.ts';
import { assertAccessible, launchBrowser, newContext, screenshot, tabTo } from './browser.ts';

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

test('registration, e-mail confirmation and sign-in with the keyboard only', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(server.url);
  // The skip link is the first stop and takes focus to the content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Gå til hovedinnholdet');
  await tabTo(page, 'a[href="/register"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/register$/);
  await tabTo(page, '#field-displayName');
  await page.keyboard.type('Tastatur Tove');
  await page.keyboard.press('Tab');
  await page.keyboard.type('tove@example.no');
  await page.keyboard.press('Tab');
  await page.keyboard.type('tastene-mine-er-trygge');
  await page.keyboard.press('Enter');
  await page.getByText('Vi har sendt en lenke til tove@example.no', { exact: false }).waitFor();
  await screenshot(page, 'keyboard-registered');

  const mail = await server.mail.waitFor('tove@example.no');
  const link = linkIn(mail);
  await page.goto(link.href);
  await tabTo(page, 'main button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.getByRole('status').waitFor();
  assert.match((await page.getByRole('status').textContent()) ?? '', /bekreftet/);

  await page.goto(`${server.url}/sign-in`, { waitUntil: 'networkidle' }); // typed text must not race hydration
  await tabTo(page, '#field-email');
  await page.keyboard.type('tove@example.no');
  await page.keyboard.press('Tab');
  await page.keyboard.type('tastene-mine-er-trygge');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${server.url}/`);
  await tabTo(page, 'a[href="/account"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/account$/);
  assert.equal(await page.inputValue('#field-displayName'), 'Tastatur Tove');
  await assertAccessible(page, '/account after keyboard sign-in');
  await screenshot(page, 'keyboard-account');
  await context.close();
});

test('with JavaScript off: register, see field errors, sign in, change name, sign out', async () => {
  const context = await newContext(browser, { javaScript: false, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${server.url}/register`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.fill('#field-displayName', 'Plain Paul');
  await page.fill('#field-email', 'not-an-email');
  await page.fill('#field-password', 'short');
  await page.click('main button[type="submit"]');
  await page.waitForSelector('.error-summary');
  assert.equal(await page.textContent('#field-email-error'), 'Enter an e-mail address like name@example.no.');
  assert.equal(await page.textContent('#field-password-error'), 'Use at least 10 characters.');
  assert.equal(await page.inputValue('#field-displayName'), 'Plain Paul', 'what was typed is kept');
  assert.equal(await page.getAttribute('#field-email', 'aria-invalid'), 'true');
  await screenshot(page, 'nojs-register-errors');

  await page.fill('#field-email', 'paul@example.no');
  await page.fill('#field-password', 'a-perfectly-long-passphrase');
  await page.click('main button[type="submit"]');
  await page.getByText('Account created.', { exact: false }).waitFor();
  await server.mail.waitFor('paul@example.no');

  await page.goto(`${server.url}/sign-in`, { waitUntil: 'networkidle' }); // typed text must not race hydration
  await page.fill('#field-email', 'paul@example.no');
  await page.fill('#field-password', 'wrong-password-entirely');
  await page.click('main button[type="submit"]');
  await page.waitForSelector('.error-summary');
  assert.match((await page.textContent('.error-summary')) ?? '', /e-mail address or password is wrong/);
  await page.fill('#field-password', 'a-perfectly-long-passphrase');
  await page.click('main button[type="submit"]');
  await page.waitForURL(`${server.url}/`);

  await page.goto(`${server.url}/account`);
  await page.fill('#field-displayName', 'Paul Plain');
  await page.click('form[action="?/profile"] button[type="submit"]');
  await page.getByText('Your changes are saved.').waitFor();
  assert.equal(await page.inputValue('#field-displayName'), 'Paul Plain');

  await page.click('nav form button');
  await page.waitForURL(`${server.url}/`);
  assert.equal(await page.locator('a[href="/sign-in"]').count(), 1, 'signed out');
  await context.close();
});

test('a form posted without the CSRF token is refused and changes nothing', async () => {
  // Without JavaScript: with it, hydration may run after the forged value is set and restore the real token.
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/register`);
  await page.locator('main input[name="_csrf"]').evaluate((input: HTMLInputElement) => {
    input.value = 'forged-token-forged-token-forged';
  });
  await page.fill('#field-displayName', 'Forged');
  await page.fill('#field-email', 'forged@example.no');
  await page.fill('#field-password', 'a-long-and-valid-passphrase');
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('main button[type="submit"]')]);
  assert.equal(response.status(), 403);
  const rows = await server.platform.db.selectFrom('users').select('id').where('email', '=', 'forged@example.no').execute();
  assert.equal(rows.length, 0);
  await context.close();
});

test('text typed before the page has finished loading its script is kept (slow phones)', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // Hold the page's scripts back so the person types before hydration, as on a slow connection.
  await page.route('**/_app/immutable/**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await page.goto(`${server.url}/sign-in`, { waitUntil: 'domcontentloaded' });
  await page.fill('#field-email', 'tidlig@example.no');
  await page.waitForLoadState('networkidle');
  assert.equal(await page.inputValue('#field-email'), 'tidlig@example.no');
  await context.close();
});
