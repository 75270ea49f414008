import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

// Near-duplicate ideas over the API: the same use cases and policy as /manage/moderation/duplicates.
let server: TestServer;
let processId = '';
let keep = '';
let merge = '';
let other = '';
let moderator: ApiCall;
before(async () => {
  server = await startTestServer({ web: false });
  const process = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(process.ok);
  processId = process.value.id;
  const phaseId = process.value.phases.find((p) => p.method === 'ideas')?.id ?? '';
  const author = await server.platform.accounts.ensureUser({ email: 'innbygger@example.no', displayName: 'Inger Innbygger', password: null, roles: ['resident'] });
  keep = await server.platform.ideas.importIdea({ phaseId, authorId: author, title: 'Drikkefontener i sentrum', body: 'Sett opp drikkefontener i sentrum og i parkene, det er varmt om sommeren.' });
  merge = await server.platform.ideas.importIdea({ phaseId, authorId: author, title: 'Drinking fountains', body: 'Install drinking water fountains in the town centre and the parks for hot summer days.' });
  other = await server.platform.ideas.importIdea({ phaseId, authorId: author, title: 'Kjellere under vann i Bekkeveien', body: 'Sluket i Bekkeveien går tett ved hvert regnvær og kjellerne blir oversvømt.' });
  moderator = await apiClient(server.url, 'moderator@demo.tingsted.no');
});
after(async () => server.close());

const suggestions = () => `/api/v1/processes/${processId}/duplicates`;
type Suggestions = { ideas: number; total: number; threshold: number; pairs: { similarity: number; a: { id: string; title: string; createdAt: string }; b: { id: string } }[] };
const hasPair = (s: Suggestions, x: string, y: string) => s.pairs.some((p) => (p.a.id === x && p.b.id === y) || (p.a.id === y && p.b.id === x));

test('moderators, process managers and administrators read suggestions; residents and decision-makers get 403, the signed-out 401', async () => {
  assert.equal((await fetch(`${server.url}${suggestions()}`)).status, 401);
  for (const email of ['kari@demo.tingsted.no', 'ordforer@demo.tingsted.no']) {
    const refused = await apiClient(server.url, email);
    assert.equal((await refused(suggestions())).status, 403, email);
    assert.equal((await refused(`/api/v1/ideas/${keep}/merge`, { method: 'POST', json: { mergeId: merge } })).status, 403, email);
    assert.equal((await refused(`/api/v1/ideas/${keep}/not-duplicate`, { method: 'POST', json: { otherId: other } })).status, 403, email);
  }
  for (const email of ['prosess@demo.tingsted.no', 'admin@demo.tingsted.no', 'moderator@demo.tingsted.no']) {
    const staff = await apiClient(server.url, email);
    const response = await staff(suggestions());
    assert.equal(response.status, 200, email);
    const body = (await response.json()) as Suggestions;
    assert.ok(hasPair(body, keep, merge), `${email}: the bokmål and English fountains are suggested`);
    assert.ok(!hasPair(body, keep, other));
  }
  const malformed = await moderator('/api/v1/processes/not-a-process/duplicates');
  assert.equal(malformed.status, 400);
  assert.deepEqual(await fieldsOf(malformed), ['id']);
  assert.equal((await moderator('/api/v1/processes/00000000-0000-4000-8000-000000000000/duplicates')).status, 404);
});

test('bad input is named and changes nothing; a merge moves the idea and is then a conflict; "not a duplicate" is remembered', async () => {
  const missing = await moderator(`/api/v1/ideas/${keep}/merge`, { method: 'POST', json: {} });
  assert.equal(missing.status, 400);
  assert.deepEqual(await fieldsOf(missing), ['mergeId']);
  const same = await moderator(`/api/v1/ideas/${keep}/merge`, { method: 'POST', json: { mergeId: keep } });
  assert.equal(same.status, 400);
  assert.deepEqual(await fieldsOf(same), ['mergeId']);
  assert.equal((await moderator(`/api/v1/ideas/${keep}/merge`, { method: 'POST', json: { mergeId: '00000000-0000-4000-8000-000000000000' } })).status, 404);
  const before = (await (await moderator(suggestions())).json()) as Suggestions;
  assert.ok(hasPair(before, keep, merge));

  const merged = await moderator(`/api/v1/ideas/${keep}/merge`, { method: 'POST', json: { mergeId: merge } });
  assert.equal(merged.status, 200);
  assert.deepEqual(await merged.json(), { keptId: keep, mergedId: merge, moved: { supports: 0, follows: 0, comments: 0 } });
  const again = await moderator(`/api/v1/ideas/${keep}/merge`, { method: 'POST', json: { mergeId: merge } });
  assert.equal(again.status, 409);
  assert.deepEqual(await fieldsOf(again), ['mergeId']);
  const idea = (await (await fetch(`${server.url}/api/v1/ideas/${merge}`)).json()) as { idea?: { mergedInto: string | null }; mergedInto?: string | null };
  assert.equal(idea.idea?.mergedInto ?? idea.mergedInto, keep);

  const dismissed = await moderator(`/api/v1/ideas/${other}/not-duplicate`, { method: 'POST', json: { otherId: keep } });
  assert.equal(dismissed.status, 200);
  assert.deepEqual(await dismissed.json(), { ideaId: other, otherId: keep });
  const after = (await (await moderator(suggestions())).json()) as Suggestions;
  assert.ok(!hasPair(after, keep, merge) && !hasPair(after, keep, other));
  assert.equal(after.ideas, before.ideas - 1);
});
