// The story of issue 6 in a browser: a manager publishes a process with a charter and two phases; a
// resident registers, posts an idea, comments and supports another (with JavaScript off); a moderator
// hides a comment; the decision-maker answers and accepts the idea and adds a milestone; the resident gets
// the e-mail and sees the status. axe checks every page on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { linkIn } from '../apps/server/src/testing/smtp.ts';
import { assertAccessible, assertAccessibleWithoutJs, launchBrowser, newContext, screenshot, signedInContext, nb } from './browser.ts';

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

/** A real PNG of one colour, for upload tests. */
function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

function day(offset: number): string {
  const d = new Date(`${server.platform.processes.today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

async function check(page: Page, name: string, options: { javaScriptOff?: boolean } = {}) {
  if (options.javaScriptOff) await assertAccessibleWithoutJs(page, name);
  else await assertAccessible(page, name);
  await screenshot(page, `story-${name}`);
}

let slug = '';
let residentIdeaUrl = '';
let olaIdeaUrl = '';

test('a manager writes the charter, adds two phases and publishes', async () => {
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage`);
  await check(page, 'manage');
  await page.fill('#field-title', 'Grønnere skolegårder');
  await page.click('form[action="?/create"] button');
  await page.waitForURL(/\/manage\/[0-9a-f-]{36}$/);
  const workspace = page.url();
  // Publishing too early (from the overview) names what is missing.
  await page.click('form[action="?/publish"] button');
  await page.waitForSelector('.error-summary');
  assert.match((await page.textContent('.error-summary')) ?? '', new RegExp(nb('field.phasesRequired').slice(0, 20)));
  await check(page, 'manage-publish-refused');

  const charter: Record<string, string> = {
    summary: 'Hvordan kan skolegårdene bli grønnere og bedre å leke i?',
    question: 'Hva vil dere ha i skolegården?',
    why_involved: 'Elevene bruker skolegården hver dag.',
    scope_can_change: 'Beplantning, lekeapparater og sitteplasser.',
    scope_cannot_change: 'Størrelsen på skolegården.',
    decision_maker: 'Oppvekstutvalget',
    response_commitment: 'Utvalget svarer på alle innspill før sommerferien.',
    target_groups: 'Elever, foreldre og lærere.',
    method_rationale: 'Idéer med støtte viser hva som betyr mest.',
  };
  // The charter and the timeline are sections of their own, each with its own save.
  await page.goto(`${workspace}/charter`);
  for (const [field, value] of Object.entries(charter)) await page.fill(`#field-${field}`, value);
  await page.fill('#field-respondBy', day(60));
  await page.click('form[action="?/charter"] button[type="submit"]');
  await page.getByRole('status').waitFor();

  await page.goto(`${workspace}/phases`);
  for (const phase of [
    { title: 'Informasjon', method: 'information', from: -20, to: -2 },
    { title: 'Idéer', method: 'ideas', from: -1, to: 30, categories: 'Lek og aktivitet\nGrønt og natur\nSikkerhet' },
  ]) {
    await page.fill('#field-phaseTitle', phase.title);
    await page.selectOption('#field-method', phase.method);
    if (phase.categories) await page.fill('#field-categories', phase.categories);
    await page.fill('#field-startsOn', day(phase.from));
    await page.fill('#field-endsOn', day(phase.to));
    await page.click('form[action="?/addPhase"] button[type="submit"]');
    await page.getByRole('status').waitFor();
  }
  // An overlapping phase is refused with a reason.
  await page.fill('#field-phaseTitle', 'Overlapp');
  await page.fill('#field-startsOn', day(10));
  await page.fill('#field-endsOn', day(40));
  await page.click('form[action="?/addPhase"] button[type="submit"]');
  await page.waitForSelector('#field-startsOn-error');
  await page.goto(workspace);
  await page.click('form[action="?/publish"] button');
  await page.getByText(nb('manage.published')).waitFor();
  await check(page, 'manage-published');
  slug = (await page.getAttribute('a[href^="/processes/"]', 'href'))?.split('/')[2] ?? '';
  assert.equal(slug, 'gronnere-skolegarder');

  await page.goto(`${server.url}/processes/${slug}`);
  assert.equal(await page.textContent('#charter-scope_cannot_change + p'), 'Størrelsen på skolegården.');
  assert.equal(await page.getAttribute('li[aria-current="step"] strong', 'lang'), 'nb');
  await check(page, 'process-page');
  await context.close();

  // Another resident's idea, for our resident to support and comment on.
  const ola = await server.platform.accounts.signIn({ email: 'ola@demo.tingsted.no', password: 'demo-passord-2026' });
  assert.ok(ola.ok);
  const olaActor = { id: ola.value.userId, roles: ['resident' as const] };
  const process = await server.platform.processes.getProcess(null, slug);
  assert.ok(process.ok);
  const posted = await server.platform.ideas.postIdea(olaActor, { phaseId: process.value.currentPhaseId ?? '', title: 'Epletrær langs gjerdet', body: 'Frukttrær gir skygge og epler om høsten.' });
  assert.ok(posted.ok);
  olaIdeaUrl = `${server.url}/processes/${slug}/ideas/${posted.value.id}`;
});

