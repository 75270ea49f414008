import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { linkIn } from './testing/smtp.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false, bodyLimit: 8 * 1024 });
});
after(async () => server.close());

/** A small cookie-keeping client, as a browser or API script would be. */
function client() {
  const jar = new Map<string, string>();
  return {
    jar,
    async fetch(path: string, init: RequestInit & { json?: unknown } = {}) {
      const headers = new Headers(init.headers);
      if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      if (init.json !== undefined) headers.set('content-type', 'application/json');
      const response = await fetch(server.url + path, {
        ...init,
        headers,
        redirect: 'manual',
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const [name = '', value = ''] = pair.split('=');
        if (/Expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') jar.delete(name);
        else jar.set(name, value);
      }
      return response;
    },
  };
}

describe('health, documentation and headers', () => {
  test('/healthz reports that the database answers', async () => {
    const response = await fetch(`${server.url}/healthz`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { status: string; database: { reachable: boolean } };
    assert.equal(body.status, 'ok');
    assert.equal(body.database.reachable, true);
  });

  test('the OpenAPI 3.1 document lists the endpoints with their schemas', async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/api/v1/auth/register', '/api/v1/auth/sign-in', '/api/v1/processes', '/api/v1/me/export', '/api/v1/admin/users']) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
    assert.ok(doc.paths['/api/v1/auth/register']?.post?.requestBody, 'request bodies are described');
  });

  test('responses carry security headers and API responses a deny-all policy', async () => {
    const response = await fetch(`${server.url}/api/v1/processes`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(response.headers.get('strict-transport-security'), null, 'HSTS only in production');
  });
});

describe('errors', () => {
  test('invalid input names the field, in the language asked for', async () => {
    const response = await fetch(`${server.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'nn-NO' },
      body: JSON.stringify({ email: 'x@example.no', password: 'lang-og-trygg-setning' }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: string; message: string; fields: { field: string; message: string }[] } };
    assert.equal(body.error.code, 'ValidationFailed');
    assert.deepEqual(body.error.fields.map((f) => f.field), ['displayName']);
    assert.notEqual(body.error.fields[0]?.message, 'field.required', 'the message is translated, not a key');
  });

  test('malformed JSON is a 400 MalformedRequest, an oversized body a 413', async () => {
    const malformed = await fetch(`${server.url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as { error: { code: string } }).error.code, 'MalformedRequest');
    const big = await fetch(`${server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.no', password: 'x'.repeat(20_000) }),
    });
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as { error: { code: string } }).error.code, 'PayloadTooLarge');
  });

  test('an unknown locale in a registration is refused by name', async () => {
    const response = await fetch(`${server.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'y@example.no', displayName: 'Y', password: 'lang-og-trygg-setning', locale: 'tlh' }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { fields: { field: string }[] } };
    assert.deepEqual(body.error.fields.map((f) => f.field), ['locale']);
  });
});

describe('accounts over HTTP with real e-mail', () => {
  const email = 'nora@example.no';
  const password = 'fjord-og-fjell-og-hav';

  test('register, receive the confirmation over SMTP, follow the link, sign in, and sign out', async () => {
    const browser = client();
    const registered = await browser.fetch('/api/v1/auth/register', { method: 'POST', json: { email, displayName: 'Nora', password } });
    assert.equal(registered.status, 201);
    const mail = await server.mail.waitFor(email);
    assert.match(mail.subject, /Demo kommune/);
    const link = linkIn(mail);
    assert.equal(link.origin, server.url);
    assert.equal(link.pathname, '/verify-email');
    const confirmed = await browser.fetch('/api/v1/auth/verify-email', { method: 'POST', json: { token: link.searchParams.get('token') } });
    assert.equal(confirmed.status, 200);
    const reused = await browser.fetch('/api/v1/auth/verify-email', { method: 'POST', json: { token: link.searchParams.get('token') } });
    assert.equal(reused.status, 410);

    const signedIn = await browser.fetch('/api/v1/auth/sign-in', { method: 'POST', json: { email, password } });
    assert.equal(signedIn.status, 200);
    const setCookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('ts_session='));
    assert.match(setCookie ?? '', /HttpOnly/);
    assert.match(setCookie ?? '', /SameSite=Lax/);
    const session = (await (await browser.fetch('/api/v1/session')).json()) as { user: { email: string; emailVerified: boolean } };
    assert.equal(session.user.email, email);
    assert.equal(session.user.emailVerified, true);

    const noToken = await browser.fetch('/api/v1/auth/sign-out', { method: 'POST' });
    assert.equal(noToken.status, 403, 'a cookie-authenticated write without the CSRF token is refused');
    const csrf = browser.jar.get('ts_csrf') ?? '';
    const out = await browser.fetch('/api/v1/auth/sign-out', { method: 'POST', headers: { 'x-csrf-token': csrf } });
    assert.equal(out.status, 200);
    const after = (await (await browser.fetch('/api/v1/session')).json()) as { user: unknown };
    assert.equal(after.user, null);
  });

  test('password reset by e-mail link, and the log holds no password, token or cookie', async () => {
    const browser = client();
    assert.equal((await browser.fetch('/api/v1/auth/password-reset', { method: 'POST', json: { email } })).status, 202);
    const mail = await server.mail.waitFor(email, (m) => m.text.includes('/reset-password'));
    const token = linkIn(mail).searchParams.get('token') ?? '';
    const newPassword = 'ny-sommer-ved-sjoen';
    const reset = await browser.fetch('/api/v1/auth/password-reset/confirm', { method: 'POST', json: { token, password: newPassword } });
    assert.equal(reset.status, 200);
    const signedIn = await browser.fetch('/api/v1/auth/sign-in', { method: 'POST', json: { email, password: newPassword } });
    assert.equal(signedIn.status, 200);
    const sessionCookie = browser.jar.get('ts_session') ?? '';
    const log = server.logs.join('');
    assert.ok(log.includes('"path":"/api/v1/auth/sign-in"'), 'requests are logged');
    for (const secret of [password, newPassword, token, sessionCookie]) assert.ok(!log.includes(secret), 'a secret leaked into the log');
  });

  test('sign-in is rate limited per address', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (await fetch(`${server.url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'feil-passord-123' }) })).status;
    }
    assert.equal(last, 429);
  });
});

describe('roles and processes', () => {
  test('drafts are hidden from the public and shown to process managers; only administrators list users', async () => {
    const anonymous = (await (await fetch(`${server.url}/api/v1/processes?status=all`)).json()) as { processes: { status: string }[] };
    assert.ok(anonymous.processes.length >= 3);
    assert.ok(anonymous.processes.every((p) => p.status !== 'draft'));
    const manager = client();
    // Rate limits key on the address; this test signs in from the same loopback address as the one above.
    await server.platform.db.deleteFrom('rate_limits').execute();
    assert.equal((await manager.fetch('/api/v1/auth/sign-in', { method: 'POST', json: { email: 'prosess@demo.tingsted.no', password: 'demo-passord-2026' } })).status, 200);
    // The demo has no draft left (its budgeting process is published), so one is made here.
    await server.platform.processes.ensureProcess({ slug: 'et-utkast', status: 'draft', title: { nb: 'Et utkast' }, summary: {}, startsOn: null, endsOn: null, createdBy: null });
    const theirs = (await (await manager.fetch('/api/v1/processes?status=draft')).json()) as { processes: { slug: string }[] };
    assert.deepEqual(theirs.processes.map((p) => p.slug), ['et-utkast']);
    assert.ok(!((await (await fetch(`${server.url}/api/v1/processes?status=all`)).json()) as { processes: { slug: string }[] }).processes.some((p) => p.slug === 'et-utkast'));
    assert.equal((await manager.fetch('/api/v1/admin/users')).status, 403);
    const admin = client();
    assert.equal((await admin.fetch('/api/v1/auth/sign-in', { method: 'POST', json: { email: 'admin@demo.tingsted.no', password: 'demo-passord-2026' } })).status, 200);
    const users = (await (await admin.fetch('/api/v1/admin/users?search=ordforer')).json()) as { users: { roles: string[] }[] };
    assert.deepEqual(users.users.map((u) => u.roles), [['decision_maker']]);
  });

  test('a process that does not exist is a 404 in the error format', async () => {
    const response = await fetch(`${server.url}/api/v1/processes/finnes-ikke`);
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'NotFound');
  });
});
