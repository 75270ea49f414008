// Citizen proposals over the API (issue 19): drafting, co-authors, publishing, signing and withdrawing, the
// phase's rules, the answer and the signature counts. Residents may do their part and get 403 for staff's; bad
// input is 400 naming the field; refused signatures say why and change nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { fieldsOf, signedInClients } from './testing/api-client.ts';
import { anonymous } from './testing/budgeting.ts';

let server: TestServer;
let phaseId = '';
const as = signedInClients(() => server.url);

before(async () => {
  server = await startTestServer({ web: false });
  const detail = (await (await fetch(`${server.url}/api/v1/processes/innbyggerforslag/detail`)).json()) as { currentPhaseId: string };
  phaseId = detail.currentPhaseId;
});
after(async () => server.close());

interface Proposal {
  id: string;
  title: string;
  stage: string;
  status: string;
  signatures: number;
  threshold: number;
  deadline: string | null;
  can: Record<string, boolean>;
}

test('the demo phase lists its proposals by signatures; one shows its status, signatures, threshold and deadline', async () => {
  const listed = (await (await anonymous(server.url, `/api/v1/phases/${phaseId}/proposals`)).json()) as { open: boolean; proposals: Proposal[] };
  assert.equal(listed.open, true);
  assert.deepEqual(listed.proposals.map((p) => [p.title, p.stage, p.signatures, p.threshold]), [
    ['Hundepark i Nordbyen', 'answered', 2, 2],
    ['Drikkevannspost på torget', 'collecting', 1, 2],
  ]);
  const answered = (await (await anonymous(server.url, `/api/v1/proposals/${listed.proposals[0]?.id}`)).json()) as { proposal: Proposal; answers: { status: string; authorName: string }[]; shownSigners: string[] };
  assert.deepEqual([answered.proposal.status, answered.answers[0]?.authorName, answered.shownSigners], ['accepted', 'Olav Ordfører', ['Kari Nordmann']]);
  assert.ok(answered.proposal.deadline && Date.parse(answered.proposal.deadline) > Date.now());
  assert.equal(answered.proposal.can.sign, false, 'anonymous visitors are asked to sign in');
  const answeredOnly = (await (await anonymous(server.url, `/api/v1/phases/${phaseId}/proposals?stage=answered`)).json()) as { proposals: Proposal[] };
  assert.equal(answeredOnly.proposals.length, 1);
});

