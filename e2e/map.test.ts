// Ideas on a map in a browser (issue 19): a resident places an idea by the address field without JavaScript
// (a missing place and a place outside the municipality are refused by name, nothing typed is lost); with
// JavaScript and no tiles reachable the map still draws the boundary and the pins, the list beside it and the
// map follow each other, a place is marked by clicking the map; the author moves an idea's place by typing a
// new one on the edit page; the administrator uploads a detailed map of a few MB from the admin page; axe checks
// each page, and a 360 px phone fits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { writeFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoMapGeoJson } from '../packages/platform/src/seed/demo-map.ts';
import { assertAccessible, assertAccessibleWithoutJs, fitsPhone, launchBrowser, screenshot, sessionOf, signedInContext, nb } from './browser.ts';

let server: TestServer;
let browser: Browser;
let withJs: BrowserContext;
const slug = 'steder-i-sentrum';
before(async () => {
  server = await startTestServer({ web: true });
  browser = await launchBrowser();
  // No tiles, whatever the network: the municipality's tile server refuses every connection.
  const set = await server.platform.municipality.setMap(await sessionOf(server, 'admin@demo.tingsted.no'), { tileUrl: `https://127.0.0.1:9/{z}/{x}/{y}.png`, attribution: 'Ingen kartfliser' });
  assert.ok(set.ok);
  withJs = await signedInContext(browser, server, 'ola@demo.tingsted.no');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function fillIdea(page: Page, title: string, address: string) {
  await page.fill('#field-title', title);
  await page.fill('#field-body', 'Her trengs det noe som gjør stedet bedre for alle.');
  await page.fill('#field-address', address);
  await page.locator('form[action="?/post"] button[type="submit"]').click();
}

test('a resident places an idea by the address field without JavaScript; a missing place and one outside the municipality are refused by name', async () => {
  const context = await signedInContext(browser, server, 'kari@demo.tingsted.no', { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/processes/${slug}/ideas`);
  assert.equal(await page.locator('.leaflet-container').count(), 0, 'no map without JavaScript');
  await fillIdea(page, 'Vannpost ved kinoen', '');
  await page.waitForSelector('.error-summary');
  assert.equal(await page.locator('.error-summary a[href="#field-address"]').count(), 1, 'the summary names the place field');
  assert.equal(await page.inputValue('#field-title'), 'Vannpost ved kinoen', 'nothing typed is lost');
  await fillIdea(page, 'Vannpost ved kinoen', '59.9110, 10.7500');
  await page.getByText(nb('location.outside')).first().waitFor();
  assert.equal(await page.inputValue('#field-address'), '59.9110, 10.7500');
  await assertAccessibleWithoutJs(page, 'map-post-refused');
  await fillIdea(page, 'Vannpost ved kinoen', 'kinoen');
  await page.waitForURL(/\/ideas\/[0-9a-f-]+\?posted=1$/);
  await page.getByText(nb('map.place', { place: 'Kinoen, Sentrum' })).waitFor();

  // The author moves the place on the edit page by typing another; a place outside is refused and nothing changes.
  const ideaUrl = page.url().replace(/\?.*$/, '');
  await page.goto(`${ideaUrl}/edit`);
  assert.equal(await page.inputValue('#field-address'), 'Kinoen', 'the place it has is filled in');
  await page.fill('#field-address', '59.9110, 10.7500');
  await page.locator('main form button[type="submit"]').click();
  await page.getByText(nb('location.outside')).first().waitFor();
  await assertAccessibleWithoutJs(page, 'map-edit-refused');
  await page.fill('#field-address', 'Biblioteket');
  await page.locator('main form button[type="submit"]').click();
  await page.waitForURL(/\/ideas\/[0-9a-f-]+\?edited=1$/);
  await page.getByText(nb('map.place', { place: 'Biblioteket, Sentrum' })).waitFor();
  await context.close();
});

test('with no tiles the map shows the boundary and the pins; the list and the map follow each other', async () => {
  const page = await withJs.newPage();
  const tileRequests: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url().startsWith('https://127.0.0.1:9/')) tileRequests.push(request.url());
  });
  await page.goto(`${server.url}/processes/${slug}/ideas/map`);
  await page.waitForSelector('.leaflet-overlay-pane path');
  await page.waitForSelector('.map-pin, .map-cluster');
  assert.ok(tileRequests.length > 0, 'the tiles were asked for and failed');
  // The boundary and the five areas are drawn (plus the ideas' lines and areas).
  assert.ok((await page.locator('.leaflet-overlay-pane path').count()) >= 6);
  const listed = await page.locator('.map-list li').count();
  const pins = await page.locator('.map-pin').count();
  const clustered = (await page.locator('.map-cluster').allTextContents()).reduce((n, text) => n + Number(text), 0);
  assert.equal(pins + clustered, listed, 'every idea in the list is on the map, as a pin or in a cluster');
  await assertAccessible(page, 'map-page');

  // From the list to the map: the chosen idea's pin is marked, and the map moves to it.
  const playground = page.locator('.map-list li', { hasText: 'Lekeplass i Åsen' });
  const id = await playground.getAttribute('data-idea');
  await playground.getByRole('button').click();
  await page.waitForSelector(`.map-pin.selected[data-idea="${id}"]`);
  assert.equal(await playground.getAttribute('aria-current'), 'true');
  // "Only what the map shows": zoomed in on the playground, the list keeps fewer ideas, the playground among them.
  await page.getByLabel(nb('map.onlyInView')).check();
  await page.waitForFunction((n) => document.querySelectorAll('.map-list li').length < n, listed);
  assert.equal(await page.locator(`.map-list li[data-idea="${id}"]`).count(), 1);
  await page.getByLabel(nb('map.onlyInView')).uncheck();

  // From the map to the list: a pin chosen on the map marks its idea in the list.
  await page.reload();
  const lights = page.locator('.map-list li', { hasText: 'Bedre lys langs elva' });
  const otherId = await lights.getAttribute('data-idea');
  const other = page.locator(`.map-pin[data-idea="${otherId}"]`);
  assert.equal(await other.getAttribute('tabindex'), '0', 'pins are reached with the keyboard');
  await other.click();
  await page.waitForSelector(`.map-list li.selected[data-idea="${otherId}"]`);

  // Filtering chooses what both show.
  await page.selectOption('#map-area', 'Elvebakken');
  await page.locator('form.filter button[type="submit"]').click();
  await page.waitForURL(/area=Elvebakken/);
  await page.waitForSelector('.map-pin');
  assert.deepEqual(await page.locator('.map-list li a').allTextContents(), ['Bedre lys langs elva']);
  assert.equal((await page.locator('.map-pin').count()) + (await page.locator('.map-cluster').count()), 1);
  await screenshot(page, 'map-filtered');
  await page.close();
});

test('with JavaScript a resident marks the place by clicking the map; the map fits a 360 px phone', async () => {
  const page = await withJs.newPage();
  await page.goto(`${server.url}/processes/${slug}/ideas`);
  await page.waitForSelector('.leaflet-overlay-pane path');
  await assertAccessible(page, 'map-post-form');
  // The middle of the map is inside the municipality (the map is fitted to its boundary).
  const map = page.locator('.map-frame .leaflet-container');
  const box = await map.boundingBox();
  assert.ok(box);
  await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await page.getByText(nb('map.marked')).waitFor();
  await page.fill('#field-title', 'Søppelkasser i sentrum');
  await page.fill('#field-body', 'Flere søppelkasser der folk går mest.');
  await page.locator('form[action="?/post"] button[type="submit"]').click();
  await page.waitForURL(/\/ideas\/[0-9a-f-]+\?posted=1$/);
  const id = /ideas\/([0-9a-f-]+)/.exec(page.url())?.[1] ?? '';
  const idea = await server.platform.ideas.getIdea(null, id);
  assert.equal(idea.ok && idea.value.idea.location?.geometry.type, 'Point');

  await page.goto(`${server.url}/processes/${slug}/ideas/map`);
  await page.waitForSelector('.map-pin, .map-cluster');
  await fitsPhone(page, 'the map page', 'map-page');
  await page.goto(`${server.url}/processes/${slug}/ideas`);
  await page.waitForSelector('.leaflet-overlay-pane path');
  await fitsPhone(page, 'the idea form with its map', 'map-form');
  await page.close();
});

test('the administrator uploads a detailed municipality map of a few MB from the page, without JavaScript', async () => {
  // The demo map with its areas' borders traced in 160,000 points each, as surveyed borders are: over 3 MB.
  const trace = (ring: number[][], perEdge: number): number[][] => {
    const out: number[][] = [];
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i] as [number, number];
      const [x1, y1] = ring[i + 1] as [number, number];
      for (let k = 0; k < perEdge; k++) out.push([Number((x0 + ((x1 - x0) * k) / perEdge).toFixed(7)), Number((y0 + ((y1 - y0) * k) / perEdge).toFixed(7))]);
    }
    out.push(ring[0] as number[]);
    return out;
  };
  const detailed = {
    ...demoMapGeoJson,
    features: demoMapGeoJson.features.map((f) =>
      f.properties.kind === 'area' && (f.properties.name === 'Sentrum' || f.properties.name === 'Nordbyen') ? { ...f, geometry: { type: 'Polygon', coordinates: [trace((f.geometry.coordinates as number[][][])[0] ?? [], 20_000)] } } : f,
    ),
  };
  const file = join(mkdtempSync(join(tmpdir(), 'tingsted-map-')), 'kommune.geojson');
  writeFileSync(file, JSON.stringify(detailed));
  const size = statSync(file).size;
  assert.ok(size > 3_000_000 && size < 5_000_000, `${size} bytes`);
  const admin = await signedInContext(browser, server, 'admin@demo.tingsted.no', { javaScript: false });
  const page = await admin.newPage();
  await page.goto(`${server.url}/admin/map`);
  await page.setInputFiles('#field-file', file);
  await page.locator('main form button[type="submit"]').click();
  await page.getByText(nb('map.mapSaved', { areas: 5, places: 7 })).waitFor({ timeout: 60_000 });
  const map = await server.platform.municipality.map();
  assert.equal(map.shapes?.areas.find((a) => a.name === 'Sentrum')?.geometry.coordinates[0]?.length, 80_001);
  await admin.close();
});
