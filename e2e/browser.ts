import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoPassword } from '@tingsted/platform';
import { cookieNames } from '@tingsted/platform';
import type { TestServer } from '../apps/server/src/testing/server.ts';
import type { SessionUser } from '@tingsted/platform/accounts';
import { translate } from '../apps/web/src/lib/i18n/translate.server.ts';

const require = createRequire(import.meta.url);

/** A text of the pages in bokmål, the demo municipality's language (what a test clicks or expects to read). */
export const nb = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('nb', key, params);
const axePath = require.resolve('axe-core/axe.min.js');
export const screenshotDir = join(new URL('.', import.meta.url).pathname, 'screenshots');

/** Debian's Chromium (installed by .ci/run), never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless Chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A browser context. `bypassCSP` lets the test inject axe-core; the pages' own policy is still sent and
 * checked by the server tests.
 */
export async function newContext(browser: Browser, options: { javaScript?: boolean; locale?: string; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    bypassCSP: true,
    javaScriptEnabled: options.javaScript !== false,
    locale: options.locale ?? 'nb-NO',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  return context;
}

/** The WCAG 2.2 AA rule sets the issue names. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let axeSource: string | undefined;

/** Runs axe-core on the page and fails with a readable list of every violation. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  // Evaluated rather than added as a <script>, so it also runs on most pages opened with JavaScript off (on some,
  // such as those with SVG charts, axe never finishes there: use assertAccessibleWithoutJs).
  axeSource ??= readFileSync(axePath, 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary ?? '' })) }));
  }, wcagTags);
  const report = violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary}`).join('\n')}`)
    .join('\n');
  assert.equal(violations.length, 0, `axe found violations on ${label}:\n${report}`);
}

/**
 * axe needs JavaScript in the page. For a page opened with JavaScript off, the same address is checked in
 * a companion context with JavaScript on and the same cookies (the markup is the same server render).
 */
export async function assertAccessibleWithoutJs(page: Page, label: string): Promise<void> {
  const context = page.context();
  const browser = context.browser();
  if (!browser) throw new Error('no browser');
  const companion = await newContext(browser);
  await companion.addCookies(await context.cookies());
  const twin = await companion.newPage();
  await twin.goto(page.url());
  await assertAccessible(twin, label);
  await companion.close();
}

/** Saves a full-page screenshot under e2e/screenshots/ for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name.replace(/[^\w-]+/g, '_')}.png`), fullPage: true });
}

/** Presses Tab until the focused element matches `selector` (keyboard-only navigation). */
export async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`could not reach ${selector} with ${maxPresses} presses of Tab`);
}

/** A browser context signed in as a demo account (the sign-in form itself is tested elsewhere). */
export async function signedInContext(
  browser: Browser,
  server: TestServer,
  email: string,
  options: { javaScript?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const context = await newContext(browser, options);
  const session = await server.platform.accounts.signIn({ email, password: demoPassword });
  if (!session.ok) throw new Error(`demo sign-in failed for ${email}`);
  const url = new URL(server.url);
  await context.addCookies([{ name: cookieNames(false).session, value: session.value.token, domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

/** A date `offset` days from the server's today (Europe/Oslo), as YYYY-MM-DD. */
export function dayFrom(server: TestServer, offset: number): string {
  const d = new Date(`${server.platform.processes.today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/** The session user of a demo account, for setting up data through the platform. */
export async function sessionOf(server: TestServer, email: string): Promise<SessionUser> {
  const signedIn = await server.platform.accounts.signIn({ email, password: demoPassword });
  assert.ok(signedIn.ok);
  const user = await server.platform.accounts.sessionUser(signedIn.value.token);
  assert.ok(user);
  return user;
}

/** The page fits a phone: nothing wider than a 360 px screen (screenshot `<prefix>-phone`), then back to desktop. */
export async function fitsPhone(page: Page, label: string, prefix: string): Promise<void> {
  await page.setViewportSize({ width: 360, height: 800 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `${label} is ${width} px wide on a 360 px phone`);
  await screenshot(page, `${prefix}-phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
}