test('draft, invite a co-author, publish, sign once, withdraw, reach the threshold, answer and count', async () => {
  const kari = await as('kari@demo.tingsted.no');
  const ola = await as('ola@demo.tingsted.no');
  const sara = await as('sara@demo.tingsted.no');
  const per = await as('prosess@demo.tingsted.no');
  const olav = await as('ordforer@demo.tingsted.no');

  assert.equal((await anonymous(server.url, `/api/v1/phases/${phaseId}/proposals`, 'POST', { title: 'x', body: 'y', decision: 'z' })).status, 401);
  const bad = await kari(`/api/v1/phases/${phaseId}/proposals`, { method: 'POST', json: { title: 'Kort', body: 'For kort', decision: 'Nei' } });
  assert.equal(bad.status, 400);
  assert.deepEqual(await fieldsOf(bad), ['title', 'body', 'decision']);
  const drafted = await kari(`/api/v1/phases/${phaseId}/proposals`, { method: 'POST', json: { title: 'Lekeplass på Åsen', body: 'Barna på Åsen har ingen lekeplass i nærheten og må krysse riksveien.', decision: 'Kommunestyret bygger en lekeplass på Åsen.', area: 'Åsen' } });
  assert.equal(drafted.status, 201);
  const { id } = (await drafted.json()) as { id: string };
  assert.equal((await anonymous(server.url, `/api/v1/proposals/${id}`)).status, 404, 'a draft is its authors\' own');

  assert.equal((await ola(`/api/v1/proposals/${id}/coauthors`, { method: 'POST', json: { email: 'sara@demo.tingsted.no' } })).status, 404);
  assert.deepEqual(await (await kari(`/api/v1/proposals/${id}/coauthors`, { method: 'POST', json: { email: 'ola@demo.tingsted.no' } })).json(), { hasAccount: true });
  assert.equal((await ola(`/api/v1/proposals/${id}/coauthors/accept`, { method: 'POST' })).status, 200);

  // An image with its alt text, from a co-author; another resident may neither add one nor see the draft's.
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]).toString('base64');
  const file = { filename: 'asen.png', contentType: 'image/png', data: png };
  const noAlt = await ola(`/api/v1/proposals/${id}/images`, { method: 'POST', json: { file, altText: '' } });
  assert.equal(noAlt.status, 400);
  assert.deepEqual(await fieldsOf(noAlt), ['altText']);
  assert.equal((await sara(`/api/v1/proposals/${id}/images`, { method: 'POST', json: { file, altText: 'Jordet på Åsen' } })).status, 404);
  const image = await ola(`/api/v1/proposals/${id}/images`, { method: 'POST', json: { file, altText: 'Jordet på Åsen der lekeplassen kan ligge' } });
  assert.equal(image.status, 201);
  const imageId = ((await image.json()) as { id: string }).id;
  assert.equal((await anonymous(server.url, `/files/${imageId}`)).status, 404, "a draft's image is its authors' own");

  // Staff set the phase's rules; residents may not. Published proposals keep theirs.
  assert.equal((await kari(`/api/v1/phases/${phaseId}/proposals/settings`, { method: 'PUT', json: { threshold: 1, signingDays: 30, answerDays: 14 } })).status, 403);
  const badSettings = await per(`/api/v1/phases/${phaseId}/proposals/settings`, { method: 'PUT', json: { threshold: 1, signingDays: 30, answerDays: 14, areas: ['Månen'] } });
  assert.equal(badSettings.status, 400);
  assert.deepEqual(await fieldsOf(badSettings), ['areas']);
  assert.equal((await per(`/api/v1/phases/${phaseId}/proposals/settings`, { method: 'PUT', json: { threshold: 1, signingDays: 30, answerDays: 14, minAge: null, areas: [] } })).status, 200);
  assert.equal(((await (await anonymous(server.url, `/api/v1/phases/${phaseId}/proposals/settings`)).json()) as { threshold: number }).threshold, 1);

  const published = await ola(`/api/v1/proposals/${id}/publish`, { method: 'POST' });
  assert.equal(published.status, 200);
  const withImage = (await (await anonymous(server.url, `/api/v1/proposals/${id}`)).json()) as { proposal: { images: { id: string; alt: string }[] } };
  assert.deepEqual(withImage.proposal.images, [{ id: imageId, alt: 'Jordet på Åsen der lekeplassen kan ligge', width: null, height: null, variantWidths: [] }]);
  assert.equal((await anonymous(server.url, `/files/${imageId}`)).status, 200, 'published with the proposal');
  assert.equal((await kari(`/api/v1/proposals/${id}/images/${imageId}`, { method: 'DELETE' })).status, 409, 'no changes once published');
  assert.equal(((await published.json()) as { threshold: number }).threshold, 1);
  const own = await ola(`/api/v1/proposals/${id}/signatures`, { method: 'POST', json: {}, headers: { 'accept-language': 'en' } });
  assert.equal(own.status, 403);
  assert.deepEqual(((await own.json()) as { error: { fields: { message: string }[] } }).error.fields.map((f) => f.message), ['Authors and co-authors cannot sign their own proposal.']);

  // Sara signs and withdraws; nothing has reached the threshold for the staff yet.
  const signed = await sara(`/api/v1/proposals/${id}/signatures`, { method: 'POST', json: { showName: false } });
  assert.deepEqual(await signed.json(), { signatures: 1, reachedThreshold: true });
  const twice = await sara(`/api/v1/proposals/${id}/signatures`, { method: 'POST', json: {}, headers: { 'accept-language': 'nb' } });
  assert.equal(twice.status, 409);
  assert.deepEqual(((await twice.json()) as { error: { code: string; fields: { message: string }[] } }).error.fields.map((f) => f.message), ['Du har allerede signert dette forslaget.']);
  assert.equal((await sara(`/api/v1/proposals/${id}/signatures`, { method: 'DELETE' })).status, 200);
  const after = (await (await sara(`/api/v1/proposals/${id}`)).json()) as { proposal: Proposal };
  assert.deepEqual([after.proposal.stage, after.proposal.signatures, after.proposal.can.sign, after.proposal.can.withdraw], ['submitted', 0, true, false]);

  const staffNews = (await (await per('/api/v1/notifications')).json()) as { notifications: { text: string }[] };
  assert.ok(staffNews.notifications.some((n) => n.text.includes('Lekeplass på Åsen')), 'staff are told when the threshold is reached');

  assert.equal((await sara(`/api/v1/proposals/${id}/answers`, { method: 'POST', json: { status: 'accepted', body: 'Ja' } })).status, 403);
  const noAnswer = await olav(`/api/v1/proposals/${id}/answers`, { method: 'POST', json: { status: 'rejected' } });
  assert.equal(noAnswer.status, 400);
  assert.deepEqual(await fieldsOf(noAnswer), ['body']);
  assert.equal((await olav(`/api/v1/proposals/${id}/answers`, { method: 'POST', json: { status: 'under_consideration', body: 'Vi ser på tomter.' } })).status, 200);
  const answered = (await (await anonymous(server.url, `/api/v1/proposals/${id}`)).json()) as { proposal: Proposal };
  assert.deepEqual([answered.proposal.stage, answered.proposal.status], ['answered', 'under_consideration']);

  assert.equal((await sara(`/api/v1/proposals/${id}/signatures/counts`)).status, 403);
  const counts = (await (await per(`/api/v1/proposals/${id}/signatures/counts`)).json()) as { total: number };
  assert.equal(counts.total, 0);
});

