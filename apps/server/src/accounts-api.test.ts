import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

/** Signs in; the sign-in limit keys on the address, and every client here comes from the loopback. */
async function as(email: string): Promise<ApiCall> {
  await server.platform.db.deleteFrom('rate_limits').execute();
  return apiClient(server.url, email);
}

async function rolesOf(admin: ApiCall, search: string): Promise<string[][]> {
  const body = (await (await admin(`/api/v1/admin/users?search=${search}`)).json()) as { users: { roles: string[] }[] };
  return body.users.map((u) => u.roles);
}

test('people and roles: an administrator lists and sets roles; other roles get 403, the anonymous 401; a bad role changes nothing', async () => {
  assert.equal((await fetch(`${server.url}/api/v1/admin/users`)).status, 401);
  const admin = await as('admin@demo.tingsted.no');
  const users = (await (await admin('/api/v1/admin/users?search=ola@demo')).json()) as { users: { id: string; email: string; emailVerified: boolean; roles: string[] }[] };
  const ola = users.users.find((u) => u.email === 'ola@demo.tingsted.no');
  assert.ok(ola);
  assert.deepEqual(ola.roles, ['resident']);

  for (const email of ['kari@demo.tingsted.no', 'prosess@demo.tingsted.no', 'moderator@demo.tingsted.no', 'ordforer@demo.tingsted.no']) {
    const other = await as(email);
    assert.equal((await other('/api/v1/admin/users')).status, 403, email);
    assert.equal((await other(`/api/v1/admin/users/${ola.id}/roles`, { method: 'PUT', json: { roles: ['administrator'] } })).status, 403, email);
  }
  assert.deepEqual(await rolesOf(admin, 'ola@demo'), [['resident']]);

  const unknown = await admin(`/api/v1/admin/users/${ola.id}/roles`, { method: 'PUT', json: { roles: ['moderator', 'keiser'] } });
  assert.equal(unknown.status, 400);
  assert.deepEqual(await fieldsOf(unknown), ['roles']);
  const badId = await admin('/api/v1/admin/users/ola/roles', { method: 'PUT', json: { roles: ['moderator'] } });
  assert.equal(badId.status, 400);
  assert.deepEqual(await fieldsOf(badId), ['id']);
  const missing = await admin(`/api/v1/admin/users/${ola.id}/roles`, { method: 'PUT', json: {} });
  assert.equal(missing.status, 400);
  assert.deepEqual(await fieldsOf(missing), ['roles']);
  assert.deepEqual(await rolesOf(admin, 'ola@demo'), [['resident']]);

  const set = await admin(`/api/v1/admin/users/${ola.id}/roles`, { method: 'PUT', json: { roles: ['resident', 'moderator'] } });
  assert.equal(set.status, 200);
  assert.deepEqual(await set.json(), { roles: ['moderator', 'resident'] });
  assert.deepEqual(await rolesOf(admin, 'ola@demo'), [['moderator', 'resident']]);
  assert.equal((await admin(`/api/v1/admin/users/${ola.id}/roles`, { method: 'PUT', json: { roles: ['resident'] } })).status, 200);
});

test("the municipality's settings: administrators only; a bad field is named and nothing is written", async () => {
  const before = (await (await fetch(`${server.url}/api/v1/municipality`)).json()) as Record<string, unknown>;
  assert.equal(before.name, 'Demo kommune');
  const settings = { name: 'Nytt navn', logoUrl: null, primaryColour: '#1f5f8b', defaultLocale: 'nn', areas: ['Nord', 'Sør'] };
  const manager = await as('prosess@demo.tingsted.no');
  assert.equal((await manager('/api/v1/admin/municipality', { method: 'PUT', json: settings })).status, 403);

  const admin = await as('admin@demo.tingsted.no');
  for (const [field, value] of [['primaryColour', '#ffff00'], ['defaultLocale', 'de'], ['logoUrl', 'http://example.org/logo.png'], ['name', '']] as const) {
    const refused = await admin('/api/v1/admin/municipality', { method: 'PUT', json: { ...settings, [field]: value } });
    assert.equal(refused.status, 400, field);
    assert.deepEqual(await fieldsOf(refused), [field]);
  }
  const duplicate = await admin('/api/v1/admin/municipality', { method: 'PUT', json: { ...settings, areas: ['Nord', 'nord'] } });
  assert.deepEqual(await fieldsOf(duplicate), ['areas']);
  assert.deepEqual(await (await fetch(`${server.url}/api/v1/municipality`)).json(), before);

  const saved = await admin('/api/v1/admin/municipality', { method: 'PUT', json: settings });
  assert.equal(saved.status, 200);
  assert.deepEqual(await saved.json(), settings);
  assert.deepEqual((await server.platform.municipality.get()).areas, ['Nord', 'Sør']);
  const { areas: _areas, ...shown } = settings;
  assert.deepEqual(await (await fetch(`${server.url}/api/v1/municipality`)).json(), shown);
});