test('a resident registers, posts an idea, comments and supports another, with JavaScript off', async () => {
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/register`);
  await page.fill('#field-displayName', 'Ingrid Innbygger');
  await page.fill('#field-email', 'ingrid@example.no');
  await page.fill('#field-password', 'skolegarden-min-er-fin');
  await page.click('main button[type="submit"]');
  const confirmation = await server.mail.waitFor('ingrid@example.no');
  await page.goto(linkIn(confirmation).href);
  await page.click('main button[type="submit"]');
  await page.goto(`${server.url}/sign-in`, { waitUntil: 'networkidle' }); // typed text must not race hydration
  await page.fill('#field-email', 'ingrid@example.no');
  await page.fill('#field-password', 'skolegarden-min-er-fin');
  await page.click('main button[type="submit"]');
  await page.waitForURL(`${server.url}/`);

  await page.goto(`${server.url}/processes/${slug}/ideas`);
  await check(page, 'ideas-list', { javaScriptOff: true });
  // An empty idea is refused by field, and nothing is saved.
  await page.click('form[action="?/post"] button[type="submit"]');
  await page.waitForSelector('#field-title-error');
  await page.fill('#field-title', 'Gapahuk for uteskole');
  await page.selectOption('#field-category', 'Grønt og natur');
  await page.fill('#field-body', 'En gapahuk der klassene kan ha undervisning ute, også når det regner.');
  await page.setInputFiles('#field-image', { name: 'gapahuk.png', mimeType: 'image/png', buffer: solidPng(64, 40, [46, 125, 50]) });
  await page.fill('#field-imageAlt', 'Skisse av en gapahuk i skolegården');
  await page.click('form[action="?/post"] button[type="submit"]');
  await page.waitForURL(/\/ideas\/[0-9a-f-]{36}\?posted=1$/);
  residentIdeaUrl = page.url().replace('?posted=1', '');
  assert.equal(await page.getAttribute('img.idea-image', 'alt'), 'Skisse av en gapahuk i skolegården');
  // The list shows one category when asked.
  await page.goto(`${server.url}/processes/${slug}/ideas?category=${encodeURIComponent('Sikkerhet')}`);
  assert.equal(await page.locator('.idea-card').count(), 0);
  await page.selectOption('#category', 'Grønt og natur');
  await page.click('form.filter button[type="submit"]');
  await page.waitForURL(/category=/);
  assert.deepEqual(await page.locator('.idea-card h2').allTextContents(), ['Gapahuk for uteskole']);
  await check(page, 'ideas-by-category', { javaScriptOff: true });
  await check(page, 'idea-posted', { javaScriptOff: true });

  await page.goto(olaIdeaUrl);
  await page.click('form[action="?/support"] button');
  await page.getByText(nb('ideas.supported'), { exact: false }).first().waitFor();
  await page.fill('#field-body', 'Gjerne epler som tåler frost!');
  await page.click('form.panel[action="?/comment"] button[type="submit"]');
  await page.waitForURL(/#comment-/);
  assert.equal(await page.locator('.comments > li').count(), 1);
  assert.match((await page.textContent('.support-panel')) ?? '', /1/);
  await check(page, 'idea-commented', { javaScriptOff: true });

  // Supporting twice is refused with a message.
  const ideaId = olaIdeaUrl.split('/').pop() ?? '';
  const ingrid = await server.platform.accounts.signIn({ email: 'ingrid@example.no', password: 'skolegarden-min-er-fin' });
  assert.ok(ingrid.ok);
  const twice = await server.platform.ideas.supportIdea({ id: ingrid.value.userId, roles: ['resident'] }, ideaId);
  assert.equal(!twice.ok && twice.code, 'AlreadySupported');
  await context.close();
});

test('an idea typed before the page has loaded its script is kept (slow phones)', async () => {
  const context = await signedInContext(browser, server, 'ola@demo.tingsted.no');
  const page = await context.newPage();
  // Hold the scripts back so the resident types into the textarea before hydration.
  await page.route('**/_app/immutable/**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await page.goto(`${server.url}/processes/${slug}/ideas`, { waitUntil: 'domcontentloaded' });
  await page.fill('#field-body', 'Skrevet før siden var ferdig lastet.');
  await page.waitForLoadState('networkidle');
  assert.equal(await page.inputValue('#field-body'), 'Skrevet før siden var ferdig lastet.');
  await context.close();
});

test('a moderator hides the comment with a reason', async () => {
  const context = await signedInContext(browser, server, 'moderator@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(olaIdeaUrl);
  await page.locator('.comments details summary').first().click();
  await page.locator('.comments form[action="?/hide"] input[name="reason"]').first().fill('Ikke relevant for saken');
  await page.locator('.comments form[action="?/hide"] button').first().click();
  await page.getByText(nb('moderation.hidden')).waitFor();
  await check(page, 'comment-hidden');
  await context.close();

  const anonymous = await newContext(browser);
  const publicPage = await anonymous.newPage();
  await publicPage.goto(olaIdeaUrl);
  assert.equal(await publicPage.getByText('Gjerne epler som tåler frost!').count(), 0, 'the public no longer sees it');
  assert.equal(await publicPage.getByText(nb('comments.hidden')).count(), 1);
  await anonymous.close();
});

test('the decision-maker accepts the idea with an answer, the manager adds a milestone', async () => {
  const decider = await signedInContext(browser, server, 'ordforer@demo.tingsted.no');
  const page = await decider.newPage();
  await page.goto(residentIdeaUrl);
  await check(page, 'idea-staff');
  await page.selectOption('#field-status', 'rejected');
  await page.click('form[action="?/answer"] button');
  await page.waitForSelector('#field-answer-error');
  await page.selectOption('#field-status', 'accepted');
  await page.fill('#field-answer', 'Vi bygger gapahuken ved Sentrum skole til høsten.');
  await page.click('form[action="?/answer"] button');
  await page.getByText(nb('answer.saved')).waitFor();
  await decider.close();

  const manager = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const managerPage = await manager.newPage();
  await managerPage.goto(residentIdeaUrl);
  await managerPage.fill('#field-milestoneTitle', 'Tegningene er klare');
  await managerPage.fill('#field-date', day(0));
  await managerPage.fill('#field-progress', '25');
  await managerPage.click('form[action="?/milestone"] button');
  await managerPage.getByRole('status').waitFor();
  assert.equal(await managerPage.getAttribute('progress', 'value'), '25');
  await check(managerPage, 'idea-milestone');
  await manager.close();
});

test('the resident gets the e-mail, sees the status and the answer, and the notification list', async () => {
  const answered = await server.mail.waitFor('ingrid@example.no', (m) => m.text.includes('Gapahuk for uteskole') && m.subject.includes('Gapahuk'));
  const link = new URL(answered.text.match(/https?:\/\/\S+\/ideas\/\S+/)?.[0] ?? '');
  assert.equal(link.href, residentIdeaUrl);

  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in`, { waitUntil: 'networkidle' }); // typed text must not race hydration
  await page.fill('#field-email', 'ingrid@example.no');
  await page.fill('#field-password', 'skolegarden-min-er-fin');
  await page.click('main button[type="submit"]');
  await page.waitForURL(`${server.url}/`);
  await page.goto(link.href);
  assert.match((await page.textContent('.idea .badge')) ?? '', new RegExp(nb('status.accepted')));
  assert.match((await page.textContent('.answers')) ?? '', /Vi bygger gapahuken/);
  assert.match((await page.textContent('.answers')) ?? '', new RegExp(nb('role.decision_maker')));
  await check(page, 'idea-resident-sees-answer');
  await page.goto(`${server.url}/notifications`);
  assert.ok((await page.locator('main .answers li').count()) >= 2);
  await check(page, 'notifications');
  await page.goto(`${server.url}/processes/${slug}/results`);
  assert.match((await page.textContent('.answers')) ?? '', /Gapahuk for uteskole/);
  await check(page, 'results');
  await context.close();
});

