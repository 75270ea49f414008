// Events in the browser (issue 19, part 2): staff create an event in a process (a wrong end time named first),
// a resident signs up and cancels with JavaScript off, a second one lands on the waiting list of the full event
// and moves up; every page axe-clean and fitting a 360 px phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, assertAccessibleWithoutJs, dayFrom, fitsPhone, launchBrowser, screenshot, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
let staff: BrowserContext;
let kari: BrowserContext;
let ola: BrowserContext;
before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  staff = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  kari = await signedInContext(browser, server, 'kari@demo.tingsted.no', { javaScript: false });
  ola = await signedInContext(browser, server, 'ola@demo.tingsted.no', { javaScript: false });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('staff create an event; residents sign up and cancel without JavaScript; the full event waitlists', async () => {
  const day = dayFrom(server, 21);
  const page = await staff.newPage();
  await page.goto(`${server.url}/processes/torget-for-alle`);
  // The timeline shows the demo's events, and staff can add one.
  assert.ok(await page.getByRole('link', { name: 'Verksted: benker, lys og lek' }).isVisible());
  await page.getByRole('link', { name: nb('events.new') }).click();
  await page.waitForURL(/\/events\/new\?process=torget-for-alle/);
  await page.fill('#field-title', 'Befaring på torget');
  await page.fill('#field-startsAt', `${day}T18:00`);
  await page.fill('#field-endsAt', `${day}T17:00`);
  await page.fill('#field-capacity', '1');
  await page.fill('#field-address', 'Fontenen på torget');
  await page.click('main button[type="submit"]');
  // Refused with the field named, and what was typed is still there.
  await page.waitForSelector('.error-summary');
  assert.match((await page.textContent('.error-summary')) ?? '', new RegExp(`${nb('events.field.endsAt')}.*${nb('field.eventEndsBeforeStart')}`));
  assert.equal(await page.inputValue('#field-title'), 'Befaring på torget');
  await assertAccessible(page, 'new event, refused');
  await page.fill('#field-endsAt', `${day}T19:30`);
  await page.click('main button[type="submit"]');
  await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  const eventUrl = page.url();
  assert.match((await page.textContent('main')) ?? '', /kl\. 18:00/);
  await page.close();

  // Kari signs up with JavaScript off.
  const karis = await kari.newPage();
  await karis.goto(eventUrl);
  await assertAccessibleWithoutJs(karis, 'event page');
  await fitsPhone(karis, 'event page', 'events-event');
  await karis.getByRole('button', { name: nb('events.signUp') }).click();
  assert.equal(await karis.textContent('[role="status"]'), nb('events.confirmed'));
  assert.ok(await karis.getByText(nb('events.youHaveSeat')).isVisible());

  // The one seat is taken: Ola joins the waiting list.
  const olas = await ola.newPage();
  await olas.goto(eventUrl);
  await olas.getByRole('button', { name: nb('events.joinWaitlist') }).click();
  assert.equal(await olas.textContent('[role="status"]'), nb('events.waitlisted'));
  assert.ok(await olas.getByText(nb('events.youWait', { position: 1 })).isVisible());
  await assertAccessibleWithoutJs(olas, 'event page, on the waiting list');
  await screenshot(olas, 'events-waitlisted');

  // Kari cancels; Ola gets the seat.
  await karis.getByRole('button', { name: nb('events.cancel') }).click();
  assert.equal(await karis.textContent('[role="status"]'), nb('events.cancelled'));
  assert.equal(await karis.getByRole('button', { name: nb('events.signUp') }).count(), 0, 'the seat went to the waiting list');
  assert.ok(await karis.getByRole('button', { name: nb('events.joinWaitlist') }).isVisible());
  await olas.reload();
  assert.ok(await olas.getByText(nb('events.youHaveSeat')).isVisible());
  await olas.close();
  await karis.close();

  // Staff see who holds the seat.
  const manage = await staff.newPage();
  await manage.goto(`${eventUrl}/manage`);
  assert.match((await manage.textContent('table')) ?? '', /Ola Nordmann/);
  assert.doesNotMatch((await manage.textContent('table')) ?? '', /Kari Nordmann/);
  await assertAccessible(manage, 'manage event');
  await fitsPhone(manage, 'manage event', 'events-manage');
  await manage.close();
});

test('the events list and a past event with its minutes are accessible and fit a phone', async () => {
  const page = await kari.newPage();
  await page.goto(`${server.url}/events`);
  assert.ok(await page.getByRole('link', { name: 'Digitalt informasjonsmøte: slik deltar du' }).isVisible());
  await assertAccessibleWithoutJs(page, 'events list');
  await fitsPhone(page, 'events list', 'events-list');
  await page.goto(`${server.url}/events?when=past`);
  await page.getByRole('link', { name: 'Første folkemøte om torget' }).click();
  assert.ok(await page.getByRole('heading', { name: nb('events.minutes') }).isVisible());
  assert.ok(await page.getByRole('link', { name: 'Benker med ryggstøtte rundt fontenen' }).isVisible());
  await assertAccessibleWithoutJs(page, 'past event');
  await fitsPhone(page, 'past event', 'events-past');
  await page.close();
});
