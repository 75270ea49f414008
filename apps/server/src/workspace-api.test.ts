// A process's workspace over the API (issue 22): the overview, changing, moving and removing phases, and
// editing, moving and removing survey questions, with the same rules and refusals as the workspace's pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { fieldsOf, signedInClients } from './testing/api-client.ts';

let server: TestServer;
const client = signedInClients(() => server.url);
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

interface Problem {
  error: { code: string; message: string; fields: { field: string; message: string }[] };
}

async function draftWithPhases(title: string, phases: { method: string; title: string; startsOn: string; endsOn: string }[]) {
  const per = await client('prosess@demo.tingsted.no');
  const { id } = (await (await per('/api/v1/processes', { method: 'POST', json: { title, locale: 'nb' } })).json()) as { id: string };
  const ids: string[] = [];
  for (const phase of phases) ids.push(((await (await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: phase })).json()) as { id: string }).id);
  return { id, phaseIds: ids };
}

test('phases over the API: changed, moved and removed by a process manager; 403 for a resident; refusals name the field and the reason', async () => {
  const per = await client('prosess@demo.tingsted.no');
  const kari = await client('kari@demo.tingsted.no');
  const { id, phaseIds } = await draftWithPhases('Tidsplan over API', [
    { method: 'ideas', title: 'Idéer', startsOn: '2031-01-01', endsOn: '2031-01-10' },
    { method: 'survey', title: 'Undersøkelse', startsOn: '2031-02-01', endsOn: '2031-02-03' },
  ]);
  const [ideas, survey] = phaseIds as [string, string];
  const timeline = async () => ((await (await per(`/api/v1/processes/${id}/manage`)).json()) as { phases: { id: string; title: Record<string, string>; startsOn: string; endsOn: string; categories: string[] }[] }).phases;

  const change = { title: 'Forslag', startsOn: '2031-01-02', endsOn: '2031-01-10', locale: 'nb', categories: ['Lek'] };
  assert.equal((await kari(`/api/v1/processes/${id}/phases/${ideas}`, { method: 'PUT', json: change })).status, 403);
  const overlap = await per(`/api/v1/processes/${id}/phases/${ideas}`, { method: 'PUT', json: { ...change, endsOn: '2031-02-02' } });
  assert.equal(overlap.status, 400);
  assert.deepEqual(await fieldsOf(overlap), ['startsOn']);
  const badDate = await per(`/api/v1/processes/${id}/phases/${ideas}`, { method: 'PUT', json: { ...change, startsOn: 'i morgen' } });
  assert.equal(badDate.status, 400);
  assert.deepEqual(await fieldsOf(badDate), ['startsOn']);
  assert.deepEqual((await timeline())[0]?.title, { nb: 'Idéer' }, 'nothing was written');
  assert.equal((await per(`/api/v1/processes/${id}/phases/${ideas}`, { method: 'PUT', json: change })).status, 200);
  assert.deepEqual((await timeline()).map((p) => [p.title.nb, p.startsOn, p.endsOn, p.categories]), [
    ['Forslag', '2031-01-02', '2031-01-10', ['Lek']],
    ['Undersøkelse', '2031-02-01', '2031-02-03', []],
  ]);

  assert.equal((await kari(`/api/v1/processes/${id}/phases/${survey}/move`, { method: 'POST', json: { direction: 'up' } })).status, 403);
  const sideways = await per(`/api/v1/processes/${id}/phases/${survey}/move`, { method: 'POST', json: { direction: 'sideways' } });
  assert.equal(sideways.status, 400);
  assert.deepEqual(await fieldsOf(sideways), ['direction']);
  assert.equal((await per(`/api/v1/processes/${id}/phases/${survey}/move`, { method: 'POST', json: { direction: 'up' } })).status, 200);
  assert.deepEqual((await timeline()).map((p) => [p.title.nb, p.startsOn, p.endsOn]), [
    ['Undersøkelse', '2031-01-02', '2031-01-04'],
    ['Forslag', '2031-01-26', '2031-02-03'],
  ]);
  const last = await per(`/api/v1/processes/${id}/phases/${ideas}/move`, { method: 'POST', json: { direction: 'down' }, headers: { 'accept-language': 'en' } });
  assert.equal(last.status, 400);
  assert.equal(((await last.json()) as Problem).error.fields[0]?.message, 'This phase is already the last.');

  // A phase with inputs stays: 409 with the reason, in the reader's language.
  const author = (await server.platform.accounts.accountByEmail('kari@demo.tingsted.no'))?.id ?? '';
  await server.platform.ideas.importIdea({ phaseId: ideas, authorId: author, title: 'Benker', body: 'Flere benker ved vannet' });
  const kept = await per(`/api/v1/processes/${id}/phases/${ideas}`, { method: 'DELETE', headers: { 'accept-language': 'en' } });
  assert.equal(kept.status, 409);
  const problem = ((await kept.json()) as Problem).error;
  assert.equal(problem.code, 'InUse');
  assert.deepEqual(problem.fields, [{ field: 'phaseId', message: 'This phase has 1 input from residents; removing it would delete them. Change its dates instead.' }]);
  assert.equal((await kari(`/api/v1/processes/${id}/phases/${survey}`, { method: 'DELETE' })).status, 403);
  assert.equal((await per(`/api/v1/processes/${id}/phases/${survey}`, { method: 'DELETE' })).status, 200);
  assert.deepEqual((await timeline()).map((p) => p.id), [ideas]);
});