test('my account over the API: read it, tell my area and year of birth, choose how often I hear; bad input is named and not saved', async () => {
  assert.equal((await fetch(`${server.url}/api/v1/me`)).status, 401);
  const sara = await as('sara@demo.tingsted.no');
  const read = async () => (await (await sara('/api/v1/me')).json()) as { email: string; notifyMode: string; area: string | null; birthYear: number | null; roles: string[] };
  const before = await read();
  assert.equal(before.email, 'sara@demo.tingsted.no');

  const badMode = await sara('/api/v1/me/notify-mode', { method: 'PUT', json: { notifyMode: 'weekly' } });
  assert.equal(badMode.status, 400);
  assert.deepEqual(await fieldsOf(badMode), ['notifyMode']);
  assert.equal((await read()).notifyMode, before.notifyMode);
  const mode = before.notifyMode === 'daily' ? 'none' : 'daily';
  assert.equal((await sara('/api/v1/me/notify-mode', { method: 'PUT', json: { notifyMode: mode } })).status, 200);
  assert.equal((await read()).notifyMode, mode);

  const area = (await server.platform.municipality.get()).areas[0];
  assert.ok(area, 'the demo municipality has areas');
  const thisYear = new Date().getUTCFullYear();
  const badArea = await sara('/api/v1/me/resident-profile', { method: 'PUT', json: { area: 'Atlantis', birthYear: 1980 } });
  assert.equal(badArea.status, 400);
  assert.deepEqual(await fieldsOf(badArea), ['area']);
  const badYear = await sara('/api/v1/me/resident-profile', { method: 'PUT', json: { area, birthYear: thisYear - 130 } });
  assert.deepEqual(await fieldsOf(badYear), ['birthYear']);
  const badType = await sara('/api/v1/me/resident-profile', { method: 'PUT', json: { area, birthYear: true } });
  assert.equal(badType.status, 400);
  assert.deepEqual(await fieldsOf(badType), ['birthYear']);
  assert.deepEqual([(await read()).area, (await read()).birthYear], [before.area, before.birthYear]);
  assert.equal((await sara('/api/v1/me/resident-profile', { method: 'PUT', json: { area, birthYear: 1980 } })).status, 200);
  assert.deepEqual([(await read()).area, (await read()).birthYear], [area, 1980]);
  assert.equal((await sara('/api/v1/me/resident-profile', { method: 'PUT', json: { area: '', birthYear: null } })).status, 200);
  assert.deepEqual([(await read()).area, (await read()).birthYear], [null, null]);

  const badName = await sara('/api/v1/me', { method: 'PATCH', json: { displayName: 'x'.repeat(101), locale: null } });
  assert.equal(badName.status, 400);
  assert.deepEqual(await fieldsOf(badName), ['displayName']);
  const notDeleted = await sara('/api/v1/me', { method: 'DELETE', json: { confirm: 'ja' } });
  assert.equal(notDeleted.status, 400);
  assert.deepEqual(await fieldsOf(notDeleted), ['confirm']);
  assert.equal((await sara('/api/v1/me')).status, 200);
});

test('registration names the field it refuses and creates nothing', async () => {
  await server.platform.db.deleteFrom('rate_limits').execute();
  const register = (json: unknown) => fetch(`${server.url}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
  const person = { email: 'ny.person@example.org', displayName: 'Ny Person', password: 'et langt og godt passord 2026' };
  for (const [field, json] of [['password', { email: person.email, displayName: person.displayName }], ['locale', { ...person, locale: 'de' }], ['email', { ...person, email: 'ikke-en-adresse' }]] as const) {
    const refused = await register(json);
    assert.equal(refused.status, 400, field);
    assert.deepEqual(await fieldsOf(refused), [field]);
  }
  const found = await server.platform.db.selectFrom('users').select('id').where('email', '=', person.email).execute();
  assert.deepEqual(found, []);
  assert.equal((await register({ ...person, locale: 'nn' })).status, 201);
});
