// Updates in the browser: a process manager counts the recipients and sends an update with JavaScript off (an
// update to nobody refused with the reason named, what was typed kept), schedules one in the municipality's time
// and cancels it; a resident finds the update in her notification list; the unsubscribe link in the e-mail works
// without signing in. Every page axe-clean and fitting a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessibleWithoutJs, fitsPhone, launchBrowser, newContext, screenshot, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
let staff: BrowserContext;
let kari: BrowserContext;
let processId = '';
before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  staff = await signedInContext(browser, server, 'prosess@demo.tingsted.no', { javaScript: false });
  kari = await signedInContext(browser, server, 'kari@demo.tingsted.no', { javaScript: false });
  const process = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(process.ok);
  processId = process.value.id;
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('staff count recipients and send an update without JavaScript; a resident reads it; the e-mail link unsubscribes', async () => {
  const page = await staff.newPage();
  await page.goto(`${server.url}/manage/${processId}`);
  await page.getByRole('link', { name: nb('updates.link') }).click();
  await page.waitForURL(new RegExp(`/manage/${processId}/updates$`));
  await assertAccessibleWithoutJs(page, 'updates page');
  await fitsPhone(page, 'updates page', 'updates');

  // Counting followers only (the GET form works without JavaScript).
  await page.locator('#count-audience input[value="followers"]').check();
  await page.getByRole('button', { name: nb('updates.count') }).click();
  await page.waitForURL(/audience=followers/);
  assert.match((await page.textContent('section[aria-labelledby="count-heading"] [role="status"]')) ?? '', /Den ville nådd \d+ person/);

  // The information phase, where nobody could take part: refused, the audience named, and the text kept.
  const later = (await server.platform.processes.getProcessById(processId))?.phases[0];
  assert.ok(later);
  await page.locator('#field-audience input[value="participants"]').check();
  await page.selectOption('#field-phaseId', later.id);
  await page.fill('[name="subject.nb"]', 'Planen legges fram i juni');
  await page.fill('[name="body.nb"]', 'Kom på folkemøtet i rådhuset.\nVi viser hva dere har sagt.');
  await page.click('form[action="?/send"] button[type="submit"]');
  await page.waitForSelector('.error-summary');
  const refused = (await page.textContent('.error-summary')) ?? '';
  assert.ok(refused.includes(nb('field.noRecipientsPhase')) || refused.includes(nb('field.noRecipients')), refused);
  assert.equal(await page.inputValue('[name="subject.nb"]'), 'Planen legges fram i juni');
  await assertAccessibleWithoutJs(page, 'updates page, refused');

  // The whole process, participants and followers: sent now, and the counts shown.
  await page.locator('#field-audience input[value="both"]').check();
  await page.selectOption('#field-phaseId', '');
  await page.click('form[action="?/send"] button[type="submit"]');
  const sent = (await page.locator('[role="status"]').first().textContent()) ?? '';
  assert.match(sent, /^Sendt\. Den nådde \d+ personer \(e-post: \d+, varselliste: \d+\)\.$/);
  assert.ok(await page.getByRole('heading', { name: 'Planen legges fram i juni' }).isVisible());
  await screenshot(page, 'updates-sent');

  // Scheduled at 10:00 in Oslo on a summer day: listed with that time, then cancelled.
  await page.fill('[name="subject.nb"]', 'Påminnelse om møtet');
  await page.fill('[name="body.nb"]', 'Husk møtet i morgen.');
  await page.fill('#field-sendAt', '2099-06-01T10:00');
  await page.click('form[action="?/send"] button[type="submit"]');
  assert.equal(await page.locator('[role="status"]').first().textContent(), nb('updates.scheduled', { time: '1. juni 2099 kl. 10:00' }));
  await page.getByRole('button', { name: nb('updates.cancelNamed', { subject: 'Påminnelse om møtet' }) }).click();
  assert.equal(await page.locator('[role="status"]').first().textContent(), nb('updates.cancelled'));
  assert.ok(await page.getByText(nb('updates.when.cancelled', { time: '1. juni 2099 kl. 10:00' })).isVisible());
  await page.close();

  // Kari took part: the update is in her notification list.
  const karis = await kari.newPage();
  await karis.goto(`${server.url}/notifications`);
  assert.ok(await karis.getByText('Nytt om «Ny sentrumsplan»: Planen legges fram i juni', { exact: false }).first().isVisible());
  await karis.close();

  // The e-mail's link, opened by someone not signed in: a confirm page, then done.
  const mail = await server.mail.waitFor('kari@demo.tingsted.no', (m) => m.subject.startsWith('Planen legges fram i juni'));
  const link = /https?:\/\/\S+\/unsubscribe\/\S+/.exec(mail.text)?.[0];
  assert.ok(link, mail.text);
  const anonymous = await newContext(browser, { javaScript: false });
  const visitor = await anonymous.newPage();
  await visitor.goto(link);
  await assertAccessibleWithoutJs(visitor, 'unsubscribe page');
  await fitsPhone(visitor, 'unsubscribe page', 'unsubscribe');
  await visitor.getByRole('button', { name: nb('unsubscribe.confirm') }).click();
  assert.match((await visitor.textContent('[role="status"]')) ?? '', /Du får ikke flere oppdateringer om «/);
  await visitor.goto(link);
  assert.match((await visitor.textContent('main')) ?? '', /Du har allerede meldt deg av/);
  await visitor.goto(`${server.url}/unsubscribe/not-a-real-link-0000000000000`);
  assert.equal(await visitor.textContent('[role="alert"]'), nb('unsubscribe.invalid'));
  await assertAccessibleWithoutJs(visitor, 'unsubscribe page, invalid link');
  await anonymous.close();
});
