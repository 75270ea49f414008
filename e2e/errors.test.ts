// Errors that help: a refused form's summary names each field by its label with what is wrong, in the page's
// language; each entry links to its field and moves focus there; the summary takes focus after the submit;
// the fields carry aria-invalid and point to their messages; axe finds nothing. In Norwegian bokmål and
// English, with and without JavaScript.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cookieNames } from '@tingsted/platform';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, launchBrowser, screenshot, signedInContext } from './browser.ts';

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

const manager = 'prosess@demo.tingsted.no';

/** The process manager's browser, in `locale` (the language cookie the language menu sets). */
async function managerIn(locale: 'nb' | 'en', javaScript = true): Promise<BrowserContext> {
  const context = await signedInContext(browser, server, manager, { javaScript });
  await context.addCookies([{ name: cookieNames(false).locale, value: locale, domain: new URL(server.url).hostname, path: '/' }]);
  return context;
}

/** The summary's entries: each link's text and where it points. */
async function summaryEntries(page: Page): Promise<{ text: string; href: string }[]> {
  return page.$$eval('.error-summary li a', (links) => links.map((a) => ({ text: a.textContent?.trim() ?? '', href: a.getAttribute('href') ?? '' })));
}

/** Follows the summary's link for `field` and says which element has focus afterwards. */
async function followLink(page: Page, field: string): Promise<string> {
  await page.click(`.error-summary a[href="#field-${field}"]`);
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** Creates a draft from the new-process form; its /manage/<id> address. */
async function newDraft(page: Page, title: string): Promise<string> {
  await page.goto(`${server.url}/manage`, { waitUntil: 'networkidle' });
  await page.fill('#field-title', title);
  await page.click('form[action="?/create"] button[type="submit"]');
  await page.waitForURL(/\/manage\/[0-9a-f-]{36}$/);
  return page.url();
}

test('nb: the new-process form and publishing a draft name every missing field; the links focus the fields', async () => {
  const context = await managerIn('nb');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage`, { waitUntil: 'networkidle' });
  await page.click('form[action="?/create"] button[type="submit"]');
  await page.waitForSelector('.error-summary');
  assert.deepEqual(await summaryEntries(page), [{ text: 'Tittel på den nye prosessen: Fyll ut dette feltet.', href: '#field-title' }]);
  // The summary takes focus once the page's script runs (then its links move focus too).
  await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
  assert.equal(await page.getAttribute('#field-title', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#field-title', 'aria-describedby'), 'field-title-error');
  assert.equal(await followLink(page, 'title'), 'field-title');
  await assertAccessible(page, '/manage with a refused new process (nb)');

  const draft = new URL(await newDraft(page, 'Uferdig park')).pathname;
  await page.click('form[action="?/publish"] button[type="submit"]');
  await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
  const entries = await summaryEntries(page);
  const publish = 'Fyll ut dette før du publiserer. Innbyggerne leser det før de deltar.';
  // Publishing is on the overview; each missing field links to the section it is on (the charter, the timeline).
  const charter = `${draft}/charter`;
  assert.deepEqual(entries, [
    { text: `Kort sammendrag: ${publish}`, href: `${charter}#field-summary` },
    { text: `Spørsmålet: ${publish}`, href: `${charter}#field-question` },
    { text: `Hvorfor vi spør deg: ${publish}`, href: `${charter}#field-why_involved` },
    { text: `Hva innspillene dine kan endre: ${publish}`, href: `${charter}#field-scope_can_change` },
    { text: `Hva som allerede er bestemt: ${publish}`, href: `${charter}#field-scope_cannot_change` },
    { text: `Hvem som bestemmer: ${publish}`, href: `${charter}#field-decision_maker` },
    { text: `Hvordan og når du får svar: ${publish}`, href: `${charter}#field-response_commitment` },
    { text: `Hvem vi vil høre fra: ${publish}`, href: `${charter}#field-target_groups` },
    { text: `Hvorfor vi bruker denne metoden: ${publish}`, href: `${charter}#field-method_rationale` },
    { text: `Svarfrist: datoen beslutningstakeren svarer innen: ${publish}`, href: `${charter}#field-respondBy` },
    { text: 'Tidsplan: Legg til minst én fase i tidsplanen før du publiserer.', href: `${draft}/phases#field-phases` },
  ]);
  await screenshot(page, 'errors-publish-nb');
  await assertAccessible(page, '/manage/<id> after a refused publish (nb)');
  // Following a link opens the section with focus in the field.
  for (const [field, section] of [['question', 'charter'], ['respondBy', 'charter'], ['phases', 'phases']] as const) {
    await page.goto(`${server.url}${draft}`, { waitUntil: 'networkidle' });
    await page.click('form[action="?/publish"] button[type="submit"]');
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
    await page.click(`.error-summary a[href="${draft}/${section}#field-${field}"]`);
    await page.waitForURL(`${server.url}${draft}/${section}#field-${field}`);
    await page.waitForFunction((id) => document.activeElement?.id === id, `field-${field}`);
  }
  await context.close();
});

