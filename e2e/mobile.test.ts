// The site on a 375 × 667 phone (issue 22): the header is one short bar (at most 15 % of the screen), no page
// scrolls sideways, the menu opens with and without JavaScript and its links lead on, every page passes axe,
// and an idea's image keeps its shape. On a wide screen the whole navigation stays in view.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, launchBrowser, nb, newContext, screenshot, sessionOf, signedInContext } from './browser.ts';

const phone = { width: 375, height: 667 };
const maxHeader = Math.floor(phone.height * 0.15);

let server: TestServer;
let browser: Browser;
let ideaPath = '';
let surveyPath = '';
let managePath = '';
before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  const centre = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(centre.ok);
  managePath = `/manage/${centre.value.id}`;
  // A resident's idea with a 3:2 photo, wider than a phone.
  const photo = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: { r: 40, g: 110, b: 160 } } }).jpeg().toBuffer();
  const kari = await sessionOf(server, 'kari@demo.tingsted.no');
  const posted = await server.platform.ideas.postIdea(kari, {
    phaseId: centre.value.currentPhaseId ?? '',
    title: 'Benker i sola ved torget',
    body: 'Flere benker der sola står på om ettermiddagen.',
    image: { filename: 'torget.jpg', contentType: 'image/jpeg', data: new Uint8Array(photo), altText: 'Torget en solrik ettermiddag' },
    locale: 'nb',
  });
  assert.ok(posted.ok, JSON.stringify(posted));
  ideaPath = `/processes/ny-sentrumsplan/ideas/${posted.value.id}`;
  const library = await server.platform.processes.getProcess(null, 'bibliotekets-apningstider');
  assert.ok(library.ok);
  surveyPath = `/processes/bibliotekets-apningstider/survey/${library.value.phases[0]?.id ?? ''}`;
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A phone-sized context, signed in as `email` when given. */
async function phoneContext(options: { javaScript?: boolean; email?: string | undefined; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const settings = { javaScript: options.javaScript !== false, viewport: options.viewport ?? phone };
  return options.email ? signedInContext(browser, server, options.email, settings) : newContext(browser, settings);
}

/** The header's height, the page's width and every target in the menu, measured as the phone shows them. */
async function measure(page: Page) {
  return page.evaluate(() => ({
    header: document.querySelector('.site-header')?.getBoundingClientRect().height ?? Infinity,
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
}

/** The menu's links and buttons smaller than 24 × 24 px (WCAG 2.2 target size), by their text. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.site-header a, .site-header button, .site-header summary, .site-header select')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width < 24 || box.height < 24;
      })
      .map((el) => el.textContent?.trim() ?? el.tagName),
  );
}

const pages = [
  { name: 'home', path: () => '/', email: undefined, shows: 'main h1' },
  { name: 'process', path: () => '/processes/ny-sentrumsplan', email: undefined, shows: 'main h1' },
  { name: 'ideas', path: () => '/processes/ny-sentrumsplan/ideas', email: undefined, shows: 'main h1' },
  { name: 'idea', path: () => ideaPath, email: undefined, shows: 'img.idea-image' },
  { name: 'survey', path: () => surveyPath, email: 'kari@demo.tingsted.no', shows: 'main h1' },
  { name: 'proposals', path: () => '/proposals', email: undefined, shows: 'main h1' },
  { name: 'sign-in', path: () => '/sign-in', email: undefined, shows: '#field-email' },
  { name: 'manage', path: () => managePath, email: 'prosess@demo.tingsted.no', shows: 'main h1' },
  { name: 'admin', path: () => '/admin/users', email: 'admin@demo.tingsted.no', shows: 'main h1' },
];

describe('on a 375 × 667 phone', () => {
  for (const visit of pages) {
    test(`${visit.name}: a short header, nothing wider than the screen, axe`, async () => {
      const context = await phoneContext({ email: visit.email });
      const page = await context.newPage();
      const response = await page.goto(server.url + visit.path());
      assert.equal(response?.status(), 200, visit.path());
      await page.locator(visit.shows).first().waitFor();
      const { header, scrollWidth, viewport } = await measure(page);
      assert.ok(header <= maxHeader, `${visit.name}: the header is ${header} px high, more than ${maxHeader} px (15 % of ${phone.height})`);
      assert.ok(scrollWidth <= viewport, `${visit.name}: the page is ${scrollWidth} px wide on a ${viewport} px screen`);
      assert.equal(await page.locator('.site-header nav').isVisible(), false, `${visit.name}: the navigation waits behind the menu button`);
      await assertAccessible(page, `${visit.name} on a phone`);
      await screenshot(page, `mobile-${visit.name}`);
      // Opened, the menu covers the page but never widens it, and it passes axe too.
      await page.locator('summary.menu-button').click();
      await page.locator('.site-header nav').waitFor();
      assert.ok((await measure(page)).scrollWidth <= viewport, `${visit.name}: the open menu is wider than the screen`);
      assert.deepEqual(await smallTargets(page), [], `${visit.name}: targets in the menu smaller than 24 × 24 px`);
      await assertAccessible(page, `${visit.name} on a phone, menu open`);
      await screenshot(page, `mobile-${visit.name}-menu`);
      await context.close();
    });
  }

  test('with JavaScript the menu is a disclosure: aria-expanded, Escape closes it and returns focus, a link leads on', async () => {
    const context = await phoneContext({ email: 'kari@demo.tingsted.no' });
    const page = await context.newPage();
    await page.goto(`${server.url}/processes/ny-sentrumsplan`);
    const button = page.locator('summary.menu-button');
    await page.waitForFunction(() => document.querySelector('summary.menu-button')?.getAttribute('aria-expanded') === 'false');
    assert.equal(await button.getAttribute('aria-controls'), 'site-menu');
    // By keyboard: Tab to the button, Enter opens, Tab moves into the menu, Escape closes and focus returns.
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('summary.menu-button')?.getAttribute('aria-expanded') === 'true');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('#site-menu') !== null), true, 'Tab moves into the open menu');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('summary.menu-button')?.getAttribute('aria-expanded') === 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.matches('summary.menu-button')), true, 'focus is back on the menu button');
    assert.equal(await page.locator('.site-header nav').isVisible(), false);
    // Everything the header held is in the menu: notifications, account, sign-out, the language switcher.
    await button.click();
    for (const name of [nb('nav.home'), nb('nav.processes'), nb('prop.link'), nb('nav.events'), nb('nav.account')]) {
      assert.ok(await page.getByRole('link', { name, exact: true }).isVisible(), `the menu has ${name}`);
    }
    assert.ok(await page.getByRole('link', { name: /Varsler/ }).isVisible(), 'the menu has the notifications');
    assert.ok(await page.getByRole('button', { name: nb('nav.signOut') }).isVisible());
    assert.ok(await page.locator('#language-select').isVisible());
    await page.getByRole('link', { name: nb('nav.events'), exact: true }).click();
    await page.waitForURL(`${server.url}/events`);
    // Followed in the page's script, the link closes the menu behind it.
    await page.waitForFunction(() => document.querySelector('summary.menu-button')?.getAttribute('aria-expanded') === 'false');
    assert.equal(await page.locator('.site-header nav').isVisible(), false);
    await context.close();
  });

  test('without JavaScript the menu opens and its links lead on, and the language can be changed from it', async () => {
    const context = await phoneContext({ javaScript: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/proposals`);
    assert.equal(await page.locator('.site-header nav').isVisible(), false);
    await page.locator('summary.menu-button').click();
    await page.getByRole('link', { name: nb('nav.signIn'), exact: true }).click();
    await page.waitForURL(`${server.url}/sign-in`);
    const { header } = await measure(page);
    assert.ok(header <= maxHeader, `without JavaScript the header is ${header} px high`);
    await page.locator('summary.menu-button').click();
    await page.selectOption('#language-select', 'en');
    await page.locator('form.language button').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await page.locator('summary.menu-button').innerText(), 'Menu');
    await screenshot(page, 'mobile-no-js-english');
    await context.close();
  });

  test("an idea's image keeps its shape, comes in a size for the screen, and has its width and height", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(server.url + ideaPath);
    const image = page.locator('img.idea-image');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img.idea-image');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    const seen = await image.evaluate((img: HTMLImageElement) => ({
      natural: img.naturalWidth / img.naturalHeight,
      shown: img.getBoundingClientRect().width / img.getBoundingClientRect().height,
      naturalWidth: img.naturalWidth,
      src: img.currentSrc,
      width: img.getAttribute('width'),
      height: img.getAttribute('height'),
      srcset: img.getAttribute('srcset') ?? '',
    }));
    assert.ok(Math.abs(seen.natural - 1.5) < 0.01, `the served image is 3:2 (${seen.natural})`);
    assert.ok(Math.abs(seen.shown - seen.natural) < 0.01, `shown ${seen.shown}, natural ${seen.natural}`);
    assert.equal(seen.width, '1800');
    assert.equal(seen.height, '1200');
    assert.match(seen.srcset, / 480w/);
    // A phone gets a smaller variant, not the 1800 px original.
    assert.ok(seen.naturalWidth < 1800, `the phone loaded ${seen.src} (${seen.naturalWidth} px wide)`);
    await context.close();
  });
});

describe('on a wide screen', () => {
  for (const javaScript of [true, false]) {
    test(`the whole navigation is in view without opening anything (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await phoneContext({ javaScript, email: 'admin@demo.tingsted.no', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/processes`);
      assert.equal(await page.locator('summary.menu-button').isVisible(), false, 'no menu button on a wide screen');
      for (const name of [nb('nav.home'), nb('nav.processes'), nb('nav.account'), nb('nav.manage'), nb('nav.admin')]) {
        assert.ok(await page.getByRole('link', { name, exact: true }).isVisible(), `${name} is in view`);
      }
      assert.ok(await page.locator('#language-select').isVisible());
      await page.getByRole('link', { name: nb('nav.manage'), exact: true }).click();
      await page.waitForURL(`${server.url}/manage`);
      if (javaScript) await assertAccessible(page, 'the wide header');
      await screenshot(page, `wide-header-js-${javaScript ? 'on' : 'off'}`);
      await context.close();
    });
  }
});
