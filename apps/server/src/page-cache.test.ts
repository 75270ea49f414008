// Pages for visitors who are not signed in are reused for a moment, but never with another visitor's
// CSRF token or script nonce, and never for signed-in people.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient } from './testing/api-client.ts';
import { startTestServer, type TestServer } from './testing/server.ts';

let server: TestServer;
before(async () => {
  // Long enough that only invalidation, not expiry, can explain a fresh page in the tests below.
  server = await startTestServer({ web: true, pageCacheMs: 1500 });
});
after(async () => server?.close());

function csrfCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ts_csrf='));
  assert.ok(cookie, 'a new visitor gets a CSRF cookie');
  return cookie.split(';')[0]?.slice('ts_csrf='.length) ?? '';
}

function nonceOf(response: Response): string {
  const match = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '');
  assert.ok(match?.[1], 'the page has a script nonce');
  return match[1];
}

test('a second visitor gets the cached page with their own CSRF token and a fresh nonce', async () => {
  const first = await fetch(`${server.url}/processes`);
  const firstBody = await first.text();
  const firstToken = csrfCookie(first);
  assert.equal(first.headers.get('x-page-cache'), null);
  assert.ok(firstBody.includes(firstToken));

  const second = await fetch(`${server.url}/processes`);
  const secondBody = await second.text();
  assert.equal(second.headers.get('x-page-cache'), 'hit');
  const secondToken = csrfCookie(second);
  assert.notEqual(secondToken, firstToken);
  assert.ok(secondBody.includes(`value="${secondToken}"`), 'forms carry the visitor’s own token');
  assert.ok(!secondBody.includes(firstToken), 'nothing of the first visitor’s token is left');
  const nonce = nonceOf(second);
  assert.notEqual(nonce, nonceOf(first));
  assert.ok(secondBody.includes(`nonce="${nonce}"`), 'scripts carry the new nonce');
  assert.equal(second.headers.get('content-length'), String(Buffer.byteLength(secondBody)));
  assert.equal(second.headers.get('x-frame-options'), 'DENY', 'security headers are kept');

  // The cached page's form works for the second visitor: the language switch is accepted.
  const posted = await fetch(`${server.url}/language`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: `ts_csrf=${secondToken}`, origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: secondToken, locale: 'en', returnTo: '/processes' }),
  });
  assert.equal(posted.status, 303);
  // …and the English page is cached apart from the Norwegian one.
  const english = await fetch(`${server.url}/processes`, { headers: { cookie: `ts_csrf=${secondToken}; ts_locale=en` } });
  assert.match(await english.text(), /<html lang="en"/);
  assert.equal(english.headers.get('x-page-cache'), null);
});

test('signed-in people and links with tokens always get a fresh page; entries expire', async () => {
  const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'kari@demo.tingsted.no', password: 'demo-passord-2026' }),
  });
  const session = signIn.headers.getSetCookie().find((c) => c.startsWith('ts_session='))?.split(';')[0];
  assert.ok(session);
  await fetch(`${server.url}/`);
  const mine = await fetch(`${server.url}/`, { headers: { cookie: session } });
  assert.equal(mine.headers.get('x-page-cache'), null);
  assert.match(await mine.text(), /Kari Nordmann/);
  const anonymous = await fetch(`${server.url}/`);
  assert.equal(anonymous.headers.get('x-page-cache'), 'hit');
  assert.doesNotMatch(await anonymous.text(), /Kari Nordmann/);

  await fetch(`${server.url}/reset-password?token=abc`);
  const again = await fetch(`${server.url}/reset-password?token=abc`);
  assert.equal(again.headers.get('x-page-cache'), null);

  await new Promise((resolve) => setTimeout(resolve, 1600));
  const expired = await fetch(`${server.url}/`);
  assert.equal(expired.headers.get('x-page-cache'), null);
});

test('the cache keeps to its size budget, oldest pages out first', async () => {
  const { createPageCache } = await import('./http/page-cache.ts');
  const { ServerResponse, IncomingMessage } = await import('node:http');
  const { Socket } = await import('node:net');
  const cache = createPageCache({ maxBytes: 25_000, ttlMs: 60_000 });
  const render = (key: string, size: number) => {
    const res = new ServerResponse(new IncomingMessage(new Socket()));
    cache.capture(key, res, 'token-token-token-token', 'ts_csrf');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<p>token-token-token-token</p>${'x'.repeat(size)}`);
  };
  render('a', 10_000);
  render('b', 10_000);
  assert.ok(cache.get('a', 'mine-mine-mine-mine-mine'));
  render('c', 10_000); // over budget: "a", the oldest, goes
  assert.equal(cache.get('a', 'mine-mine-mine-mine-mine'), null);
  assert.match(cache.get('c', 'mine-mine-mine-mine-mine')?.body.toString() ?? '', /^<p>mine-mine-mine-mine-mine<\/p>/);
  assert.equal(cache.size, 2);
});

test('a change to a process shows on the very next request: the cached home page and list are dropped at once', async () => {
  const manager = await apiClient(server.url, 'prosess@demo.tingsted.no');
  const list = (await (await fetch(`${server.url}/api/v1/processes?status=published`)).json()) as { processes: { id: string; title: Record<string, string> }[] };
  const process = list.processes[0];
  assert.ok(process);
  await fetch(`${server.url}/`, { headers: { 'accept-language': 'nb' } });
  const cached = await fetch(`${server.url}/`, { headers: { 'accept-language': 'nb' } });
  assert.equal(cached.headers.get('x-page-cache'), 'hit');
  assert.ok((await cached.text()).includes(process.title.nb ?? ''));

  const title = `Ny tittel ${Date.now()}`;
  const changed = await manager(`/api/v1/processes/${process.id}/charter`, { method: 'PATCH', json: { locale: 'nb', title } });
  assert.equal(changed.status, 200);

  // Well within the cache's 1.5 s: only the data version can have made these fresh.
  const home = await fetch(`${server.url}/`, { headers: { 'accept-language': 'nb' } });
  assert.equal(home.headers.get('x-page-cache'), null);
  assert.ok((await home.text()).includes(title), 'the home page shows the new title');
  const again = (await (await fetch(`${server.url}/api/v1/processes?status=published`)).json()) as typeof list;
  assert.equal(again.processes.find((p) => p.id === process.id)?.title.nb, title);
  // …and the new page is cached in turn, for the next visitor.
  const next = await fetch(`${server.url}/`, { headers: { 'accept-language': 'nb' } });
  assert.equal(next.headers.get('x-page-cache'), 'hit');
  assert.ok((await next.text()).includes(title));
});

test('a page whose render overlapped a write is not kept', async () => {
  const { createPageCache } = await import('./http/page-cache.ts');
  const { ServerResponse, IncomingMessage } = await import('node:http');
  const { Socket } = await import('node:net');
  let version = 0;
  const cache = createPageCache({ ttlMs: 60_000, version: () => version });
  const render = (key: string, during?: () => void) => {
    const res = new ServerResponse(new IncomingMessage(new Socket()));
    cache.capture(key, res, 'token-token-token-token', 'ts_csrf');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    during?.();
    res.end('<p>token-token-token-token</p>');
  };
  render('a', () => version++);
  assert.equal(cache.get('a', 'mine-mine-mine-mine-mine'), null, 'rendered while the data changed');
  render('a');
  assert.ok(cache.get('a', 'mine-mine-mine-mine-mine'));
  version++;
  assert.equal(cache.get('a', 'mine-mine-mine-mine-mine'), null, 'the data changed since');
});