test('a resident reports a proposal; it waits in the moderators\' queue, and once hidden it leaves the list', async () => {
  const ola = await as('ola@demo.tingsted.no');
  const moderator = await as('moderator@demo.tingsted.no');
  const listed = (await (await anonymous(server.url, `/api/v1/phases/${phaseId}/proposals`)).json()) as { proposals: Proposal[] };
  const target = listed.proposals.find((p) => p.title === 'Drikkevannspost på torget');
  assert.ok(target);
  assert.equal((await anonymous(server.url, `/api/v1/proposals/${target.id}/reports`, 'POST', { reason: 'spam' })).status, 401);
  const noReason = await ola(`/api/v1/proposals/${target.id}/reports`, { method: 'POST', json: {} });
  assert.equal(noReason.status, 400);
  assert.deepEqual(await fieldsOf(noReason), ['reason']);
  assert.equal((await ola(`/api/v1/proposals/${target.id}/reports`, { method: 'POST', json: { reason: 'personal_data', text: 'Navnet til naboen står i teksten.' } })).status, 200);
  const queue = (await (await moderator('/api/v1/moderation/queue')).json()) as { items: { type: string; id: string; reports: { reason: string }[] }[] };
  const entry = queue.items.find((item) => item.type === 'proposal' && item.id === target.id);
  assert.deepEqual(entry?.reports.map((r) => r.reason), ['personal_data'], 'the reported proposal waits in the queue with its report');
  assert.equal((await moderator(`/api/v1/moderation/proposal/${target.id}/hide`, { method: 'POST', json: { reason: 'Personopplysninger om en nabo.' } })).status, 200);
  const after = (await (await anonymous(server.url, `/api/v1/phases/${phaseId}/proposals`)).json()) as { proposals: Proposal[] };
  assert.ok(!after.proposals.some((p) => p.id === target.id), 'a hidden proposal is not listed');
});
