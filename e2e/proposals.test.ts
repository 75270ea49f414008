// Citizen proposals (issue 19) in a browser: a resident drafts a proposal in the demo's always-open proposals
// phase and publishes it; another signs it with JavaScript off, withdraws and signs again, showing their name;
// a third signature reaches the threshold, the staff are told, the decision-maker answers on the page and the
// signer reads the answer among their notifications. The draft takes an image with its alt text. The
// municipality's proposals section (/proposals, linked from the home page) lists them by status, without
// JavaScript too. axe checks each page; the pages fit a 360 px phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, assertAccessibleWithoutJs, fitsPhone, launchBrowser, newContext, screenshot, sessionOf, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
const listPath = '/processes/innbyggerforslag/proposals';
// A 48 × 24 PNG: blue sky over green grass.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAADAAAAAYCAIAAAAzn+mLAAAAOklEQVR4nGOQqzgxqBDDgLtg1EGjDhp10KiDBtoFow4i1UE2CwIGFRp10KiDRh006qCBRqMOGnIOAgB/9bbMgR5c1AAAAABJRU5ErkJggg==', 'base64');

before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  await server.close();
});

async function check(page: Page, name: string, options: { javaScriptOff?: boolean } = {}) {
  if (options.javaScriptOff) await assertAccessibleWithoutJs(page, name);
  else await assertAccessible(page, name);
  await fitsPhone(page, name, `proposals-${name}`);
}

const signatures = (page: Page) => page.textContent('#signatures-text');