test('a resident answers a survey with JavaScript off, once, and sees the results', async () => {
  await server.platform.accounts.ensureUser({ email: 'svar@example.no', displayName: 'Svein Svar', password: 'demo-passord-2026', roles: ['resident'] });
  const context = await signedInContext(browser, server, 'svar@example.no', { javaScript: false });
  const page = await context.newPage();
  const library = await server.platform.processes.getProcess(null, 'bibliotekets-apningstider');
  assert.ok(library.ok);
  const surveyUrl = `${server.url}/processes/bibliotekets-apningstider/survey/${library.value.currentPhaseId}`;
  await page.goto(surveyUrl);
  // The page break makes two steps: the first shows only its own questions.
  assert.match((await page.textContent('.step-count')) ?? '', /1.*2/);
  assert.equal(await page.locator('input[type="radio"][value="5"]').count(), 0, 'the scale is on step 2');
  await check(page, 'survey', { javaScriptOff: true });
  await page.click('main form button[type="submit"]');
  await page.waitForSelector('.error-summary');
  await page.getByLabel('Hver uke').check();
  await page.getByLabel('Kveld').check();
  await page.getByLabel('Lørdag').check();
  await page.click('main form button[type="submit"]');
  await page.locator('input[type="radio"][value="5"]').waitFor();
  await check(page, 'survey-step-2', { javaScriptOff: true });
  await page.fill('textarea', 'Åpent på søndager hadde vært fint.');
  // Going back keeps every answer, on both steps.
  await page.click('main form button[formaction="?/back"]');
  await page.getByLabel('Hver uke').waitFor();
  assert.equal(await page.getByLabel('Hver uke').isChecked(), true);
  assert.equal(await page.getByLabel('Lørdag').isChecked(), true);
  await page.click('main form button[type="submit"]');
  assert.equal(await page.inputValue('textarea'), 'Åpent på søndager hadde vært fint.');
  await page.locator('input[type="radio"][value="5"]').check();
  await page.click('main form button[type="submit"]:not([formaction])');
  await page.getByText(nb('survey.thanks')).waitFor();
  await page.goto(surveyUrl);
  assert.equal(await page.locator('main form button[type="submit"]').count(), 0, 'one response per person');
  await page.goto(`${surveyUrl}/results`);
  assert.match((await page.textContent('main .lead')) ?? '', /4/);
  const weekly = page.locator('tr', { has: page.locator('th', { hasText: 'Hver uke' }) });
  assert.match((await weekly.textContent()) ?? '', /3\s*75\s%/);
  await check(page, 'survey-results', { javaScriptOff: true });
  await context.close();
});

