// A process's workspace (issue 22): the section navigation on every section page (current page marked, the
// panel linked), the overview of what needs attention, the timeline's move and remove buttons and the survey
// question editor with their refusals, and the survey export as a button: as a process manager with
// JavaScript off, as an administrator with it on, at phone width and with axe; a resident gets 403.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, assertAccessibleWithoutJs, dayFrom, fitsPhone, launchBrowser, nb, screenshot, signedInContext } from './browser.ts';

let server: TestServer;
let browser: Browser;
let processId = '';
const phases: Record<'ideas' | 'survey' | 'infoA' | 'infoB', string> = { ideas: '', survey: '', infoA: '', infoB: '' };
const questions: Record<'day' | 'name', string> = { day: '', name: '' };

before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  const p = server.platform;
  const manager = await p.accounts.accountByEmail('prosess@demo.tingsted.no');
  const kari = await p.accounts.accountByEmail('kari@demo.tingsted.no');
  assert.ok(manager && kari);
  const created = await p.processes.ensureProcess({
    slug: 'arbeidsflate',
    status: 'published',
    title: { nb: 'Ny møteplass' },
    summary: { nb: 'Hvordan skal møteplassen bli?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Idéer' }, startsOn: dayFrom(server, -10), endsOn: dayFrom(server, -2) },
      { method: 'survey', title: { nb: 'Spørreundersøkelse' }, startsOn: dayFrom(server, -1), endsOn: dayFrom(server, 5) },
      { method: 'information', title: { nb: 'Møte A' }, startsOn: dayFrom(server, 30), endsOn: dayFrom(server, 31) },
      { method: 'information', title: { nb: 'Møte B' }, startsOn: dayFrom(server, 40), endsOn: dayFrom(server, 44) },
    ],
  });
  processId = created.id;
  [phases.ideas, phases.survey, phases.infoA, phases.infoB] = created.phaseIds as [string, string, string, string];
  await p.ideas.importIdea({ phaseId: phases.ideas, authorId: kari.id, title: 'Benker i le', body: 'Flere benker der det ikke blåser.' });
  const actor = { id: manager.id, roles: ['process_manager'] as const };
  const day = await p.surveys.addQuestion(actor, phases.survey, { kind: 'single_choice', prompt: 'Hvilken dag passer?', locale: 'nb', choices: 'Mandag\nTorsdag', required: true });
  const name = await p.surveys.addQuestion(actor, phases.survey, { kind: 'short_text', prompt: 'Hva skal plassen hete?', locale: 'nb' });
  assert.ok(day.ok && name.ok);
  questions.day = day.value.id;
  questions.name = name.value.id;
  assert.ok((await p.surveys.submitResponse({ id: kari.id, roles: ['resident'] }, phases.survey, { [questions.day]: 'c2', [questions.name]: 'Lunet' })).ok);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The section navigation's links: text and whether each is the current page. */
async function sections(page: Page): Promise<{ text: string; current: boolean; href: string }[]> {
  return page.locator('nav.workspace-sections a').evaluateAll((links) => links.map((a) => ({ text: a.textContent?.trim() ?? '', current: a.getAttribute('aria-current') === 'page', href: a.getAttribute('href') ?? '' })));
}

