// Visits every page as each role, runs axe-core (WCAG 2.2 AA rule sets) and keeps a screenshot of each.
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, launchBrowser, newContext, screenshot, signedInContext } from './browser.ts';

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

const publicPages = [
  '/',
  '/processes',
  '/processes?status=closed',
  '/processes/ny-sentrumsplan',
  '/processes/ny-sentrumsplan/ideas',
  '/processes/ny-badeplass',
  '/processes/ny-badeplass/ideas?sort=supported',
  '/processes/ny-badeplass/results',
];
const anonymousPages = ['/sign-in', '/register', '/magic-link', '/forgot-password', '/reset-password?token=x', '/verify-email?token=x', '/finnes-ikke'];
const roles = [
  { role: 'resident', email: 'kari@demo.tingsted.no', pages: ['/account', '/notifications'] },
  { role: 'process_manager', email: 'prosess@demo.tingsted.no', pages: ['/account', '/processes?status=draft', '/processes/budsjett-for-nabolaget', '/manage'] },
  { role: 'moderator', email: 'moderator@demo.tingsted.no', pages: ['/account'] },
  { role: 'decision_maker', email: 'ordforer@demo.tingsted.no', pages: ['/account'] },
  { role: 'administrator', email: 'admin@demo.tingsted.no', pages: ['/account', '/admin', '/admin/users', '/admin/settings', '/admin/statuses'] },
];

const signedIn = (email: string) => signedInContext(browser, server, email);

describe('every page passes axe as an anonymous visitor', () => {
  for (const path of [...publicPages, ...anonymousPages]) {
    test(path, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(server.url + path);
      await assertAccessible(page, `${path} (anonymous)`);
      await screenshot(page, `anonymous${path}`);
      await context.close();
    });
  }

  test('a form showing errors, and the page in every language', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/register`);
    await page.getByRole('button', { name: 'Opprett konto' }).click();
    await page.waitForSelector('.error-summary');
    await assertAccessible(page, '/register with errors');
    await screenshot(page, 'anonymous-register-errors');
    for (const locale of ['nn', 'sv', 'da', 'en']) {
      await page.goto(`${server.url}/`);
      await page.selectOption('#language-select', locale);
      await page.locator('form.language button').click();
      await page.waitForFunction((l) => document.documentElement.lang === l, locale);
      await assertAccessible(page, `/ in ${locale}`);
      await screenshot(page, `anonymous-home-${locale}`);
    }
    await context.close();
  });

  test('the home page on a phone', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 740 }, locale: 'nb-NO' });
    const page = await context.newPage();
    await page.goto(server.url);
    await assertAccessible(page, '/ on a phone');
    await screenshot(page, 'phone-home');
    await context.close();
  });
});

for (const { role, email, pages } of roles) {
  describe(`every page passes axe as ${role}`, () => {
    for (const path of [...publicPages, ...pages]) {
      test(path, async () => {
        const context = await signedIn(email);
        const page = await context.newPage();
        const response = await page.goto(server.url + path);
        if ((response?.status() ?? 500) >= 400) throw new Error(`${path} answered ${response?.status()} for ${role}`);
        await assertAccessible(page, `${path} (${role})`);
        await screenshot(page, `${role}${path}`);
        await context.close();
      });
    }
  });
}
