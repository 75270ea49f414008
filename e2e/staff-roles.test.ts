// Every staff role signs in and opens every staff page it may open (asserting what the page shows, not only
// that it answers), and gets the clear refusal page, with the reason, its roles and a reference, on one it
// may not open (issue 17).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { assertAccessible, launchBrowser, screenshot, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
let processId = '';
before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  const found = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(found.ok);
  processId = found.value.id;
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page a role may open, and a text it must show. */
interface Visit {
  readonly path: () => string;
  readonly shows: () => string;
}

const manage: Visit = { path: () => '/manage', shows: () => nb('staffPage.whatYouCan') };
const queue: Visit = { path: () => '/manage/moderation', shows: () => nb('moderate.title') };
const processPage: Visit = { path: () => `/manage/${processId}`, shows: () => 'Ny sentrumsplan' };
const report: Visit = { path: () => `/manage/${processId}/report`, shows: () => nb('report.title') };
const admin: Visit = { path: () => '/admin', shows: () => nb('admin.title') };

const roles = [
  { email: 'admin@demo.tingsted.no', role: 'administrator', may: [manage, queue, processPage, report, admin], can: ['staffPage.can.moderate', 'staffPage.can.users', 'staffPage.can.processes'], refused: null },
  { email: 'prosess@demo.tingsted.no', role: 'process_manager', may: [manage, queue, processPage, report], can: ['staffPage.can.moderate', 'staffPage.can.processes'], refused: { path: '/admin', reason: 'staffPage.forbidden.admin' } },
  { email: 'moderator@demo.tingsted.no', role: 'moderator', may: [manage, queue], can: ['staffPage.can.moderate', 'staffPage.can.answer'], refused: { path: `/manage/:process`, reason: 'staffPage.forbidden.manage' } },
  { email: 'ordforer@demo.tingsted.no', role: 'decision_maker', may: [manage, report], can: ['staffPage.can.answer'], refused: { path: '/manage/moderation', reason: 'staffPage.forbidden.moderation' } },
] as const;

async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').textContent()) ?? '';
}

for (const { email, role, may, can, refused } of roles) {
  test(`${role}: opens every staff page it may, sees what it may do, and is told why on one it may not`, async () => {
    const context = await signedInContext(browser, server, email);
    const page = await context.newPage();
    for (const visit of may) {
      const response = await page.goto(server.url + visit.path());
      assert.equal(response?.status(), 200, `${role} ${visit.path()}`);
      assert.match(await mainText(page), new RegExp(visit.shows()), `${role} ${visit.path()} shows its content`);
    }
    await page.goto(`${server.url}/manage`);
    for (const key of can) assert.match(await mainText(page), new RegExp(nb(key as Parameters<typeof nb>[0]).slice(0, 30)), `${role} is told it may: ${key}`);
    assert.equal(await page.locator('form[action="?/create"]').count(), role === 'administrator' || role === 'process_manager' ? 1 : 0, 'only process managers get the form for a new process');
    await assertAccessible(page, `staff-${role}-manage`);
    await screenshot(page, `staff-${role}-manage`);
    assert.ok(await page.getByRole('link', { name: nb('nav.manage') }).count(), 'the navigation leads every staff role to /manage');

    if (refused) {
      const response = await page.goto(server.url + refused.path.replace(':process', processId));
      assert.equal(response?.status(), 403);
      const text = await mainText(page);
      assert.match(text, new RegExp(nb('staffPage.title')));
      assert.match(text, new RegExp(nb(refused.reason)));
      assert.match(text, new RegExp(nb(`role.${role}`)));
      const reference = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(text)?.[1];
      assert.ok(reference, 'the refusal page gives a real reference');
      await assertAccessible(page, `staff-${role}-refused`);
      await screenshot(page, `staff-${role}-refused`);
    }
    await context.close();
  });
}