test('survey questions over the API: edited, moved and removed; once answered, a reorder of choices that would lose answers is refused with the reason', async () => {
  const per = await client('prosess@demo.tingsted.no');
  const kari = await client('kari@demo.tingsted.no');
  const { id, phaseIds } = await draftWithPhases('Skjema over API', [{ method: 'survey', title: 'Spørsmål', startsOn: '2026-01-01', endsOn: '2040-12-31' }]);
  const phaseId = phaseIds[0] ?? '';
  const question = async (json: unknown) => ((await (await per(`/api/v1/phases/${phaseId}/survey/questions`, { method: 'POST', json })).json()) as { id: string }).id;
  const day = await question({ kind: 'single_choice', prompt: 'Hvilken dag?', choices: ['Mandag', 'Torsdag'], required: true });
  const more = await question({ kind: 'long_text', prompt: 'Noe mer?' });
  const questions = async () => ((await (await per(`/api/v1/phases/${phaseId}/survey`)).json()) as { questions: { id: string; prompt: Record<string, string>; choices: { key: string; label: Record<string, string> }[] }[] }).questions;

  const edit = { prompt: 'Hvilken dag passer best?', choices: ['Mandag', 'Torsdag', 'Lørdag'], required: true };
  assert.equal((await kari(`/api/v1/phases/${phaseId}/survey/questions/${day}`, { method: 'PUT', json: edit })).status, 403);
  const oneChoice = await per(`/api/v1/phases/${phaseId}/survey/questions/${day}`, { method: 'PUT', json: { ...edit, choices: ['Mandag'] } });
  assert.equal(oneChoice.status, 400);
  assert.deepEqual(await fieldsOf(oneChoice), ['choices']);
  assert.equal((await per(`/api/v1/phases/${phaseId}/survey/questions/${day}`, { method: 'PUT', json: edit })).status, 200);
  assert.equal((await kari(`/api/v1/phases/${phaseId}/survey/questions/${more}/move`, { method: 'POST', json: { direction: 'up' } })).status, 403);
  assert.equal((await per(`/api/v1/phases/${phaseId}/survey/questions/${more}/move`, { method: 'POST', json: { direction: 'up' } })).status, 200);
  assert.deepEqual((await questions()).map((q) => q.id), [more, day]);

  // Publish, answer, then try to reorder the answered choices.
  const charter = { locale: 'nb', summary: 's', question: 'q', why_involved: 'w', scope_can_change: 'c', scope_cannot_change: 'n', decision_maker: 'd', response_commitment: 'r', target_groups: 't', method_rationale: 'm', respondBy: '2041-01-01' };
  assert.equal((await per(`/api/v1/processes/${id}/charter`, { method: 'PATCH', json: charter })).status, 200);
  assert.equal((await per(`/api/v1/processes/${id}/publish`, { method: 'POST' })).status, 200);
  assert.equal((await kari(`/api/v1/phases/${phaseId}/survey/responses`, { method: 'POST', json: { answers: { [day]: 'c2', [more]: 'Helst kveld' } } })).status, 201);
  const reordered = await per(`/api/v1/phases/${phaseId}/survey/questions/${day}`, { method: 'PUT', json: { ...edit, choices: ['Torsdag', 'Mandag', 'Lørdag'] }, headers: { 'accept-language': 'nb' } });
  assert.equal(reordered.status, 409);
  const problem = ((await reordered.json()) as Problem).error;
  assert.equal(problem.code, 'InUse');
  assert.deepEqual(problem.fields, [{ field: 'choices', message: 'Folk har svart, så hvert valg beholder linjen sin: «Torsdag» er flyttet. Rett ordlyden der den står, og legg nye valg til sist.' }]);
  const answered = await per(`/api/v1/phases/${phaseId}/survey/questions/${more}`, { method: 'DELETE', headers: { 'accept-language': 'en' } });
  assert.equal(answered.status, 409);
  assert.equal(((await answered.json()) as Problem).error.fields[0]?.message, 'This question has 1 answer; removing it would lose them. You can still fix its wording.');
  assert.deepEqual((await questions()).find((q) => q.id === day)?.choices.map((c) => c.label.nb), ['Mandag', 'Torsdag', 'Lørdag'], 'nothing was written');
  const fixed = await per(`/api/v1/phases/${phaseId}/survey/questions/${day}`, { method: 'PUT', json: { ...edit, choices: ['Mandag', 'Torsdag kveld', 'Lørdag'] } });
  assert.equal(fixed.status, 200, 'a wording fix in place is allowed');
  assert.equal((await kari(`/api/v1/phases/${phaseId}/survey/questions/${day}`, { method: 'DELETE' })).status, 403);
});