test('process manager without JavaScript: the overview, moving and removing phases, editing survey questions, the export button', async () => {
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${processId}`);
  const nav = await sections(page);
  assert.deepEqual(nav.filter((s) => s.current).map((s) => s.text), [nb('workspace.nav.overview')]);
  assert.ok(nav.some((s) => s.href === `/manage/${processId}/panel` && s.text === nb('workspace.nav.panel')), 'the workspace links to the process’s panel');
  assert.ok(nav.some((s) => s.href === `/manage/${processId}/updates` && s.text === nb('updates.link')), 'the workspace leads to its updates for participants');
  const attention = (await page.locator('section[aria-labelledby="attention-heading"]').textContent()) ?? '';
  assert.match(attention, new RegExp(nb('workspace.attention.unanswered', { count: 1, total: 1 })));
  assert.match(attention, new RegExp(nb('workspace.attention.ends', { date: '.+', count: 5 }).replace(/[()]/g, '.')));
  await assertAccessibleWithoutJs(page, 'workspace overview');
  await fitsPhone(page, 'the workspace overview', 'workspace-overview');

  // The timeline: "Møte A" moves after "Møte B"; the two keep their span and lengths.
  await page.locator('nav.workspace-sections').getByRole('link', { name: nb('workspace.nav.phases'), exact: true }).click();
  await page.waitForURL(`${server.url}/manage/${processId}/phases`);
  assert.deepEqual((await sections(page)).filter((s) => s.current).map((s) => s.text), [nb('workspace.nav.phases')]);
  await page.getByRole('button', { name: `${nb('workspace.phases.down')}: Møte A` }).click();
  await page.getByRole('status').filter({ hasText: nb('workspace.phases.moved') }).waitFor();
  const titles = await page.locator('table.phases tbody tr td:first-child').allTextContents();
  assert.deepEqual(titles.map((t) => t.trim()), ['Idéer', 'Spørreundersøkelse', 'Møte B', 'Møte A']);
  const moved = await server.platform.processes.getProcessById(processId);
  assert.deepEqual(moved?.phases.slice(2).map((p) => [p.startsOn, p.endsOn]), [[dayFrom(server, 30), dayFrom(server, 34)], [dayFrom(server, 43), dayFrom(server, 44)]]);

  // The ideas phase has an idea: removing it is refused with the reason, and nothing is removed.
  await page.getByRole('button', { name: `${nb('manage.removePhase')}: Idéer` }).click();
  await page.locator('.error-summary').waitFor();
  assert.match((await page.locator('.error-summary').textContent()) ?? '', new RegExp(nb('field.phaseHasInputs', { count: 1 }).slice(0, 40)));
  assert.equal(await page.locator('table.phases tbody tr').count(), 4);
  await assertAccessibleWithoutJs(page, 'workspace timeline after a refused removal');
  await fitsPhone(page, 'the workspace timeline', 'workspace-phases');

  // The survey's page: reordering answered choices is refused with the reason; a wording fix is saved.
  await page.getByRole('link', { name: 'Spørreundersøkelse', exact: true }).click();
  await page.waitForURL(`${server.url}/manage/${processId}/phases/${phases.survey}`);
  const day = page.locator('ol.questions > li', { hasText: 'Hvilken dag passer?' });
  await day.locator('summary').click();
  await day.locator(`#choices-${questions.day}`).fill('Torsdag\nMandag');
  await day.getByRole('button', { name: nb('workspace.survey.save') }).click();
  await page.locator('.error-summary').waitFor();
  const reason = nb('field.choicesKeepPlaces', { choice: 'Torsdag' });
  assert.match((await page.locator('.error-summary').textContent()) ?? '', new RegExp(reason.slice(0, 30)));
  assert.equal(await page.locator('#field-choices').inputValue(), 'Torsdag\nMandag', 'what was typed is kept');
  assert.equal(await page.getAttribute('#field-choices', 'aria-invalid'), 'true');
  await assertAccessibleWithoutJs(page, 'survey question refused');
  await page.locator('#field-choices').fill('Mandag\nTorsdag ettermiddag\nLørdag');
  await page.locator('form[action="?/updateQuestion"]', { has: page.locator('#field-choices') }).getByRole('button').click();
  await page.getByRole('status').waitFor();
  const choices = (await server.platform.surveys.questionsOf(phases.survey)).find((q) => q.id === questions.day)?.options.choices?.map((c) => [c.key, c.label.nb]);
  assert.deepEqual(choices, [['c1', 'Mandag'], ['c2', 'Torsdag ettermiddag'], ['c3', 'Lørdag']]);
  // An answered question is not removed; questions move.
  await page.getByRole('button', { name: `${nb('workspace.survey.remove')}: Hvilken dag passer?` }).click();
  await page.locator('.error-summary').waitFor();
  assert.match((await page.locator('.error-summary').textContent()) ?? '', new RegExp(nb('field.questionAnswered', { count: 1 }).slice(0, 30)));
  await page.getByRole('button', { name: `${nb('workspace.phases.up')}: Hva skal plassen hete?` }).click();
  await page.getByRole('status').waitFor();
  assert.deepEqual((await server.platform.surveys.questionsOf(phases.survey)).map((q) => q.id), [questions.name, questions.day]);
  await fitsPhone(page, 'the survey phase page', 'workspace-survey');

  // The export is a button that downloads the responses.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: nb('workspace.survey.export') }).click()]);
  const csv = await readFile((await download.path()) ?? '', 'utf8');
  assert.match(csv, /Lunet/);
  assert.match(csv, /Torsdag ettermiddag/);
  await context.close();
});

