// Summaries with sources, end to end with JavaScript off: staff edit the process summary a run made and publish
// it; the "you said, we did" page shows it marked as edited by staff, with links that lead to the inputs each
// sentence rests on; staff take it off again. The administrator sets and tests the optional model provider
// against a local OpenAI-compatible server. axe and a phone's width on every page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { startModelServer } from '../apps/server/src/testing/model-server.ts';
import { assertAccessible, assertAccessibleWithoutJs, fitsPhone, launchBrowser, newContext, screenshot, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
let model: Awaited<ReturnType<typeof startModelServer>>;
let modelUrl = '';
before(async () => {
  model = await startModelServer();
  modelUrl = model.url;
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await model?.close();
});

const ideas: [string, string][] = [
  ['Lekeplass i Nordbyen', 'Barna i Nordbyen mangler en trygg lekeplass med husker og sandkasse.'],
  ['Ny lekeplass ved skolen', 'Lekeplassen ved skolen er gammel, bygg en ny lekeplass for de minste.'],
  ['Flere lekeplasser', 'Det er for få lekeplasser, familier må gå langt for å finne en lekeplass.'],
  ['Lekeplass i parken', 'Parken trenger en lekeplass så familier kan være der hele dagen.'],
  ['Hundepark', 'Hundeeiere trenger en inngjerdet hundepark der hunden kan løpe fritt.'],
  ['Luftegård for hund', 'Lag en luftegård for hund ved elva, hunden trenger å løpe.'],
  ['Poser til hundebæsj', 'Sett opp poser til hundebæsj langs turveiene for hund og eier.'],
  ['Bånd på hunden i parken', 'Hunden må ha bånd i parken der barna leker.'],
  ['Biblioteket om kvelden', 'Biblioteket bør være åpent om kvelden så flere kan låne bøker.'],
  ['Bibliotek i bydelen', 'Bydelen trenger et eget bibliotek med lesesal for unge.'],
  ['Meråpent bibliotek', 'Gjør biblioteket meråpent så vi kan bruke biblioteket når det er ubetjent.'],
  ['Foredrag på biblioteket', 'Biblioteket kan ha flere foredrag for eldre og barnefamilier.'],
];

test('staff edit and publish a summary with JavaScript off; the public page shows it marked as edited, with working source links', async () => {
  // The demo's open process, with twelve more ideas on three themes.
  const process = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(process.ok);
  const created = { id: process.value.id, phaseId: process.value.phases.find((p) => p.method === 'ideas')?.id ?? '' };
  const author = await server.platform.accounts.ensureUser({ email: 'innbygger-sammendrag@example.no', displayName: 'Siri Sammendrag', password: null, roles: ['resident'] });
  for (const [title, body] of ideas) await server.platform.ideas.importIdea({ phaseId: created.phaseId, authorId: author, title, body });
  const asked = await server.platform.analysis.requestAnalysis({ id: author, roles: ['process_manager'] }, created.id);
  assert.ok(asked.ok);
  assert.equal(await server.platform.analysis.runAnalysis(asked.value.runId), 'done');

  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${created.id}/analysis`);
  await page.getByRole('link', { name: nb('summaries.link') }).click();
  await page.getByRole('heading', { level: 1, name: nb('summaries.title') }).waitFor();
  const processSection = page.locator('section[aria-labelledby="summary-process"]');
  await processSection.getByRole('heading', { level: 2, name: nb('summaries.process') }).waitFor();
  assert.ok((await page.locator('section.summary-edit').count()) >= 3, 'the process and at least two topics');
  // The first sentence counts a topic's inputs and names each of them.
  const firstCount = await processSection.locator('ol.summary-sentences > li').first().locator('ul.sources a').count();
  const firstText = await processSection.getByLabel(nb('summaries.sentence', { number: 1 })).inputValue();
  assert.match(firstText, new RegExp(`^${firstCount} innspill handler om «.+»\\.$`));
  await assertAccessibleWithoutJs(page, 'summaries-edit');
  await fitsPhone(page, 'the summaries page', 'summaries-edit');

  await processSection.getByLabel(nb('summaries.sentence', { number: 1 })).fill('Lekeplasser er det flest ber om.');
  await processSection.getByRole('button', { name: nb('summaries.publish'), exact: true }).click();
  await page.getByText(nb('summaries.publishedNotice')).waitFor();
  assert.match((await processSection.textContent()) ?? '', new RegExp(nb('summaries.editedSentence').replace(/[()]/g, '\\$&')));
  await screenshot(page, 'summaries-published');

  // The public page, signed out and without JavaScript.
  const visitor = await newContext(browser, { javaScript: false });
  const open = await visitor.newPage();
  await open.goto(`${server.url}/processes/ny-sentrumsplan/results`);
  const published = open.locator('section[aria-labelledby="what-people-said"]');
  await published.getByRole('heading', { level: 2, name: nb('summaries.publicHeading') }).waitFor();
  const shown = (await published.textContent()) ?? '';
  assert.ok(shown.includes('Lekeplasser er det flest ber om.'));
  assert.ok(shown.includes(nb('summaries.editedSentence')));
  assert.match(shown, /Redigert av de ansatte: .+, \d+\. \p{L}+ \d{4}\./u);
  const links = await published.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })));
  assert.ok(links.length >= firstCount && links.length > 0);
  for (const link of links) assert.match(link.href, /^\/processes\/ny-sentrumsplan\/ideas\/[0-9a-f-]{36}(#comment-[0-9a-f-]{36})?$/, `${link.href} leads to an idea`);
  await assertAccessibleWithoutJs(open, 'summaries-public');
  await fitsPhone(open, 'the results page with a summary', 'summaries-public');
  await screenshot(open, 'summaries-public');
  // A source link leads to its idea.
  const target = links.find((l) => !l.href.includes('#')) ?? { href: '', text: '' };
  await published.locator(`a[href="${target.href}"]`).first().click();
  await open.waitForURL((url) => url.pathname === target.href);
  await open.getByRole('heading', { level: 1, name: target.text.trim() }).waitFor();

  // Taken off again: the public page no longer shows it.
  await page.locator('section[aria-labelledby="summary-process"]').getByRole('button', { name: nb('summaries.unpublish') }).click();
  await page.getByText(nb('summaries.unpublishedNotice')).waitFor();
  await open.goto(`${server.url}/processes/ny-sentrumsplan/results`);
  await open.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await open.locator('section[aria-labelledby="what-people-said"]').count(), 0);
  await visitor.close();
  await context.close();

  const residentContext = await signedInContext(browser, server, 'kari@demo.tingsted.no', { javaScript: false });
  const refused = await (await residentContext.newPage()).goto(`${server.url}/manage/${created.id}/analysis/summaries`);
  assert.equal(refused?.status(), 403);
  await residentContext.close();
});

test('the administrator switches the model provider on, tests the connection, and off again; a wrong address is named', async () => {
  const context = await signedInContext(browser, server, 'admin@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/admin`);
  await page.getByRole('link', { name: nb('models.title') }).click();
  await page.getByRole('heading', { level: 1, name: nb('models.title') }).waitFor();
  await page.getByText(nb('models.off')).waitFor();
  await assertAccessibleWithoutJs(page, 'models-admin');
  await fitsPhone(page, 'the models page', 'models-admin');

  await page.getByLabel(nb('models.enabled')).check();
  await page.getByLabel(nb('models.baseUrl')).fill('ikke en adresse');
  await page.getByRole('button', { name: nb('models.save') }).click();
  await page.locator('.error', { hasText: nb('field.providerUrl') }).first().waitFor();

  await page.getByLabel(nb('models.baseUrl')).fill(modelUrl);
  await page.getByLabel(nb('models.chatModel')).fill('lokal-chat');
  await page.getByRole('button', { name: nb('models.save') }).click();
  await page.getByText(nb('models.saved')).waitFor();
  await page.getByText(nb('models.on')).waitFor();
  await page.getByRole('button', { name: nb('models.test') }).click();
  await page.getByText(new RegExp(`^${nb('models.chat')}: virker \\(\\d+ ms\\)\\.$`)).waitFor();
  await page.getByText(nb('models.probeNotSet', { name: nb('models.embedding') })).waitFor();
  await assertAccessibleWithoutJs(page, 'models-tested');

  await page.getByLabel(nb('models.enabled')).uncheck();
  await page.getByRole('button', { name: nb('models.save') }).click();
  await page.getByText(nb('models.off')).waitFor();
  await context.close();
});

test('with JavaScript on, the summaries page keeps what staff typed and saves a draft', async () => {
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  const found = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(found.ok);
  await page.goto(`${server.url}/manage/${found.value.id}/analysis/summaries`);
  const topic = page.locator('section[aria-labelledby="summary-topic-0"]');
  await topic.getByLabel(nb('summaries.sentence', { number: 1 })).fill('Et utkast staben jobber med.');
  await topic.getByRole('button', { name: nb('summaries.save') }).click();
  await page.getByText(nb('summaries.savedNotice')).waitFor();
  assert.equal(await page.locator('section[aria-labelledby="summary-topic-0"]').getByLabel(nb('summaries.sentence', { number: 1 })).inputValue(), 'Et utkast staben jobber med.');
  await assertAccessible(page, 'summaries-draft');
  await context.close();
});