test('the workspace overview: what needs attention for a process manager, 403 for a resident, 404 for an unknown process', async () => {
  const per = await client('prosess@demo.tingsted.no');
  const kari = await client('kari@demo.tingsted.no');
  const { id } = await draftWithPhases('Oversikt over API', [{ method: 'ideas', title: 'Idéer', startsOn: '2031-01-01', endsOn: '2031-01-10' }]);
  const overview = await per(`/api/v1/processes/${id}/overview`);
  assert.equal(overview.status, 200);
  assert.deepEqual(await overview.json(), { waiting: { reported: 0, screening: 0, review: 0 }, ideas: 0, unanswered: 0, phasesSoon: [] });
  assert.equal((await kari(`/api/v1/processes/${id}/overview`)).status, 403);
  assert.equal((await per('/api/v1/processes/00000000-0000-4000-8000-000000000000/overview')).status, 404);
  assert.equal((await fetch(`${server.url}/api/v1/processes/${id}/overview`)).status, 401);
});

test('the inputs manager over the API: filtered list, the same answer for several ideas (nothing written when one is wrong), CSV export; 403 for a resident', async () => {
  const per = await client('prosess@demo.tingsted.no');
  const kari = await client('kari@demo.tingsted.no');
  const { id, phaseIds } = await draftWithPhases('Innspill over API', [
    { method: 'ideas', title: 'Idéer', startsOn: '2031-01-01', endsOn: '2031-01-10' },
    { method: 'ideas', title: 'Flere idéer', startsOn: '2031-02-01', endsOn: '2031-02-10' },
  ]);
  const author = (await server.platform.accounts.accountByEmail('kari@demo.tingsted.no'))?.id ?? '';
  const ideas: string[] = [];
  for (const [i, title] of ['Benker', 'Lys', 'Trær'].entries()) ideas.push(await server.platform.ideas.importIdea({ phaseId: phaseIds[i === 2 ? 1 : 0] ?? '', authorId: author, title, body: `${title} i parken` }));
  type Listed = { inputs: { id: string; status: string; answer: string | null }[]; total: number };
  const list = async (query = '') => (await (await per(`/api/v1/processes/${id}/inputs${query}`)).json()) as Listed;
  assert.equal((await list()).total, 3);
  assert.deepEqual((await list(`?phaseId=${phaseIds[1]}`)).inputs.map((i) => i.id), [ideas[2]]);
  assert.equal((await list('?pageSize=2&page=2')).inputs.length, 1);
  assert.equal((await kari(`/api/v1/processes/${id}/inputs`)).status, 403);

  const wrong = await per(`/api/v1/processes/${id}/inputs/answers`, { method: 'POST', json: { ideaIds: ideas.slice(0, 2), status: 'rejected' } });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await fieldsOf(wrong), ['body']);
  const foreign = await per(`/api/v1/processes/${id}/inputs/answers`, { method: 'POST', json: { ideaIds: [ideas[0], '00000000-0000-4000-8000-000000000000'], status: 'accepted', body: 'Ja' } });
  assert.equal(foreign.status, 404);
  assert.ok((await list()).inputs.every((i) => i.answer === null), 'nothing was answered');
  assert.equal((await kari(`/api/v1/processes/${id}/inputs/answers`, { method: 'POST', json: { ideaIds: ideas, status: 'accepted', body: 'Ja' } })).status, 403);
  const done = await per(`/api/v1/processes/${id}/inputs/answers`, { method: 'POST', json: { ideaIds: ideas.slice(0, 2), status: 'accepted', body: 'Vi setter det opp.' } });
  assert.equal(done.status, 200);
  assert.deepEqual(await done.json(), { answered: 2 });
  assert.deepEqual((await list('?status=accepted')).inputs.map((i) => i.answer), ['Vi setter det opp.', 'Vi setter det opp.']);

  const csv = await per(`/api/v1/processes/${id}/inputs.csv?status=accepted`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  const text = await csv.text();
  assert.equal(text.trim().split('\r\n').length, 3, 'a header and the two accepted ideas');
  assert.match(text, /Vi setter det opp\./);
  assert.equal((await kari(`/api/v1/processes/${id}/inputs.csv`)).status, 403);
});
