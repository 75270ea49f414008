// Errors that help, over the API: a refused request names every bad field with a specific message in the
// caller's language (the limit, the allowed values, the date format), publishing names each missing field,
// and a register with several bad rows reports every row with its line and column.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, type ApiCall } from './testing/api-client.ts';
import { panelProcess } from './testing/panels.ts';
import { phaseMethods } from '@tingsted/platform/processes';

let server: TestServer;
let per: ApiCall;
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
});
after(async () => server.close());

interface Problem {
  error: { code: string; message: string; fields: { field: string; message: string }[] };
}

async function problem(response: Response): Promise<Record<string, string>> {
  assert.equal(response.status, 400);
  const body = (await response.json()) as Problem;
  assert.equal(body.error.code, 'ValidationFailed');
  return Object.fromEntries(body.error.fields.map((f) => [f.field, f.message]));
}

const nb = { 'accept-language': 'nb' };
const en = { 'accept-language': 'en' };

async function draft(title: string): Promise<string> {
  const created = await per('/api/v1/processes', { method: 'POST', json: { title, locale: 'nb' } });
  assert.equal(created.status, 201);
  return ((await created.json()) as { id: string }).id;
}

test('a request with several bad fields names each one with what is wrong, in the caller\'s language', async () => {
  const id = await draft('Feil som hjelper');
  const bad = { method: 'lottery', title: 'x'.repeat(201), startsOn: 'snart', endsOn: '2031-13-01', categories: ['Lek', 'y'.repeat(61)] };
  const norwegian = await problem(await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: bad, headers: nb }));
  assert.deepEqual(norwegian, {
    method: `Velg en av disse: ${phaseMethods.join(', ')}.`,
    title: 'Bruk høyst 200 tegn.',
    startsOn: 'Skriv datoen som ÅÅÅÅ-MM-DD.',
    endsOn: 'Skriv datoen som ÅÅÅÅ-MM-DD.',
    'categories.1': 'Bruk høyst 60 tegn.',
  });
  const english = await problem(await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: bad, headers: en }));
  assert.equal(english.title, 'Use at most 200 characters.');
  assert.equal(english.startsOn, 'Enter a date as YYYY-MM-DD.');
  assert.equal(english.method, `Choose one of these: ${phaseMethods.join(', ')}.`);
  const manage = (await (await per(`/api/v1/processes/${id}/manage`)).json()) as { phases: unknown[] };
  assert.deepEqual(manage.phases, [], 'nothing was added');

  // Missing fields and text where a number belongs.
  const missing = await problem(await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: { categories: [] }, headers: nb }));
  assert.deepEqual(Object.keys(missing), ['method', 'title', 'startsOn', 'endsOn']);
  assert.ok(Object.values(missing).every((m) => m === 'Fyll ut dette feltet.'));
});

test('an end before the start is refused with a message that says so', async () => {
  const id = await draft('Datoer i feil rekkefølge');
  const norwegian = await problem(await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: { method: 'ideas', title: 'Idéer', startsOn: '2031-02-01', endsOn: '2031-01-01' }, headers: nb }));
  assert.deepEqual(norwegian, { endsOn: 'Sluttdatoen må være samme dag som startdatoen eller senere.' });
});

test('publishing names every field that is missing, each with its own message', async () => {
  const id = await draft('Uferdig prosess');
  const missing = await problem(await per(`/api/v1/processes/${id}/publish`, { method: 'POST', headers: en }));
  assert.deepEqual(Object.keys(missing), ['summary', 'question', 'why_involved', 'scope_can_change', 'scope_cannot_change', 'decision_maker', 'response_commitment', 'target_groups', 'method_rationale', 'respondBy', 'phases']);
  assert.equal(missing.phases, 'Add at least one phase to the timeline before publishing.');
  assert.equal(missing.question, 'Fill this in before publishing: residents read it before they take part.');
});

test('a register with several bad rows reports each row with its line and column; nothing is imported', async () => {
  const processId = await panelProcess(server, 'feil-i-registeret');
  const created = await per(`/api/v1/processes/${processId}/panel`, { method: 'POST', json: { title: 'Panel', locale: 'nb' } });
  assert.equal(created.status, 201);
  const panelId = ((await created.json()) as { id: string }).id;
  const register = ['id,name,address,postcode', 'R1,Kari,Storgata 1,9008', 'R2,,Storgata 2,9008', 'R3,Ola,Storgata 3,90', 'R1,Per,Storgata 4,9009', 'R5,Siri,Storgata 5,9010'].join('\n');
  const response = await per(`/api/v1/panels/${panelId}/register`, { method: 'PUT', json: { register }, headers: nb });
  assert.equal(response.status, 400);
  const body = (await response.json()) as Problem;
  assert.deepEqual(body.error.fields.map((f) => f.message), ['Linje 3: name mangler.', 'Linje 4: postnummeret må ha 3 til 5 sifre.', 'Linje 5: samme id som linje 2.']);
  const manage = (await (await per(`/api/v1/panels/${panelId}/manage`)).json()) as { registerRows: number };
  assert.equal(manage.registerRows, 0);
});