test('a manager attaches a document and an image with alt text; residents see them on the timeline', async () => {
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  const process = await server.platform.processes.getProcess(null, slug);
  assert.ok(process.ok);
  // The timeline section lists the phases; each has its own page with its text and attachments.
  await page.goto(`${server.url}/manage/${process.value.id}/phases`);
  await page.getByRole('link', { name: 'Informasjon' }).first().click();
  await page.waitForURL(/\/phases\/[0-9a-f-]{36}$/);
  const info = page.locator('main');
  // An image without a description is refused.
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  await info.locator('input[type="file"]').setInputFiles({ name: 'kart.png', mimeType: 'image/png', buffer: png });
  await info.locator('form[action="?/attach"] button').click();
  await page.getByText(nb('field.altRequired')).first().waitFor();
  const again = page.locator('main');
  assert.equal(await again.locator('input[name="altText"]').getAttribute('aria-invalid'), 'true', 'the refused field is marked');
  await again.locator('input[type="file"]').setInputFiles({ name: 'kart.png', mimeType: 'image/png', buffer: png });
  await again.locator('input[name="altText"]').fill('Kart over skolegården med de nye plantefeltene');
  await again.locator('form[action="?/attach"] button').click();
  await page.getByRole('status').waitFor();
  const pdf = Buffer.from('%PDF-1.4\n%EOF\n');
  const third = page.locator('main');
  await third.locator('input[type="file"]').setInputFiles({ name: 'planen.pdf', mimeType: 'application/pdf', buffer: pdf });
  await third.locator('form[action="?/attach"] button').click();
  await page.getByRole('status').waitFor();
  await page.goto(`${server.url}/manage/${process.value.id}/report`);
  assert.match((await page.textContent('main .lead')) ?? '', /2/, 'Ola and Ingrid took part');
  await check(page, 'participation-report');
  await context.close();

  const visitor = await newContext(browser);
  const publicPage = await visitor.newPage();
  await publicPage.goto(`${server.url}/processes/${slug}`);
  assert.equal(await publicPage.getAttribute('img.phase-image', 'alt'), 'Kart over skolegården med de nye plantefeltene');
  const href = await publicPage.getAttribute('a:has-text("planen.pdf")', 'href');
  const served = await fetch(server.url + (href ?? ''));
  assert.equal(served.headers.get('content-type'), 'application/pdf');
  assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(await served.text(), '%PDF-1.4\n%EOF\n');
  await check(publicPage, 'process-with-files');
  await visitor.close();
});

