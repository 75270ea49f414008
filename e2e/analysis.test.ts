// Staff ask "what are people saying?" about a process with JavaScript off: the analysis runs as a job, the page
// says it is running and reloads itself, then shows topics, the near-duplicate pair and a summary whose
// sentences link to the ideas they come from. A resident is refused. axe checks the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { demoPassword } from '@tingsted/platform';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessibleWithoutJs, launchBrowser, screenshot, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
before(async () => {
  server = await startTestServer({ web: true, jobs: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const ideas: [string, string][] = [
  ['Flere benker langs elva', 'Det er for få benker langs elvepromenaden, eldre trenger steder å hvile når de går tur.'],
  ['Benker ved elva', 'Sett opp benker langs elva slik at eldre kan sette seg ned og hvile på turen.'],
  ['Sitteplasser i parken', 'Parken ved elva trenger flere benker og bord der folk kan sitte i sola.'],
  ['Benker og skygge', 'Plant trær og sett ut benker i parken så det blir skygge å sitte i om sommeren.'],
  ['Hvilebenker for eldre', 'Eldre som går tur langs elva trenger benker med ryggstø og armlener.'],
  ['Sykkelfelt i Storgata', 'Storgata trenger et eget sykkelfelt, syklister må i dag sykle blant bilene.'],
  ['Trygg sykkelvei til skolen', 'Barna sykler til skolen langs en farlig vei uten sykkelfelt, bygg en trygg sykkelvei.'],
  ['Sammenhengende sykkelveier', 'Sykkelveiene stopper midt i byen, lag et sammenhengende nett av sykkelfelt.'],
  ['Sykkelparkering ved stasjonen', 'Det trengs mer sykkelparkering med tak ved stasjonen så folk kan sykle til toget.'],
  ['Brøyt sykkelfeltene', 'Sykkelfeltene må brøytes om vinteren slik at man kan sykle hele året.'],
  ['Buss om kvelden', 'Bussen slutter å gå for tidlig, det trengs avganger om kvelden og i helgene.'],
  ['Nattbuss i helgene', 'Innfør nattbuss fra sentrum i helgene så ungdom kommer trygt hjem.'],
  ['Oftere buss til sykehuset', 'Bussen til sykehuset går for sjelden om kvelden, pasienter og ansatte venter lenge.'],
  ['Billigere bussbilletter', 'Bussbillettene er for dyre, lavere pris vil få flere til å ta bussen om kvelden.'],
  ['Gatelys på gangveien ved skolen', 'Gangveien til skolen er helt mørk om vinteren, sett opp gatelys langs hele gangveien så barna ser og blir sett.'],
  ['Gatelys på gangveien ved skolen!', 'Gangveien til skolen er helt mørk om vinteren. Sett opp gatelys langs hele gangveien, så barna ser og blir sett.'],
];

test('staff run the analysis with JavaScript off and see topics, the duplicate pair and summary sources', async () => {
  const manager = await server.platform.accounts.signIn({ email: 'prosess@demo.tingsted.no', password: demoPassword });
  assert.ok(manager.ok);
  const resident = await server.platform.accounts.ensureUser({ email: 'innbygger-analyse@example.no', displayName: 'Ivar Innbygger', password: null, roles: ['resident'] });
  const created = await server.platform.processes.ensureProcess({
    slug: 'byplan-analyse',
    status: 'published',
    title: { nb: 'Byplan for sentrum' },
    summary: { nb: 'Hva trenger sentrum?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.value.userId,
    phases: [{ method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2020-01-01', endsOn: '2099-12-31' }],
  });
  const ideaIds: string[] = [];
  for (const [title, body] of ideas) ideaIds.push(await server.platform.ideas.importIdea({ phaseId: created.phaseIds[0] ?? '', authorId: resident, title, body }));
  const twins = ideaIds.slice(-2);
  // A comment (on the second idea) that repeats the first idea: it links to its own idea, at the comment.
  const comment = await server.platform.ideas.postComment({ id: resident, roles: ['resident'] }, { ideaId: ideaIds[1] ?? '', body: 'Det er for få benker langs elvepromenaden, eldre trenger steder å hvile når de går tur!' });
  assert.ok(comment.ok);

  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${created.id}`);
  await page.getByRole('link', { name: nb('manage.analysis'), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: nb('analysis.title') }).waitFor();
  assert.match(await page.textContent('main') ?? '', new RegExp(nb('analysis.none')));
  await assertAccessibleWithoutJs(page, 'analysis-empty');

  await page.getByRole('button', { name: nb('analysis.run') }).click();
  // The page says the run is under way and reloads itself (a meta refresh) until the result is stored.
  await page.getByRole('status').first().waitFor();
  await page.getByRole('heading', { level: 2, name: nb('analysis.topics') }).waitFor({ timeout: 60_000 });
  const main = (await page.textContent('main')) ?? '';
  assert.match(main, new RegExp(nb('analysis.provider', { provider: 'builtin' }).replace('.', '\\.')));
  assert.match(main, new RegExp(nb('analysis.counts', { inputs: 17, ideas: 16, comments: 1 })));

  const links = async (section: string) =>
    page.locator(`section[aria-labelledby="${section}"] a`).evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })));
  const ideaHref = (id: string) => `/processes/byplan-analyse/ideas/${id}`;

  const topicLinks = await links('topics-heading');
  assert.ok(topicLinks.length >= 2, 'topics list their representative inputs');
  for (const link of topicLinks) assert.ok(ideaIds.some((id) => link.href.startsWith(ideaHref(id))) && link.text.trim().length > 0, `${link.href} links to an idea`);
  assert.ok((await page.locator('section[aria-labelledby="topics-heading"] h3').count()) >= 3, 'at least two topics and "other"');
  assert.match(await page.locator('section[aria-labelledby="topics-heading"]').textContent() ?? '', new RegExp(nb('analysis.other')));

  const duplicateLinks = (await links('duplicates-heading')).map((l) => l.href);
  for (const id of twins) assert.ok(duplicateLinks.includes(ideaHref(id)), 'both near-identical ideas are in a duplicate group');
  assert.ok(duplicateLinks.includes(`${ideaHref(ideaIds[1] ?? '')}#comment-${comment.value.id}`), 'the repeating comment links to its idea, at the comment');

  const summaryLinks = await links('summary-heading');
  assert.ok((await page.locator('section[aria-labelledby="summary-heading"] blockquote').count()) > 0);
  assert.ok(summaryLinks.length > 0);
  for (const link of summaryLinks) assert.ok(ideaIds.some((id) => link.href.startsWith(ideaHref(id))), `summary source ${link.href} links to an idea`);

  await assertAccessibleWithoutJs(page, 'analysis-result');
  await screenshot(page, 'analysis-result');
  // A source link leads to its idea.
  await page.locator('section[aria-labelledby="summary-heading"] a').first().click();
  assert.match(page.url(), /\/processes\/byplan-analyse\/ideas\//);
  await context.close();

  const residentContext = await signedInContext(browser, server, 'kari@demo.tingsted.no', { javaScript: false });
  const residentPage = await residentContext.newPage();
  const response = await residentPage.goto(`${server.url}/manage/${created.id}/analysis`);
  assert.equal(response?.status(), 403);
  await residentContext.close();
});
