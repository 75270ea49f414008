import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formValues, parseInput } from '../edge/contract.ts';
import { sourcesOf, stakeholderContracts as c } from './stakeholders.contract.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';

const panelId = '3f1c2a9e-5b7d-4c1e-9a2b-8d6f0e4c3b21';

test('a fact’s uploaded document travels as base64 and reaches the service as the same bytes', () => {
  const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0xff, 0x00, 0x0a]);
  const input = parseInput(c.submitFact, {
    panelId,
    title: 'Tittel',
    body: 'Tekst',
    sources: [{ kind: 'document', title: 'Rapport', file: { filename: 'r.pdf', contentType: 'application/pdf', data: Buffer.from(bytes).toString('base64') } }, { url: 'https://example.org' }],
  });
  assert.ok(input.ok);
  const [document, link] = sourcesOf(input.value.sources);
  assert.deepEqual(document?.file?.data, bytes);
  assert.deepEqual(link, { kind: 'link', title: '', url: 'https://example.org', fileId: '', file: null }, 'a source without kind or file is a link');
});

test('the fact contract names each field it refuses', () => {
  const refused = parseInput(c.submitFact, { panelId, title: 'T', body: 'B', sources: [{ file: { filename: 'r.pdf', contentType: 'application/pdf', data: '<pdf>' } }], disputes: 0 });
  assert.ok(!refused.ok);
  assert.deepEqual(refused.fields?.map((f) => f.field).sort(), ['disputes', 'sources.0.file.data']);
});

test('the recommendation form is read into numbers, and its decision as one of three', () => {
  const form = new FormData();
  form.set('meetingId', '');
  const values = formValues(c.draftRecommendation, form, { panelId, title: 'T', body: 'B', statements: [3, 5], facts: [] });
  assert.deepEqual(parseInput(c.draftRecommendation, values), { ok: true, value: { panelId, title: 'T', body: 'B', statements: [3, 5], facts: [], meetingId: '' } });
  const decision = parseInput(c.decideRecommendation, { recommendationId: panelId, decision: '', reason: 'Fordi.' });
  assert.deepEqual(!decision.ok && decision.fields, [{ field: 'decision', message: 'field.oneOf', params: { choices: 'accepted, partly, rejected' } }]);
});

test('can flags: members take part, facilitators run the panel, decision-makers decide', () => {
  const member = { id: 's', role: 'Sjåfører', invitesLeft: 0 };
  assert.deepEqual(stakeholdersPolicy.can({ id: 'u', roles: ['resident'] }, member), { facilitate: false, invite: true, introduce: true, submitFact: true, recommend: true, decide: false });
  assert.deepEqual(stakeholdersPolicy.can({ id: 'u', roles: ['process_manager'] }, null), { facilitate: true, invite: true, introduce: false, submitFact: false, recommend: true, decide: false });
  assert.deepEqual(stakeholdersPolicy.can({ id: 'u', roles: ['decision_maker'] }, null), { facilitate: false, invite: false, introduce: false, submitFact: false, recommend: false, decide: true });
  assert.deepEqual(stakeholdersPolicy.can(null, null), { facilitate: false, invite: false, introduce: false, submitFact: false, recommend: false, decide: false });
});
