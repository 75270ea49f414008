// Issue 20 in a browser: the conversation report (axe clean, also at phone width) and its PDF; statement
// numbers people see start at 1; the compact embed page votes inside an iframe on a test page from an allowed
// origin and shows a translated refusal in a frame from any other origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { apiClient } from '../apps/server/src/testing/api-client.ts';
import { assertAccessible, launchBrowser, screenshot, sessionOf, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
before(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true, jobs: true }), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function busConversation() {
  const process = await server.platform.processes.getProcess(null, 'bussene-i-sentrum');
  assert.ok(process.ok);
  const phaseId = process.value.phases.find((p) => p.method === 'conversation')?.id ?? '';
  const conversation = await server.platform.conversations.conversationForPhase(null, phaseId);
  assert.ok(conversation);
  return { phaseId, id: conversation.id, base: `${server.url}/processes/bussene-i-sentrum/conversation/${phaseId}` };
}

/** A page on another origin (`http://localhost:{port}`) that frames the embedded conversation. */
async function framingSite(src: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const http: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="nb"><head><title>Kommunens side</title></head><body><h1>Si din mening</h1><iframe src="${src}" title="Samtale" width="600" height="600"></iframe></body></html>`);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, close: () => new Promise((resolve) => http.close(() => resolve())) };
}

test('the report page is accessible, also at phone width, numbers statements from 1, and its PDF opens', async () => {
  const { id, base } = await busConversation();
  await server.platform.conversations.recompute(id);
  // A resident reports a statement: the report's moderation counts are the moderators' record.
  const listed = await server.platform.conversations.listStatements(null, id);
  const reportedId = listed.ok ? listed.value[0]?.id : undefined;
  assert.ok(reportedId !== undefined);
  assert.ok((await server.platform.moderation.reportContent(await sessionOf(server, 'sara@demo.tingsted.no'), { type: 'statement', id: String(reportedId), reason: 'off_topic' })).ok);
  const stored = await server.platform.conversations.conversationReport(await sessionOf(server, 'prosess@demo.tingsted.no'), id);
  assert.ok(stored.ok && stored.value.moderation.reported >= 1 && stored.value.moderation.reports >= 1);
  const context = await signedInContext(browser, server, 'prosess@demo.tingsted.no');
  const page = await context.newPage();
  await page.goto(`${base}/report`);
  assert.equal(await page.textContent('h1'), nb('conversations.report.title'));
  const main = (await page.textContent('main')) ?? '';
  assert.ok(main.includes(nb('conversations.report.moderationCounts', stored.value.moderation)), 'the moderation counts as the record has them');
  assert.match(main, new RegExp(nb('conversations.report.participationHeading')));
  assert.match(main, /CC BY 4\.0/);
  assert.match(main, / av \d+ var (enige|uenige), \d+\s%/, 'raw figures: "4 av 4 var enige, 100 %"');
  assert.equal(await page.locator('figure.chart svg[role="img"] title').count(), 1, 'the chart has a text alternative');
  assert.ok((await page.locator('table tbody tr').count()) > 0, 'and a table');
  await assertAccessible(page, 'conversation report');
  await page.setViewportSize({ width: 360, height: 800 });
  await assertAccessible(page, 'conversation report at 360 px');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 360 px (overflow ${overflow})`);
  await screenshot(page, 'conversation-report-phone');

  const pdf = await context.request.get(`${base}/report.pdf`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const bytes = await pdf.body();
  assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
  const pages = bytes.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
  assert.ok(pages >= 2, `the PDF has its pages (${pages})`);

  // The results page numbers statements from 1 (stored from 0, as Pol.is).
  await page.goto(`${base}/results`);
  const numbers = (await page.locator('table .num').allTextContents()).map(Number);
  assert.equal(Math.min(...numbers), 1);

  // Not published and the phase open: a visitor is told when the report comes.
  const visitor = await browser.newContext({ locale: 'nb-NO' });
  const anonymous = await visitor.newPage();
  await anonymous.goto(`${base}/report`);
  assert.match((await anonymous.textContent('main')) ?? '', new RegExp(nb('conversations.report.notYet')));
  assert.equal((await anonymous.request.get(`${base}/report.pdf`)).status(), 403);
  await visitor.close();
  await context.close();
});

test('the embed page votes inside a frame on an allowed origin and is refused, translated, on another', async () => {
  const { id } = await busConversation();
  const admin = await apiClient(server.url, 'admin@demo.tingsted.no');
  const origins = (embedOrigins: string) => admin('/api/v1/admin/conversations', { method: 'PUT', json: { embedOrigins } });
  const src = `${server.url}/embed/conversations/${id}`;
  const allowed = await framingSite(src);
  const other = await framingSite(src);
  try {
    assert.equal((await origins(allowed.origin)).status, 200);
    // The browser enforces the page's frame-ancestors here (no bypassing the policy in this context).
    const context = await browser.newContext({ locale: 'nb-NO' });
    const page = await context.newPage();
    const framed = await page.goto(`${allowed.origin}/`);
    assert.equal(framed?.status(), 200);
    const frame = page.frameLocator('iframe');
    await frame.locator('button[value="agree"]').waitFor();
    assert.match((await frame.locator('main').textContent()) ?? '', /Du har stemt på 0 av/);
    await frame.locator('button[value="agree"]').click();
    await frame.locator('[role="status"]').waitFor();
    assert.match((await frame.locator('main').textContent()) ?? '', /Du har stemt på 1 av/, 'the vote counted and the next statement came');
    await frame.locator('button[value="pass"]').click();
    await frame.getByText(/Du har stemt på 2 av/).waitFor();
    // The same visitor across votes inside the frame: the first vote still counts.
    const embedFrame = page.frames().find((f) => f.url().startsWith(src));
    assert.ok(embedFrame);
    const response = await context.request.get(src, { headers: { referer: `${allowed.origin}/` } });
    assert.match(response.headers()['content-security-policy'] ?? '', new RegExp(`frame-ancestors 'self' ${allowed.origin}`));
    assert.equal(response.headers()['x-frame-options'], undefined);

    const refused = await context.newPage();
    await refused.goto(`${other.origin}/`);
    const refusal = refused.frameLocator('iframe').locator('h1');
    await refusal.waitFor();
    assert.equal(await refusal.textContent(), nb('conversations.embed.refusedHeading'));
    assert.match((await refused.frameLocator('iframe').locator('main').textContent()) ?? '', new RegExp(other.origin.replace(/[.:/]/g, '\\$&')));
    assert.equal((await context.request.get(src, { headers: { referer: `${other.origin}/` } })).status(), 403);
    await screenshot(refused, 'conversation-embed-refused');

    // The embed page itself is accessible (checked outside the frame, where axe can be injected).
    const direct = await browser.newContext({ bypassCSP: true, locale: 'nb-NO' });
    const alone = await direct.newPage();
    await alone.goto(src);
    await assertAccessible(alone, 'embedded conversation');
    await direct.close();
    await context.close();
  } finally {
    await origins('');
    await allowed.close();
    await other.close();
  }
});
