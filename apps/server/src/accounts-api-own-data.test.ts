import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from 'typebox/value';
import { accountContracts } from '@tingsted/platform/accounts';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient } from './testing/api-client.ts';

// GET /session and GET /me/export come from their contracts: the document describes what they answer, and
// what they answer is what it did before (the session as it is; the export as a pretty-printed JSON file).
let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

test('the session answers who is signed in, the language and the CSRF token, as its contract says', async () => {
  const anonymous = await fetch(`${server.url}/api/v1/session`);
  assert.equal(anonymous.status, 200);
  const nobody = (await anonymous.json()) as { user: unknown; locale: string; csrfToken: string };
  assert.deepEqual([nobody.user, nobody.locale], [null, 'nb']);
  assert.ok(nobody.csrfToken.length >= 20);
  assert.ok(Value.Check(accountContracts.getSession.output, nobody));

  const kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const session = (await (await kari('/api/v1/session')).json()) as { user: Record<string, unknown> };
  assert.deepEqual(Object.keys(session.user).sort((a, b) => a.localeCompare(b)), ['displayName', 'email', 'emailVerified', 'id', 'roles']);
  assert.deepEqual([session.user.email, session.user.roles], ['kari@demo.tingsted.no', ['resident']]);
  assert.ok(Value.Check(accountContracts.getSession.output, session));
});

test('my data export is the file it was, and the contract describes it', async () => {
  assert.equal((await fetch(`${server.url}/api/v1/me/export`)).status, 401);
  const kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const answer = await kari('/api/v1/me/export');
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('content-disposition'), 'attachment; filename="tingsted-my-data.json"');
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  const text = await answer.text();
  const data = JSON.parse(text) as { account: { id: string; email: string }; roles: string[]; aboutYou: unknown; actions: unknown[] };
  assert.equal(text, JSON.stringify(data, null, 2), 'pretty-printed, as a file to keep');
  assert.deepEqual([data.account.email, data.roles, data.aboutYou], ['kari@demo.tingsted.no', ['resident'], { area: 'Sentrum', birth_year: 1958 }]);
  assert.ok(data.actions.length > 0, 'what Kari did is in it');
  assert.ok(Value.Check(accountContracts.exportMyData.output, data), JSON.stringify([...Value.Errors(accountContracts.exportMyData.output, data)].slice(0, 3)));

  const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>> };
  assert.equal(doc.paths['/api/v1/me/export']?.get?.operationId, 'exportMyData');
  assert.ok(doc.paths['/api/v1/me/export']?.get?.responses?.['200'], 'the export is described');
  assert.equal(doc.paths['/api/v1/session']?.get?.operationId, 'getSession');
});