test('draft and publish, sign without JavaScript and withdraw, reach the threshold, answer, and the signer is told', async () => {
  // Kari drafts and publishes.
  const kari = await signedInContext(browser, server, 'kari@demo.tingsted.no');
  const page = await kari.newPage();
  await page.goto(server.url + listPath);
  assert.deepEqual(await page.locator('.idea-list h2').allTextContents(), ['Hundepark i Nordbyen', 'Drikkevannspost på torget']);
  assert.equal(await page.locator('progress').first().getAttribute('aria-label'), nb('prop.signaturesOf', { signatures: '2', count: 2 }));
  await check(page, 'list');
  // Bad input is refused with the fields named, and what was written stays.
  await page.fill('#field-title', 'Kort');
  await page.fill('#field-decision', 'Kommunestyret vedtar benker ved elva.');
  await page.click('form[action*="?/draft"] button[type=submit]');
  assert.match((await page.textContent('.error-summary')) ?? '', new RegExp(nb('prop.field.body')));
  assert.equal(await page.inputValue('#field-decision'), 'Kommunestyret vedtar benker ved elva.');
  await page.fill('#field-title', 'Benker langs elva');
  await page.fill('#field-body', 'Langs elvepromenaden er det for få benker, og eldre må gå langt uten å kunne hvile.');
  await page.selectOption('#field-area', 'Sentrum');
  await page.click('form[action*="?/draft"] button[type=submit]');
  await page.waitForURL(/\/proposals\/[0-9a-f-]{36}\?drafted=1$/);
  const proposalUrl = page.url().replace(/\?.*$/, '');
  assert.equal((await page.textContent('[role="status"]'))?.trim(), nb('prop.drafted'));
  assert.equal((await page.textContent('p.notice'))?.trim(), nb('prop.draftNotice'));
  await check(page, 'draft');
  // An image without its alt text is refused, naming the field; with it, it is shown with the proposal.
  await page.setInputFiles('#field-file', { name: 'elva.png', mimeType: 'image/png', buffer: png });
  await page.click('form[action="?/addImage"] button[type=submit]');
  assert.equal(await page.locator('.error-summary a[href="#field-altText"]').count(), 1, 'the summary names the alt text');
  await page.setInputFiles('#field-file', { name: 'elva.png', mimeType: 'image/png', buffer: png });
  await page.fill('#field-altText', 'Elvepromenaden uten benker');
  await page.click('form[action="?/addImage"] button[type=submit]');
  assert.equal((await page.textContent('[role="status"]'))?.trim(), nb('prop.images.added'));
  assert.equal(await page.locator('img.idea-image[alt="Elvepromenaden uten benker"]').evaluate((img: HTMLImageElement) => img.naturalWidth), 48);
  await check(page, 'draft-with-image');
  await page.click('form[action="?/publish"] button');
  assert.equal((await signatures(page))?.trim(), nb('prop.signaturesOf', { signatures: '0', count: 2 }));
  assert.match((await page.textContent('.support-panel')) ?? '', new RegExp(nb('prop.ownCannotSign')));
  await kari.close();

  // Ola signs with JavaScript off, withdraws, and signs again showing his name.
  const ola = await signedInContext(browser, server, 'ola@demo.tingsted.no', { javaScript: false });
  const olaPage = await ola.newPage();
  await olaPage.goto(proposalUrl);
  await check(olaPage, 'proposal', { javaScriptOff: true });
  await olaPage.click('form[action="?/sign"] button');
  assert.equal((await signatures(olaPage))?.trim(), nb('prop.signaturesOf', { signatures: '1', count: 2 }));
  assert.equal((await olaPage.textContent('[role="status"]'))?.trim(), nb('prop.signed'));
  await olaPage.click('form[action="?/withdraw"] button');
  assert.equal((await signatures(olaPage))?.trim(), nb('prop.signaturesOf', { signatures: '0', count: 2 }));
  await olaPage.check('#field-showName');
  await olaPage.click('form[action="?/sign"] button');
  assert.equal((await signatures(olaPage))?.trim(), nb('prop.signaturesOf', { signatures: '1', count: 2 }));
  assert.deepEqual(await olaPage.locator('.support-panel ul li').allTextContents(), ['Ola Nordmann']);

  // Sara's signature reaches the threshold: the staff are told.
  const sara = await signedInContext(browser, server, 'sara@demo.tingsted.no');
  const saraPage = await sara.newPage();
  await saraPage.goto(proposalUrl);
  await saraPage.click('form[action="?/sign"] button');
  assert.equal((await saraPage.textContent('[role="status"]'))?.trim(), nb('prop.signedReached'));
  await sara.close();
  const staffNews = await server.platform.notifications.listFor(await sessionOf(server, 'prosess@demo.tingsted.no'), 'nb');
  assert.match(staffNews[0]?.text ?? '', /^Innbyggerforslaget «Benker langs elva» har nok signaturer og går nå til kommunen\./);

  // The decision-maker answers on the page.
  const olav = await signedInContext(browser, server, 'ordforer@demo.tingsted.no');
  const olavPage = await olav.newPage();
  await olavPage.goto(proposalUrl);
  assert.match((await olavPage.textContent('.support-panel')) ?? '', /Svaret skal komme innen/);
  await olavPage.selectOption('#field-status', 'accepted');
  await olavPage.fill('#field-answer', 'Kommunestyret vedtok ti nye benker langs elva.');
  await olavPage.click('form[action="?/answer"] button');
  assert.equal((await olavPage.textContent('[role="status"]'))?.trim(), nb('answer.saved'));
  await assertAccessible(olavPage, 'answered proposal (staff)');
  await screenshot(olavPage, 'proposals-answered');
  await olav.close();

  // Ola reads the answer among his notifications, still without JavaScript.
  await olaPage.goto(`${server.url}/notifications`);
  assert.match((await olaPage.textContent('main')) ?? '', /Innbyggerforslaget «Benker langs elva» har nå statusen «Godkjent»\./);
  await ola.close();
});

test("the municipality's proposals section: reached from the home page, by status, without JavaScript", async () => {
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await page.click(`a[href="/proposals"]:has-text("${nb('prop.section.see')}")`);
  await page.waitForURL(/\/proposals$/);
  assert.equal((await page.textContent('h1'))?.trim(), nb('prop.link'));
  const heading = (group: string) => page.textContent(`#group-${group}`);
  assert.match((await heading('collecting')) ?? '', new RegExp(nb('prop.section.group.collecting')));
  assert.ok((await page.locator('section[aria-labelledby="group-collecting"] h3').allTextContents()).includes('Drikkevannspost på torget'));
  assert.ok((await page.locator('section[aria-labelledby="group-answered"] h3').allTextContents()).includes('Hundepark i Nordbyen'));
  assert.equal(await page.getAttribute('#write-heading + p a', 'href'), '/sign-in?returnTo=/proposals');
  await check(page, 'section', { javaScriptOff: true });
  await screenshot(page, 'proposals-section');
  await context.close();
});