test('process manager without JavaScript: the inputs manager answers chosen ideas in bulk, filters and exports', async () => {
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${processId}`);
  await page.locator('nav.workspace-sections').getByRole('link', { name: nb('workspace.nav.inputs'), exact: true }).click();
  await page.waitForURL(`${server.url}/manage/${processId}/inputs`);
  assert.deepEqual((await sections(page)).filter((s) => s.current).map((s) => s.text), [nb('workspace.nav.inputs')]);
  assert.equal(await page.locator('table.inputs tbody tr').count(), 1);

  // Nothing chosen: refused, naming what is missing.
  await page.getByRole('button', { name: nb('workspace.inputs.applyBulk') }).click();
  await page.locator('.error-summary').waitFor();
  assert.match((await page.locator('.error-summary').textContent()) ?? '', new RegExp(nb('field.chooseInputs')));
  await assertAccessibleWithoutJs(page, 'inputs manager after a refused bulk answer');

  await page.getByRole('checkbox', { name: `${nb('workspace.inputs.choose')}: Benker i le` }).check();
  await page.selectOption('#field-status', 'accepted');
  await page.fill('#field-body', 'Vi setter opp tre benker i le.');
  await page.getByRole('button', { name: nb('workspace.inputs.applyBulk') }).click();
  await page.getByRole('status').filter({ hasText: nb('workspace.inputs.done', { count: 1 }) }).waitFor();
  const idea = (await server.platform.reports.processInputs({ id: (await server.platform.accounts.accountByEmail('prosess@demo.tingsted.no'))?.id ?? '', roles: ['process_manager'] }, processId, {}));
  assert.ok(idea.ok);
  assert.deepEqual(idea.value.inputs.map((i) => [i.status, i.answer]), [['accepted', 'Vi setter opp tre benker i le.']]);

  // Filtered by status, then exported with the same filter.
  await page.selectOption('#filter-status', 'rejected');
  await page.getByRole('button', { name: nb('workspace.inputs.apply'), exact: true }).click();
  await page.getByText(nb('workspace.inputs.count', { count: 0 })).waitFor();
  await page.selectOption('#filter-status', 'accepted');
  await page.getByRole('button', { name: nb('workspace.inputs.apply'), exact: true }).click();
  await page.getByText(nb('workspace.inputs.count', { count: 1 })).waitFor();
  assert.match(page.url(), /status=accepted/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: nb('workspace.inputs.export') }).click()]);
  const csv = await readFile((await download.path()) ?? '', 'utf8');
  assert.match(csv, /Vi setter opp tre benker i le\./);
  await assertAccessibleWithoutJs(page, 'inputs manager');
  await fitsPhone(page, 'the inputs manager', 'workspace-inputs');
  await context.close();
});

test('administrator with JavaScript: each section saves its own form; the charter is its own page', async () => {
  const context = await signedInContext(browser, server, 'admin@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${server.url}/manage/${processId}`);
  await page.locator('nav.workspace-sections').getByRole('link', { name: nb('workspace.nav.charter'), exact: true }).click();
  await page.waitForURL(`${server.url}/manage/${processId}/charter`);
  assert.deepEqual((await sections(page)).filter((s) => s.current).map((s) => s.text), [nb('workspace.nav.charter')]);
  await page.fill('#field-question', 'Hva trenger du på møteplassen?');
  await page.getByRole('button', { name: nb('manage.saveCharter') }).click();
  await page.getByRole('status').filter({ hasText: nb('manage.saved') }).waitFor();
  assert.equal((await server.platform.processes.getProcessById(processId))?.charter.question.nb, 'Hva trenger du på møteplassen?');
  await assertAccessible(page, 'workspace charter (administrator)');
  await fitsPhone(page, 'the workspace charter', 'workspace-charter');
  await screenshot(page, 'workspace-charter');

  // A phase's own page saves its title and dates.
  await page.goto(`${server.url}/manage/${processId}/phases/${phases.infoB}`);
  await page.fill('#field-phaseTitle', 'Møte B i biblioteket');
  await page.getByRole('button', { name: nb('workspace.phase.save') }).click();
  await page.getByRole('status').filter({ hasText: nb('manage.saved') }).waitFor();
  assert.equal((await server.platform.processes.getProcessById(processId))?.phases.find((p) => p.id === phases.infoB)?.title.nb, 'Møte B i biblioteket');
  assert.deepEqual((await sections(page)).filter((s) => s.current).map((s) => s.text), [nb('workspace.nav.phases')]);
  await assertAccessible(page, 'workspace phase page (administrator)');
  await context.close();
});

test('a resident gets 403 on the workspace sections', async () => {
  const context = await signedInContext(browser, server, 'kari@demo.tingsted.no');
  const page = await context.newPage();
  for (const path of ['', '/charter', '/phases', `/phases/${phases.survey}`, `/phases/${phases.survey}/survey.csv`, '/inputs', '/inputs.csv']) {
    const response = await page.request.get(`${server.url}/manage/${processId}${path}`);
    assert.equal(response.status(), 403, `/manage/<id>${path}`);
  }
  await context.close();
});
