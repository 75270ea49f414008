// Issue 20, part 4 in a browser: on the demo UberX panel a member drafts a recommendation, another edits it (a
// second version), the versions page shows the words that changed, members comment and reply, support is given
// with JavaScript off, the facilitator's first send is refused for want of support with a translated reason and
// the second goes through, the decision-maker answers "partly" with reasons, the public page shows it and the
// members are notified. A member reports another's comment, which waits in the moderators' queue; the
// decision-maker is e-mailed when the recommendation is sent. Then the upcoming meeting's live page: its agenda,
// the time where the municipality is, and the item the facilitator marks "now on" reaching an open page without a
// reload; and a meeting set in winter for the first day of summer time (part 3): 18:00 on the page, in the
// members' e-mail and in the .ics file. axe checks the pages; the recommendation and meeting pages fit a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, assertAccessibleWithoutJs, fitsPhone, launchBrowser, newContext, screenshot, sessionOf, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
});
after(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

const uber = 'uberx-og-drosjereglene';
const title = 'Sjåførene skal kunne vise løyvet i appen';

/** The demo UberX panel's id. */
async function uberPanelId(): Promise<string> {
  const process = await server.platform.processes.getProcess(null, uber);
  assert.ok(process.ok);
  const panel = (await server.platform.stakeholders.panelsOfProcess(process.value.id))[0];
  assert.ok(panel);
  return panel.id;
}

async function as(email: string, javaScript = true) {
  const context = await signedInContext(browser, server, email, { javaScript });
  contexts.push(context);
  return context.newPage();
}

test('drafted together: edit, versions, comments, support without JavaScript, send refused then sent, answered partly, members told', async () => {
  // Sara drafts on the panel page (JavaScript off).
  const sara = await as('sara@demo.tingsted.no', false);
  await sara.goto(`${server.url}/processes/${uber}/stakeholders`);
  await sara.fill('#field-rtitle', title);
  await sara.fill('#field-rbody', 'Plattformsjåfører skal vise løyvet.');
  await sara.click('form[action="?/recommend"] button[type="submit"]');
  await sara.getByText(nb('stakeholders.recommendation.added')).waitFor();
  const drafted = (await server.platform.stakeholders.recommendations(await uberPanelId())).find((r) => r.title === title);
  assert.ok(drafted);
  const page = `${server.url}/processes/${uber}/stakeholders/recommendations/${drafted.number}`;

  // Kari edits it: version 2. She starts typing before the page's script has run (a slow phone): hydration
  // must leave her words in the prefilled field, neither restoring the old text nor adding to it.
  const kari = await as('kari@demo.tingsted.no');
  const scripts = '**/_app/immutable/**';
  await kari.route(scripts, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await kari.goto(page, { waitUntil: 'domcontentloaded' });
  await kari.fill('#field-body', 'Alle sjåfører skal vise løyvet og forsikringen i appen.');
  await kari.waitForLoadState('networkidle');
  await kari.unroute(scripts);
  assert.equal(await kari.inputValue('#field-body'), 'Alle sjåfører skal vise løyvet og forsikringen i appen.');
  await kari.click('form[action="?/edit"] button[type="submit"]');
  await kari.getByText(nb('recommendations.edit.saved')).waitFor();
  assert.match((await kari.textContent('main')) ?? '', new RegExp(nb('recommendations.version', { version: 2 })));

  // The versions page: who saved what, and the words that changed.
  await kari.click(`a[href$="/recommendations/${drafted.number}/versions"]`);
  await kari.waitForURL(/\/versions$/);
  assert.equal(await kari.locator('tbody tr').count(), 2);
  assert.equal(await kari.locator('p.diff ins').first().textContent(), 'Alle sjåfører ');
  assert.match((await kari.locator('p.diff del').allTextContents()).join(' '), /Plattformsjåfører/);
  await assertAccessible(kari, 'recommendation-versions');
  await screenshot(kari, 'recommendations-versions');

  // A comment and a reply.
  await kari.goto(page);
  await kari.fill('#field-comment', 'Hva med sjåfører som kjører for flere selskaper?');
  await kari.click('form:has(#field-comment) button[type="submit"]');
  await kari.getByText(nb('recommendations.comment.added')).waitFor();
  const ola = await as('ola@demo.tingsted.no');
  await ola.goto(page);
  const thread = ola.locator('li.comment', { hasText: 'flere selskaper' });
  await thread.locator('form.reply textarea').fill('Da viser de løyvet i hver app.');
  await thread.locator('form.reply button[type="submit"]').click();
  await ola.getByText(nb('recommendations.comment.added')).waitFor();
  assert.match((await ola.locator('ol.replies').first().textContent()) ?? '', /hver app/);

  // Sara reports Kari's comment (JavaScript off): first without a reason (named beside its form), then with one.
  const saraReports = await as('sara@demo.tingsted.no', false);
  await saraReports.goto(page);
  const reported = saraReports.locator('li.comment', { hasText: 'flere selskaper' }).first();
  await reported.locator('details > summary').first().click();
  await reported.locator('form.report-form button[type="submit"]').first().click();
  await saraReports.waitForSelector('.error-summary');
  assert.match((await saraReports.textContent('.error-summary')) ?? '', new RegExp(nb('reportForm.legend')), 'the summary names the reason’s field');
  const again = saraReports.locator('li.comment', { hasText: 'flere selskaper' }).first();
  assert.ok(await again.locator('form.report-form .has-error').first().isVisible(), 'the error stands beside that comment’s form');
  await again.locator('form.report-form input[value="off_topic"]').first().check();
  await again.locator('form.report-form button[type="submit"]').first().click();
  await saraReports.getByText(nb('reportForm.sent')).waitFor();
  // It waits in the moderators' queue with the other kinds, linked to the comment.
  const moderator = await as('prosess@demo.tingsted.no');
  await moderator.goto(`${server.url}/manage/moderation`);
  const queued = moderator.locator('article.queue-item', { hasText: 'flere selskaper' });
  await queued.waitFor();
  assert.match((await queued.locator('.badge').first().textContent()) ?? '', new RegExp(nb('moderate.type.recommendation_comment')));
  assert.match((await queued.locator(`a[href*="/recommendations/${drafted.number}#comment-"]`).first().getAttribute('href')) ?? '', /#comment-[0-9a-f-]{36}$/);
  await assertAccessible(moderator, 'moderation-queue-recommendation-comment');
  await screenshot(moderator, 'moderation-queue-recommendation-comment');

  // Sara supports version 2 with JavaScript off; the facilitator's send is refused: one of the two needed.
  await sara.goto(page);
  await sara.click('form[action="?/support"] button');
  await sara.getByText(nb('recommendations.support.given')).waitFor();
  assert.match((await sara.textContent('main')) ?? '', new RegExp(nb('recommendations.support.mineCurrent', { version: 2 })));
  assert.equal(await sara.locator('form[action="?/support"]').count(), 0, 'no second support for the same version');
  await assertAccessibleWithoutJs(sara, 'recommendation-supported');
  const per = await as('prosess@demo.tingsted.no', false);
  await per.goto(page);
  await per.click('form[action="?/send"] button');
  await per.waitForSelector('.error-summary');
  const refusal = (await per.textContent('.error-summary')) ?? '';
  assert.ok(refusal.includes(nb('error.SupportMissing')), refusal);
  assert.ok(refusal.includes(nb('stakeholders.support.missing', { count: 1, needed: 2, members: 3 })), refusal);
  await kari.goto(page);
  await kari.click('form[action="?/support"] button');
  await kari.getByText(nb('recommendations.support.given')).waitFor();
  await per.goto(page);
  await per.click('form[action="?/send"] button');
  await per.getByText(nb('recommendations.send.done')).waitFor();
  assert.equal(await per.locator('form[action="?/edit"]').count(), 0, 'no edits once sent');
  // The decision-maker is told it waits for an answer, by e-mail with the support it came with.
  const told = await server.mail.waitFor('ordforer@demo.tingsted.no', (m) => m.subject.includes(title));
  assert.ok(told.text.includes(`Interessentpanelet har sendt deg anbefalingen «${title}», støttet av 2 av 3 medlemmer.`), told.text);
  assert.ok(told.text.includes(`/processes/${uber}/stakeholders/recommendations/${drafted.number}`));

  // The decision-maker answers "partly" with reasons.
  const mayor = await as('ordforer@demo.tingsted.no');
  await mayor.goto(page);
  await mayor.check('input[name="decision"][value="partly"]');
  await mayor.fill('#field-reason', 'Løyvet skal vises i appen; forsikringen vises på forespørsel.');
  await mayor.click('form[action="?/answer"] button[type="submit"]');
  await mayor.getByText(nb('stakeholders.decide.done')).waitFor();
  await assertAccessible(mayor, 'recommendation-answered');
  await fitsPhone(mayor, 'the recommendation page', 'recommendations-answered');

  const visitor = await newContext(browser);
  contexts.push(visitor);
  const publicPage = await visitor.newPage();
  await publicPage.goto(`${server.url}/processes/${uber}/stakeholders`);
  const card = publicPage.locator(`#recommendation-${drafted.number}`);
  assert.match((await card.textContent()) ?? '', new RegExp(`${nb('recommendations.decision.partly')}[\\s\\S]*forsikringen vises på forespørsel`));

  const olaUser = await sessionOf(server, 'ola@demo.tingsted.no');
  const notes = await server.platform.notifications.listFor(olaUser, 'nb');
  assert.ok(notes.some((n) => n.kind === 'recommendation_decided' && n.text.includes(title)), 'a member is notified of the answer');
});

test('the live meeting page: agenda, time where the municipality is, "now on" marked by the facilitator reaches an open page', async () => {
  const meeting = (await server.platform.stakeholders.meetings(await uberPanelId())).find((m) => m.starts_at.getTime() > Date.now());
  assert.ok(meeting, 'the demo has an upcoming meeting');
  const address = `${server.url}/processes/${uber}/stakeholders/meetings/${meeting.id}`;

  const visitor = await newContext(browser);
  contexts.push(visitor);
  const watcher = await visitor.newPage();
  await watcher.goto(address);
  assert.equal(await watcher.locator('ol.agenda li').count(), 4);
  assert.match((await watcher.textContent('time')) ?? '', /kl\. 18:00/, 'the wall clock where the municipality is');
  assert.match((await watcher.textContent('main')) ?? '', /Europe\/Oslo/);
  assert.equal(await watcher.locator('ol.agenda li.now').count(), 0);
  await assertAccessible(watcher, 'meeting-live');
  await fitsPhone(watcher, 'the meeting page', 'meeting-live');
  // The page follows the facilitator once its event stream has said it is open (its first event).
  await watcher.locator('ol.agenda[data-live="true"]').waitFor();

  // The facilitator marks the second item, with JavaScript off; the open page follows without a reload.
  const per = await as('prosess@demo.tingsted.no', false);
  await per.goto(address);
  await per.locator('ol.agenda li').nth(1).locator('button').click();
  await per.getByText(nb('meetings.nowOn.saved')).waitFor();
  await watcher.locator('ol.agenda li.now').waitFor({ timeout: 10_000 });
  assert.match((await watcher.locator('ol.agenda li.now').textContent()) ?? '', /Anbefaling 2/);
  assert.equal(await watcher.locator('ol.agenda li[aria-current="true"]').count(), 1);
  await assertAccessibleWithoutJs(per, 'meeting-facilitator');
  await screenshot(per, 'meeting-facilitator');
});

test('a meeting set in winter for the day summer time starts: 18:00 on the page, in the members’ e-mail and in the calendar file', async () => {
  // Set now (UTC+1) for 28 March 2027, when Oslo is at UTC+2: read with today's offset it would show 19:00.
  const process = await server.platform.processes.getProcess(null, uber);
  assert.ok(process.ok);
  const panel = (await server.platform.stakeholders.panelsOfProcess(process.value.id))[0];
  assert.ok(panel);
  const per = await as('prosess@demo.tingsted.no', false);
  await per.goto(`${server.url}/manage/${process.value.id}/stakeholders/${panel.phase_id}`);
  await per.fill('#field-meetingTitle', 'Møte om sommertid');
  await per.fill('#field-startsAt', '2027-03-28T18:00');
  await per.fill('#field-place', 'Rådhuset, sal A');
  await per.click('form[action="?/meeting"] button[type="submit"]');
  await per.getByText(nb('stakeholders.manage.done')).waitFor();
  const meeting = (await server.platform.stakeholders.meetings(panel.id)).find((m) => m.title === 'Møte om sommertid');
  assert.ok(meeting);
  assert.equal(meeting.starts_at.toISOString(), '2027-03-28T16:00:00.000Z', 'stored as the instant');

  const mail = await server.mail.waitFor('sara@demo.tingsted.no', (m) => m.subject.includes('Møte om sommertid'));
  assert.ok(mail.text.includes('28. mars 2027 kl. 18:00'), mail.text);
  assert.ok(mail.text.includes('Sted: Rådhuset, sal A'), mail.text);

  const visitor = await newContext(browser);
  contexts.push(visitor);
  const page = await visitor.newPage();
  await page.goto(`${server.url}/processes/${uber}/stakeholders/meetings/${meeting.id}`);
  assert.match((await page.textContent('time')) ?? '', /28\. mars 2027 kl\. 18:00/);
  const href = await page.locator('a[href$="/calendar.ics"]').getAttribute('href');
  assert.ok(href);
  const ics = await page.request.get(`${server.url}${href}`);
  assert.equal(ics.status(), 200);
  assert.match(ics.headers()['content-type'] ?? '', /^text\/calendar/);
  const text = await ics.text();
  assert.ok(text.includes('DTSTART:20270328T160000Z'), text);
  assert.ok(text.includes('LOCATION:Rådhuset\\, sal A'), text);
  await assertAccessible(page, 'meeting-summer-time');
  await screenshot(page, 'meeting-summer-time');
});
