import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf } from './testing/api-client.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

interface Question {
  id: string;
  kind: string;
  required: boolean;
  choices: { key: string }[];
  min: number | null;
  max: number | null;
}

async function libraryPhase(): Promise<string> {
  const detail = (await (await fetch(`${server.url}/api/v1/processes/bibliotekets-apningstider/detail`)).json()) as { phases: { id: string; method: string }[] };
  return detail.phases.find((p) => p.method === 'survey')?.id ?? '';
}

test('a survey over the API: questions, one response per person, bad answers named and nothing saved, public results', async () => {
  const phaseId = await libraryPhase();
  const { questions } = (await (await fetch(`${server.url}/api/v1/phases/${phaseId}/survey`)).json()) as { questions: Question[] };
  assert.deepEqual(questions.map((q) => q.kind), ['single_choice', 'multiple_choice', 'page_break', 'scale', 'long_text']);
  const [how, when, , happy] = questions;
  assert.ok(how && when && happy);
  const results = async () => (await (await fetch(`${server.url}/api/v1/phases/${phaseId}/survey/results`)).json()) as { respondents: number; questions: { id: string; texts: string[]; tallies: { key: string; count: number }[] }[] };
  const before = (await results()).respondents;

  assert.equal((await fetch(`${server.url}/api/v1/phases/${phaseId}/survey/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers: {} }) })).status, 401);
  const ada = await apiClient(server.url, 'admin@demo.tingsted.no');
  const missing = await ada(`/api/v1/phases/${phaseId}/survey/responses`, { method: 'POST', json: { answers: { [when.id]: ['c1'] } } });
  assert.equal(missing.status, 400);
  assert.deepEqual(await fieldsOf(missing), [`q-${how.id}`, `q-${happy.id}`]);
  const outOfScale = await ada(`/api/v1/phases/${phaseId}/survey/responses`, { method: 'POST', json: { answers: { [how.id]: 'c1', [happy.id]: 9 } } });
  assert.equal(outOfScale.status, 400);
  assert.deepEqual(await fieldsOf(outOfScale), [`q-${happy.id}`]);
  const notAnAnswer = await ada(`/api/v1/phases/${phaseId}/survey/responses`, { method: 'POST', json: { answers: { [how.id]: { key: 'c1' } } } });
  assert.equal(notAnAnswer.status, 400);
  assert.match((await fieldsOf(notAnAnswer))[0] ?? '', /^answers/);
  assert.equal((await results()).respondents, before);

  const answers = { [how.id]: 'c2', [when.id]: ['c1', 'c5'], [happy.id]: 5 };
  assert.equal((await ada(`/api/v1/phases/${phaseId}/survey/responses`, { method: 'POST', json: { answers } })).status, 201);
  assert.equal((await ada(`/api/v1/phases/${phaseId}/survey/responses`, { method: 'POST', json: { answers } })).status, 409);
  const after = await results();
  assert.equal(after.respondents, before + 1);
  // The public sees counts, never free texts.
  assert.ok(after.questions.every((q) => q.texts.length === 0));
});

test('building a survey and exporting it: managers may, residents get 403, bad questions named and nothing added', async () => {
  const per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  const kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const olav = await apiClient(server.url, 'ordforer@demo.tingsted.no');
  const { id } = (await (await per('/api/v1/processes', { method: 'POST', json: { title: 'Ny undersøkelse', locale: 'nb' } })).json()) as { id: string };
  const phase = await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: { method: 'survey', title: 'Spørsmål', startsOn: '2032-01-01', endsOn: '2032-02-01' } });
  const phaseId = ((await phase.json()) as { id: string }).id;
  const question = { kind: 'single_choice', prompt: 'Hvilken dag passer best?', choices: ['Mandag', 'Torsdag'], required: true };

  assert.equal((await kari(`/api/v1/phases/${phaseId}/survey/questions`, { method: 'POST', json: question })).status, 403);
  const oneChoice = await per(`/api/v1/phases/${phaseId}/survey/questions`, { method: 'POST', json: { ...question, choices: ['Mandag'] } });
  assert.equal(oneChoice.status, 400);
  assert.deepEqual(await fieldsOf(oneChoice), ['choices']);
  const wrongKind = await per(`/api/v1/phases/${phaseId}/survey/questions`, { method: 'POST', json: { ...question, kind: 'ranking' } });
  assert.equal(wrongKind.status, 400);
  assert.deepEqual(await fieldsOf(wrongKind), ['kind']);
  const wrongScale = await per(`/api/v1/phases/${phaseId}/survey/questions`, { method: 'POST', json: { kind: 'scale', prompt: 'Hvor enig?', min: 'en' } });
  assert.equal(wrongScale.status, 400);
  assert.deepEqual(await fieldsOf(wrongScale), ['min']);
  // The draft is visible to its manager only.
  const questions = async () => ((await (await per(`/api/v1/phases/${phaseId}/survey`)).json()) as { questions: Question[] }).questions;
  assert.deepEqual(await questions(), []);
  assert.equal((await kari(`/api/v1/phases/${phaseId}/survey`)).status, 404);

  assert.equal((await per(`/api/v1/phases/${phaseId}/survey/questions`, { method: 'POST', json: question })).status, 201);
  assert.equal((await per(`/api/v1/phases/${phaseId}/survey/questions`, { method: 'POST', json: { kind: 'scale', prompt: 'Hvor enig?', min: 0, max: 10 } })).status, 201);
  assert.deepEqual((await questions()).map((q) => [q.kind, q.required, q.choices.length, q.min, q.max]), [
    ['single_choice', true, 2, null, null],
    ['scale', false, 0, 0, 10],
  ]);

  const library = await libraryPhase();
  assert.equal((await kari(`/api/v1/phases/${library}/survey/export`)).status, 403);
  const exported = await olav(`/api/v1/phases/${library}/survey/export`);
  assert.equal(exported.status, 200);
  assert.match(exported.headers.get('content-type') ?? '', /^text\/csv/);
  const bytes = Buffer.from(await exported.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  assert.match(lines[0] ?? '', /^"response","submitted","Hvor ofte bruker du biblioteket\?"/);
  assert.ok(lines.length >= 4);
  // Staff see the free texts in the results.
  const staffResults = (await (await olav(`/api/v1/phases/${library}/survey/results`)).json()) as { questions: { kind: string; texts: string[] }[] };
  assert.ok(staffResults.questions.some((q) => q.kind === 'long_text'));
});
