// Sign-in with OpenID Connect against a real provider (the `oidc-provider` package) started by the test,
// the way a municipality plugs in ID-porten, BankID, MitID or Freja through its broker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import { freePort, startTestServer, type TestServer } from '../apps/server/src/testing/server.ts';
import { translate } from '../apps/web/src/lib/i18n/translate.server.ts';
import { launchBrowser, newContext } from './browser.ts';

let server: TestServer;
let browser: Browser;
let provider: Server;

before(async () => {
  const providerPort = await freePort();
  const issuer = `http://127.0.0.1:${providerPort}`;
  server = await startTestServer({
    web: true,
    oidc: (publicUrl) => {
      const oidc = new Provider(issuer, {
        clients: [
          {
            client_id: 'tingsted-test',
            client_secret: 'a-long-client-secret-for-the-test-only',
            redirect_uris: [`${publicUrl}/auth/oidc/callback`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        // Any login name is an account; its e-mail is verified by the provider.
        findAccount: async (_ctx: unknown, id: string) => ({
          accountId: id,
          claims: async () => ({ sub: id, email: `${id}@example.no`, email_verified: true, name: `Ida ${id}` }),
        }),
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        pkce: { required: () => true },
        // Plain http on loopback: the provider's cookies cannot be Secure, so they must not be SameSite=None.
        cookies: {
          keys: ['test-cookie-key-test-cookie-key'],
          long: { sameSite: 'lax', secure: false },
          short: { sameSite: 'lax', secure: false },
        },
      });
      provider = oidc.listen(providerPort, '127.0.0.1');
      return { issuer, clientId: 'tingsted-test', clientSecret: 'a-long-client-secret-for-the-test-only', displayName: 'ID-porten', allowInsecure: true };
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => provider?.close(resolve));
});

/**
 * A browser-like client: follows redirects across both servers and keeps cookies per host and path
 * (cookies ignore the port, as in browsers).
 */
function cookieClient() {
  const jar = new Map<string, { value: string; path: string }>();
  const cookieHeader = (url: URL) =>
    [...jar]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  async function request(url: URL, init: RequestInit = {}): Promise<{ url: URL; response: Response }> {
    let current = url;
    let options = init;
    for (let hop = 0; hop < 20; hop++) {
      const response = await fetch(current, { ...options, redirect: 'manual', headers: { ...(options.headers as Record<string, string>), cookie: cookieHeader(current) } });
      for (const raw of response.headers.getSetCookie()) {
        const [pair = '', ...attributes] = raw.split(';').map((p) => p.trim());
        const name = pair.slice(0, pair.indexOf('='));
        const value = pair.slice(pair.indexOf('=') + 1);
        const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(raw)) jar.delete(name);
        else jar.set(name, { value, path });
      }
      const location = response.headers.get('location');
      if (!location || response.status < 300 || response.status >= 400) return { url: current, response };
      current = new URL(location, current);
      options = {};
    }
    throw new Error('too many redirects');
  }
  return { request };
}

test('signing in through the provider creates a verified account and a session', async () => {
  const client = cookieClient();
  // Our "Sign in with ID-porten" button leads to the provider's login form.
  const login = await client.request(new URL('/auth/oidc/start?returnTo=/account', server.url));
  assert.match(login.url.pathname, /^\/interaction\//);
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const consent = await client.request(login.url, { method: 'POST', headers: form, body: 'prompt=login&login=ida&password=' });
  assert.match(await consent.response.text(), /Continue/);
  const back = await client.request(consent.url, { method: 'POST', headers: form, body: 'prompt=consent' });
  assert.equal(back.url.href, `${server.url}/account`, `the person lands where they started ${server.logs.filter((l) => l.includes('OpenID')).join('')}`);
  const session = (await (await client.request(new URL('/api/v1/session', server.url))).response.json()) as {
    user: { email: string; emailVerified: boolean; roles: string[]; displayName: string };
  };
  assert.equal(session.user.email, 'ida@example.no');
  assert.equal(session.user.displayName, 'Ida ida');
  assert.equal(session.user.emailVerified, true);
  assert.deepEqual(session.user.roles, ['resident']);
  const identities = await server.platform.db.selectFrom('oidc_identities').select(['subject']).execute();
  assert.deepEqual(identities.map((i) => i.subject), ['ida']);
});

test('a login refused at the provider brings the person back with a message and no session', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/auth/oidc/start`);
  await page.getByText('Cancel').click();
  await page.waitForURL(/\/sign-in\?error=OidcFailed/);
  assert.ok(((await page.textContent('.error-summary')) ?? '').includes(translate('nb', 'error.OidcFailed')));
  const session = (await page.evaluate(async () => (await fetch('/api/v1/session')).json())) as { user: unknown };
  assert.equal(session.user, null);
  await context.close();
});

test('a callback whose state does not match the one we sent is refused', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // Start a real flow so the login-state cookie exists, then arrive at the callback with a forged state.
  await page.goto(`${server.url}/auth/oidc/start`);
  await page.goto(`${server.url}/auth/oidc/callback?code=stolen-code&state=forged-state&iss=${encodeURIComponent(new URL(page.url()).origin)}`);
  await page.waitForURL(/\/sign-in\?error=OidcFailed/);
  const session = (await page.evaluate(async () => (await fetch('/api/v1/session')).json())) as { user: unknown };
  assert.equal(session.user, null);
  const log = server.logs.join('');
  assert.match(log, /OpenID sign-in refused/);
  assert.ok(!log.includes('stolen-code'), 'the code is not logged');
  await context.close();
});