test('residents may tell their area and year of birth; the report counts participants by both', async () => {
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.fill('#field-email', 'ingrid@example.no');
  await page.fill('#field-password', 'skolegarden-min-er-fin');
  await page.click('main button[type="submit"]');
  await page.waitForURL(`${server.url}/`);
  await page.goto(`${server.url}/account`);
  await page.selectOption('#field-area', 'Sjøsiden');
  await page.fill('#field-birthYear', '201');
  await page.click('form[action="?/about"] button[type="submit"]');
  await page.waitForSelector('#field-birthYear-error');
  assert.equal(await page.inputValue('#field-birthYear'), '201', 'what was typed stays');
  await check(page, 'account-about-refused', { javaScriptOff: true });
  await page.fill('#field-birthYear', '2001');
  await page.click('form[action="?/about"] button[type="submit"]');
  await page.getByRole('status').waitFor();
  assert.equal(await page.inputValue('#field-birthYear'), '2001');
  await context.close();

  const manager = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const report = await manager.newPage();
  const process = await server.platform.db.selectFrom('processes').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  await report.goto(`${server.url}/manage/${process.id}/report`);
  const rows = async (caption: string) =>
    report.locator('table', { has: report.locator('caption', { hasText: caption }) }).locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].slice(0, 2).map((cell) => cell.textContent?.trim() ?? '')),
    );
  // Ola (Nordbyen, born 1991 in the demo data) and Ingrid (Sjøsiden, 2001) took part in this process.
  const byArea = Object.fromEntries(await rows(nb('report.byArea')));
  assert.equal(byArea['Nordbyen'], '1');
  assert.equal(byArea['Sjøsiden'], '1');
  assert.equal(byArea['Sentrum'], '0');
  const byAge = Object.fromEntries(await rows(nb('report.byAge')));
  assert.equal(byAge[nb('report.age.18-29')], '1');
  assert.equal(byAge[nb('report.age.30-44')], '1');
  assert.equal(byAge[nb('account.notGiven')], '0');
  await check(report, 'participation-report-who');
  await manager.close();
});

test('an administrator adds a status of their own, which staff can then give ideas', async () => {
  const context = await signedInContext(browser, server, 'admin@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/statuses`);
  await page.click('form[action="?/add"] button[type="submit"]');
  await page.waitForSelector('.error-summary');
  await page.fill('form[action="?/add"] input[name="label_nb"]', 'Sendt til kommunestyret');
  await page.fill('form[action="?/add"] input[name="label_en"]', 'Sent to the council');
  await page.check('form[action="?/add"] input[name="requiresAnswer"]');
  await page.click('form[action="?/add"] button[type="submit"]');
  await page.getByRole('status').waitFor();
  assert.match((await page.textContent('table')) ?? '', /Sendt til kommunestyret/);
  await check(page, 'admin-statuses');
  const statuses = await server.platform.feedback.statuses();
  assert.deepEqual(statuses.at(-1)?.label, { nb: 'Sendt til kommunestyret', en: 'Sent to the council' });
  await context.close();
});
