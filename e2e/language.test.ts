// The demo's main pages in Swedish, Danish and English on a phone: counts by each language's plural rules,
// numbers and money as the language writes them, one date style, the language note only where the content is in
// another language than the page's (and in the page's language), and a process past its end shown as closed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { dayFrom, fitsPhone, launchBrowser, screenshot } from './browser.ts';

let server: TestServer;
let browser: Browser;
let budgetPage = '';
before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  // A published process whose end date has passed: it must show as closed and not among the open ones.
  await server.platform.processes.ensureProcess({
    slug: 'hoering-som-er-over',
    status: 'published',
    title: { nb: 'Høring som er over', sv: 'Remiss som är över', da: 'Høring der er slut', en: 'A hearing that is over' },
    summary: { nb: 'Ferdig.', sv: 'Klar.', da: 'Færdig.', en: 'Done.' },
    startsOn: dayFrom(server, -40),
    endsOn: dayFrom(server, -1),
    createdBy: null,
  });
  const budgeting = await server.platform.processes.getProcess(null, 'budsjett-for-nabolaget');
  assert.ok(budgeting.ok);
  const phase = budgeting.value.phases.find((p) => p.method === 'budgeting');
  assert.ok(phase);
  budgetPage = `/processes/budsjett-for-nabolaget/budgeting/${phase.id}`;
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** What each language writes, as the pages must show it. */
const languages = [
  {
    code: 'sv',
    tag: 'sv-SE',
    oneSupport: 'Stöds av 1 person',
    date: /\b\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}\b/,
    thousands: /\d[\u00a0\u202f]\d{3}\b/,
    note: /^Visas på norskt bokmål eftersom/,
    closed: 'Avslutad',
  },
  {
    code: 'da',
    tag: 'da-DK',
    oneSupport: 'Støttet af 1 person',
    date: /\b\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) \d{4}\b/,
    thousands: /\d\.\d{3}\b/,
    note: /^Vises på bokmål fordi/,
    closed: 'Afsluttet',
  },
  {
    code: 'en',
    tag: 'en-GB',
    oneSupport: '1 support',
    date: /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/,
    thousands: /\d,\d{3}\b/,
    note: /^Shown in Norwegian Bokmål because/,
    closed: 'Closed',
  },
] as const;

/** A phone-sized context whose browser asks for `tag` (Accept-Language), as a visitor's would. */
async function phone(tag: string): Promise<BrowserContext> {
  return browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 740 }, locale: tag });
}

async function open(page: Page, path: string, code: string): Promise<string> {
  const response = await page.goto(server.url + path);
  assert.equal(response?.status(), 200, path);
  assert.equal(await page.evaluate(() => document.documentElement.lang), code, `${path} is in ${code}`);
  return page.locator('main').innerText();
}

/** Whether the demo has a process's title and summary in `code` (then no note is due). */
async function hasOwnText(slug: string, code: 'sv' | 'da' | 'en'): Promise<boolean> {
  const found = await server.platform.processes.getProcess(null, slug);
  assert.ok(found.ok);
  return Boolean(found.value.title[code]?.trim() && found.value.summary[code]?.trim());
}

describe('the demo in Swedish, Danish and English on a phone', () => {
  for (const lang of languages) {
    test(`${lang.code}: plurals, numbers, money, dates and the language note`, async () => {
      const context = await phone(lang.tag);
      const page = await context.newPage();

      // Home: the open processes, each with its state and dates; a note only on cards shown in another language.
      const home = await open(page, '/', lang.code);
      assert.doesNotMatch(home, /\b\d{4}-\d{2}-\d{2}\b/, 'no ISO dates');
      assert.match(home, lang.date);
      assert.ok(!home.includes('A hearing that is over') && !home.includes('Remiss som är över'), 'a process past its end is not among the open ones');
      const cards = page.locator('article.card');
      assert.ok((await cards.count()) > 0);
      for (const card of await cards.all()) {
        const slug = ((await card.locator('h3 a').getAttribute('href')) ?? '').replace('/processes/', '');
        const notes = await card.locator('.language-note').allInnerTexts();
        if (await hasOwnText(slug, lang.code)) assert.deepEqual(notes, [], `${slug} is in ${lang.code}: no note`);
        else {
          assert.equal(notes.length, 1, `${slug} is shown in another language: one note`);
          assert.match(notes[0] ?? '', lang.note);
        }
      }
      await fitsPhone(page, `/ in ${lang.code}`, `language-${lang.code}-home`);
      await page.setViewportSize({ width: 375, height: 740 }); // fitsPhone leaves a desktop width

      // The list shows the process past its end date as closed.
      await open(page, '/processes', lang.code);
      const over = page.locator('article.card', { has: page.locator('a[href="/processes/hoering-som-er-over"]') });
      assert.equal(await over.locator('.badge').innerText(), lang.closed);
      assert.deepEqual(await over.locator('.language-note').allInnerTexts(), [], 'its text is in this language');

      // A process page: one date style; the note once at most, in the page's language.
      const process = await open(page, '/processes/ny-sentrumsplan', lang.code);
      assert.match(process, lang.date);
      const processNotes = await page.locator('.language-note').allInnerTexts();
      assert.ok(processNotes.length <= 1);
      if (processNotes.length === 1) assert.match(processNotes[0] ?? '', lang.note);

      // Ideas: a count of one in the singular.
      await open(page, '/processes/ny-sentrumsplan/ideas', lang.code);
      const bilfritt = page.locator('li, article', { has: page.locator('a', { hasText: 'Bilfritt torg på lørdager' }) }).last();
      assert.ok((await bilfritt.innerText()).includes(lang.oneSupport), await bilfritt.innerText());
      await screenshot(page, `language-${lang.code}-ideas`);

      // Participatory budgeting: money with the language's thousands separator.
      const budget = await open(page, budgetPage, lang.code);
      assert.match(budget, lang.thousands);
      assert.doesNotMatch(budget, /\d{4,}\s?(kr|NOK|Nkr)/, 'no amount without thousands separators');
      await fitsPhone(page, `the budget in ${lang.code}`, `language-${lang.code}-budget`);
      await context.close();
    });
  }

  test('nb: content in the page language carries no language note', async () => {
    const context = await phone('nb-NO');
    const page = await context.newPage();
    for (const path of ['/', '/processes', '/processes/ny-sentrumsplan']) {
      await open(page, path, 'nb');
      assert.deepEqual(await page.locator('.language-note').allInnerTexts(), [], path);
    }
    await context.close();
  });
});