test('en: the add-phase form names each wrong field in English, with the date rule; axe finds nothing', async () => {
  const context = await managerIn('en');
  const page = await context.newPage();
  await page.goto(`${await newDraft(page, 'Unfinished square')}/phases`);
  await page.fill('#field-startsOn', '2031-02-01');
  await page.fill('#field-endsOn', '2031-01-01');
  await page.click('form[action="?/addPhase"] button[type="submit"]');
  await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
  assert.equal(await page.textContent('#error-summary-title'), 'There is a problem');
  const entries = await summaryEntries(page);
  assert.deepEqual(
    entries.map((e) => e.text),
    ['Phase title: Fill in this field.', 'Ends: The end date must be on or after the start date.'],
  );
  assert.equal(await page.getAttribute('#field-endsOn', 'aria-invalid'), 'true');
  assert.equal(await page.textContent('#field-endsOn-error'), 'The end date must be on or after the start date.');
  assert.equal(await followLink(page, 'endsOn'), 'field-endsOn');
  assert.equal(await followLink(page, 'phaseTitle'), 'field-phaseTitle');
  assert.equal(await page.inputValue('#field-startsOn'), '2031-02-01', 'what was typed is kept');
  // An item of a list that is too long is named by the list's label and shown at the list.
  await page.fill('#field-phaseTitle', 'Ideas');
  await page.fill('#field-endsOn', '2031-03-01');
  await page.fill('#field-categories', `Play\n${'x'.repeat(61)}`);
  await page.click('form[action="?/addPhase"] button[type="submit"]');
  await page.waitForSelector('#field-categories-error');
  assert.deepEqual(await summaryEntries(page), [{ text: 'Categories for ideas (optional): Use at most 60 characters.', href: '#field-categories' }]);
  assert.equal(await page.getAttribute('#field-categories', 'aria-invalid'), 'true');
  await screenshot(page, 'errors-add-phase-en');
  await assertAccessible(page, '/manage/<id> after a refused phase (en)');
  await context.close();
});

test('without JavaScript the summary still names each field and links to it', async () => {
  const context = await managerIn('nb', false);
  const page = await context.newPage();
  await page.goto(`${server.url}/manage`);
  await page.fill('#field-title', 'Uten skript');
  await page.click('form[action="?/create"] button[type="submit"]');
  await page.waitForURL(/\/manage\/[0-9a-f-]{36}$/);
  const draft = new URL(page.url()).pathname;
  await page.click('form[action="?/publish"] button[type="submit"]');
  await page.waitForSelector('.error-summary');
  const entries = await summaryEntries(page);
  assert.equal(entries.length, 11);
  assert.deepEqual(entries[0], { text: 'Kort sammendrag: Fyll ut dette før du publiserer. Innbyggerne leser det før de deltar.', href: `${draft}/charter#field-summary` });
  // The link leads to the field on the charter page.
  await page.click(`.error-summary a[href="${draft}/charter#field-summary"]`);
  await page.waitForURL(`${server.url}${draft}/charter#field-summary`);
  assert.equal(await page.locator('#field-summary').count(), 1);
  await context.close();
});
