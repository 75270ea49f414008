// Issue 22, part 5: charts where staff and residents would rather look than read. The charts are SVG drawn on the
// server (they show with JavaScript off), named for screen readers, with the exact numbers in a table beside
// them; each bar or column stands for the count the table gives, and they fit a phone. Pages: the public
// "you said, we did" page (ideas by status), a survey's public results (answers per choice, as a share of those
// who answered), and the staff participation report (people by area and age, per week with quiet weeks as
// zeros, ideas by status), as a process manager and as a decision-maker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessibleWithoutJs, fitsPhone, launchBrowser, nb, newContext, screenshot, signedInContext } from './browser.ts';

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

/** Each bar's count and width in a chart, in order. */
async function bars(chart: Locator): Promise<{ value: number; width: string }[]> {
  return chart.locator('rect.chart-bar').evaluateAll((rects) => rects.map((r) => ({ value: Number(r.getAttribute('data-value')), width: r.getAttribute('width') ?? '' })));
}

/** A table's body as text cells, one array per row (the row's header first). */
async function tableRows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())));
}

/** The chart named `title` (its accessible name says so) on the page. */
function chartNamed(page: Page, title: string, kind: 'charts.bars' | 'charts.weeks' = 'charts.bars'): Locator {
  return page.getByRole('img', { name: nb(kind, { title }) });
}

const percentOf = (count: number, of: number) => `${((count / of) * 100).toFixed(2)}%`;

test('the public results page draws ideas by status as bars standing for the counts it lists', async () => {
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/processes/ny-badeplass/results`);
  const chart = chartNamed(page, nb('results.byStatus'));
  await chart.waitFor();
  const process = await server.platform.processes.getProcess(null, 'ny-badeplass');
  assert.ok(process.ok);
  const counts = (await server.platform.feedback.youSaidWeDid(process.value.id, { page: 1 })).counts.map((c) => c.count);
  const drawn = await bars(chart);
  assert.deepEqual(
    drawn.map((b) => b.value),
    counts,
  );
  const largest = Math.max(...counts);
  assert.ok(largest > 0);
  assert.deepEqual(
    drawn.map((b) => b.width),
    counts.map((c) => percentOf(c, largest)),
    'the longest bar is the largest count, the others in proportion',
  );
  await assertAccessibleWithoutJs(page, 'results-chart');
  await fitsPhone(page, 'the results page with its chart', 'results-chart');
  await context.close();
});

test('a survey’s results draw each choice as its share of those who answered, matching the table', async () => {
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  const library = await server.platform.processes.getProcess(null, 'bibliotekets-apningstider');
  assert.ok(library.ok);
  await page.goto(`${server.url}/processes/bibliotekets-apningstider/survey/${library.value.currentPhaseId}/results`);
  const section = page.locator('section', { hasText: 'Når ønsker du at biblioteket er åpent?' });
  const chart = section.getByRole('img', { name: nb('charts.bars', { title: 'Når ønsker du at biblioteket er åpent?' }) });
  await chart.waitFor();
  const rows = await tableRows(section.locator('table'));
  const drawn = await bars(chart);
  assert.deepEqual(
    drawn.map((b) => String(b.value)),
    rows.map((r) => r[1]),
    'one bar per choice, in the table’s order, with its count',
  );
  // A multiple-choice question: bars are shares of the people who answered it, so two can be long at once.
  const answered = Number(/\d+/.exec((await section.locator('p.muted').textContent()) ?? '')?.[0]);
  assert.ok(answered > 0);
  assert.deepEqual(
    drawn.map((b) => b.width),
    drawn.map((b) => percentOf(b.value, answered)),
  );
  await assertAccessibleWithoutJs(page, 'survey-results-chart');
  await fitsPhone(page, 'survey results with charts', 'survey-results-chart');
  await context.close();
});

for (const [role, email] of [
  ['process manager', 'prosess@demo.tingsted.no'],
  ['decision-maker', 'ordforer@demo.tingsted.no'],
] as const) {
  test(`the participation report draws people by age and per week, and ideas by status, as a ${role}`, async () => {
    const context = await signedInContext(browser, server, email, { javaScript: false });
    const page = await context.newPage();
    const process = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
    assert.ok(process.ok);
    await page.goto(`${server.url}/manage/${process.value.id}/report`);
    await page.getByRole('heading', { level: 1, name: nb('report.title') }).waitFor();

    // By age: one bar per table row, each the count in its row, as a share of all participants.
    const participants = Number(/\d+/.exec((await page.locator('p.lead').textContent()) ?? '')?.[0]);
    assert.ok(participants > 0, 'the demo process has participants');
    const ageRows = await tableRows(page.locator('table', { has: page.locator('caption', { hasText: nb('report.byAge') }) }));
    const ageBars = await bars(chartNamed(page, nb('report.byAge')));
    assert.deepEqual(
      ageBars.map((b) => String(b.value)),
      ageRows.map((r) => r[1]),
    );
    assert.deepEqual(
      ageBars.map((b) => b.width),
      ageBars.map((b) => percentOf(b.value, participants)),
    );

    // Per week: a column for every week from the first to the last, quiet weeks as zeros.
    const weekRows = await tableRows(page.locator('table', { has: page.locator('caption', { hasText: nb('report.byWeek') }) }));
    const columns = await bars(chartNamed(page, nb('charts.participantsPerWeek'), 'charts.weeks'));
    assert.deepEqual(
      columns.map((c) => String(c.value)),
      weekRows.map((r) => r[1]),
    );
    const weeks = weekRows.map((r) => r[0] ?? '');
    for (let i = 1; i < weeks.length; i++) {
      const [y0, w0] = (weeks[i - 1] ?? '').split('-W').map(Number) as [number, number];
      const [y1, w1] = (weeks[i] ?? '').split('-W').map(Number) as [number, number];
      assert.ok((y1 === y0 && w1 === w0 + 1) || (y1 === y0 + 1 && w1 === 1 && w0 >= 52), `${weeks[i - 1]} is followed by ${weeks[i]}`);
    }

    // Ideas by status: as counted on the public page.
    const statusBars = await bars(chartNamed(page, nb('charts.ideasByStatus')));
    const counts = (await server.platform.feedback.youSaidWeDid(process.value.id, { page: 1 })).counts.map((c) => c.count);
    assert.deepEqual(
      statusBars.map((b) => b.value),
      counts,
    );
    await assertAccessibleWithoutJs(page, `report-charts-${role}`);
    await screenshot(page, `report-charts-${role.replace(' ', '-')}`);
    await fitsPhone(page, 'the participation report', `report-charts-${role.replace(' ', '-')}`);
    await context.close();
  });
}
