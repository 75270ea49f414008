import assert from 'node:assert/strict';
import { linkIn, type ReceivedMail } from './smtp.ts';
import type { ApiCall } from './api-client.ts';

/** A fresh draft process with one stakeholder phase, made over the API by a process manager. */
export async function processWithStakeholderPhase(manager: ApiCall, title: string): Promise<{ id: string; slug: string; phaseId: string }> {
  const created = await manager('/api/v1/processes', { method: 'POST', json: { title, locale: 'nb' } });
  assert.equal(created.status, 201);
  const { id, slug } = (await created.json()) as { id: string; slug: string };
  const phase = await manager(`/api/v1/processes/${id}/phases`, { method: 'POST', json: { method: 'stakeholders', title: 'Interessentpanel', startsOn: '2031-01-01', endsOn: '2031-06-30' } });
  assert.equal(phase.status, 201);
  return { id, slug, phaseId: ((await phase.json()) as { id: string }).id };
}

/** The token of the join link in an invitation e-mail. */
export function joinToken(mail: ReceivedMail): string {
  const token = linkIn(mail).searchParams.get('token');
  assert.ok(token, 'the invitation carries a join link with a token');
  return token;
}

/** A small but valid PDF, base64-encoded as the API takes documents; `padding` bytes make it bigger. */
export function pdfBase64(text: string, padding = 0): string {
  return Buffer.from(`%PDF-1.7\n${text}\n${'%'.repeat(padding)}\n%%EOF\n`).toString('base64');
}

/** POST/PUT/… with a JSON body, as the test clients call. */
export const json = (method: string, body: unknown) => ({ method, json: body });

/** A client without a session, for what anonymous visitors get. */
export function anonymousClient(baseUrl: string): ApiCall {
  return (path, init = {}) =>
    fetch(baseUrl + path, { method: init.method ?? 'GET', ...(init.json !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.json) } : {}) });
}
