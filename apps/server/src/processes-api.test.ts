import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf } from './testing/api-client.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

interface Managed {
  status: string;
  title: Record<string, string>;
  respondBy: string | null;
  phases: { id: string; description: Record<string, string> }[];
  can: { manage: boolean; publish: boolean; close: boolean };
}

test('a process manager builds, publishes and closes a process over the API; a resident gets 403 at every step', async () => {
  const per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  const kari = await apiClient(server.url, 'kari@demo.tingsted.no');

  assert.equal((await kari('/api/v1/processes', { method: 'POST', json: { title: 'Ny park' } })).status, 403);
  const missing = await per('/api/v1/processes', { method: 'POST', json: { locale: 'nb' } });
  assert.equal(missing.status, 400);
  assert.deepEqual(await fieldsOf(missing), ['title']);
  const created = await per('/api/v1/processes', { method: 'POST', json: { title: 'Ny park i sentrum', locale: 'nb' } });
  assert.equal(created.status, 201);
  const { id, slug } = (await created.json()) as { id: string; slug: string };
  assert.equal(slug, 'ny-park-i-sentrum');

  const manage = async () => (await (await per(`/api/v1/processes/${id}/manage`)).json()) as Managed;
  assert.deepEqual((await manage()).can, { manage: true, edit: true, publish: true, close: false, addPhase: true });
  assert.equal((await kari(`/api/v1/processes/${id}/manage`)).status, 403);

  // The charter: a bad date refuses the whole change, naming the field, and nothing is written.
  const charter = { locale: 'nb', title: 'Ny park', summary: 'Hvordan skal parken bli?', question: 'Hva ønsker du i parken?', why_involved: 'Dere bruker den.', scope_can_change: 'Innhold.', scope_cannot_change: 'Plassering.', decision_maker: 'Bystyret.', response_commitment: 'Svar innen to måneder.', target_groups: 'Alle.', method_rationale: 'Idéer gir bredde.' };
  const badDate = await per(`/api/v1/processes/${id}/charter`, { method: 'PATCH', json: { ...charter, respondBy: 'snart' } });
  assert.equal(badDate.status, 400);
  assert.deepEqual(await fieldsOf(badDate), ['respondBy']);
  assert.deepEqual((await manage()).title, { nb: 'Ny park i sentrum' });
  const badLocale = await per(`/api/v1/processes/${id}/charter`, { method: 'PATCH', json: { ...charter, locale: 'de' } });
  assert.equal(badLocale.status, 400);
  assert.deepEqual(await fieldsOf(badLocale), ['locale']);
  assert.equal((await kari(`/api/v1/processes/${id}/charter`, { method: 'PATCH', json: charter })).status, 403);

  // Publishing names what is missing.
  const early = await per(`/api/v1/processes/${id}/publish`, { method: 'POST' });
  assert.equal(early.status, 400);
  assert.deepEqual(await fieldsOf(early), ['summary', 'question', 'why_involved', 'scope_can_change', 'scope_cannot_change', 'decision_maker', 'response_commitment', 'target_groups', 'method_rationale', 'respondBy', 'phases']);

  assert.equal((await per(`/api/v1/processes/${id}/charter`, { method: 'PATCH', json: { ...charter, respondBy: '2031-06-30' } })).status, 200);
  assert.equal((await manage()).respondBy, '2031-06-30');

  // Phases: added, refused when they overlap or a field is wrong (nothing added), described, removed.
  const phase = { method: 'ideas', title: 'Idéer', startsOn: '2031-01-01', endsOn: '2031-02-01', categories: ['Lek', 'Natur'] };
  assert.equal((await kari(`/api/v1/processes/${id}/phases`, { method: 'POST', json: phase })).status, 403);
  const added = await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: phase });
  assert.equal(added.status, 201);
  const phaseId = ((await added.json()) as { id: string }).id;
  const overlap = await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: { ...phase, startsOn: '2031-01-15', endsOn: '2031-03-01' } });
  assert.equal(overlap.status, 400);
  assert.deepEqual(await fieldsOf(overlap), ['startsOn']);
  const wrongMethod = await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: { ...phase, method: 'lottery', startsOn: '2031-05-01', endsOn: '2031-06-01' } });
  assert.equal(wrongMethod.status, 400);
  assert.deepEqual(await fieldsOf(wrongMethod), ['method']);
  assert.equal((await manage()).phases.length, 1);
  const later = await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: { method: 'survey', title: 'Undersøkelse', startsOn: '2031-03-01', endsOn: '2031-04-01', publicResults: true } });
  const laterId = ((await later.json()) as { id: string }).id;
  assert.equal((await per(`/api/v1/processes/${id}/phases/${phaseId}/description`, { method: 'PUT', json: { locale: 'nb', description: 'Del idéene dine.' } })).status, 200);
  assert.equal((await kari(`/api/v1/processes/${id}/phases/${phaseId}/description`, { method: 'PUT', json: { locale: 'nb', description: 'Hei' } })).status, 403);
  assert.equal((await kari(`/api/v1/processes/${id}/phases/${laterId}`, { method: 'DELETE' })).status, 403);
  assert.equal((await per(`/api/v1/processes/${id}/phases/${laterId}`, { method: 'DELETE' })).status, 200);
  assert.deepEqual((await manage()).phases.map((p) => p.description), [{ nb: 'Del idéene dine.' }]);

  assert.equal((await kari(`/api/v1/processes/${id}/publish`, { method: 'POST' })).status, 403);
  assert.equal((await per(`/api/v1/processes/${id}/close`, { method: 'POST' })).status, 409);
  assert.equal((await per(`/api/v1/processes/${id}/publish`, { method: 'POST' })).status, 200);
  assert.equal((await (await fetch(`${server.url}/api/v1/processes/${slug}`)).json() as { status: string }).status, 'published');
  assert.equal((await per(`/api/v1/processes/${id}/publish`, { method: 'POST' })).status, 409);
  assert.equal((await kari(`/api/v1/processes/${id}/close`, { method: 'POST' })).status, 403);
  assert.equal((await per(`/api/v1/processes/${id}/close`, { method: 'POST' })).status, 200);
  assert.equal((await manage()).status, 'closed');
});

test('the OpenAPI document lists the process, moderation and survey use cases by their contract names', async () => {
  const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
  const operations = new Set(Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((m) => m.operationId)));
  for (const name of ['manageProcess', 'createProcess', 'updateCharter', 'addPhase', 'describePhase', 'removePhase', 'publishProcess', 'closeProcess', 'answerIdea', 'addMilestone', 'hideIdea', 'hideComment', 'screenIdea', 'moderationQueue', 'surveyQuestions', 'addQuestion', 'submitResponse', 'surveyResults', 'exportResponses']) {
    assert.ok(operations.has(name), name);
  }
});
