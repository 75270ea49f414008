import assert from 'node:assert/strict';
import { demoPassword } from '@tingsted/platform';
import type { ApiCall } from './api-client.ts';
import type { TestServer } from './server.ts';

/** A register of `rows` people, two per household, over three areas. */
export function registerCsv(rows: number): string {
  const areas = ['Sentrum', 'Nord', 'Sør'];
  const lines = ['id,name,address,postcode,city,area'];
  for (let i = 1; i <= rows; i++) lines.push(`R${i},Innbygger ${i},Fjordgata ${Math.ceil(i / 2)},${9000 + (Math.ceil(i / 2) % 20)},Tromsø,${areas[Math.ceil(i / 2) % 3]}`);
  return lines.join('\n');
}

export const census = 'category,value,population\nKjønn,Kvinne,5100\nKjønn,Mann,4900\nAlder,Ung,5000\nAlder,Eldre,5000';
export const quotas = 'category,value,min,max\nKjønn,Kvinne,2,2\nKjønn,Mann,2,2\nAlder,Ung,1,3\nAlder,Eldre,1,3';

/** A published process with a panel phase, made by the demo process manager; its id. */
export async function panelProcess(server: TestServer, slug: string): Promise<string> {
  const manager = await server.platform.accounts.signIn({ email: 'prosess@demo.tingsted.no', password: demoPassword });
  assert.ok(manager.ok);
  const process = await server.platform.processes.ensureProcess({
    slug,
    status: 'published',
    title: { nb: `Klimapanel ${slug}` },
    summary: { nb: 'Et innbyggerpanel gir råd.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.value.userId,
    phases: [{ method: 'panel', title: { nb: 'Innbyggerpanel' }, startsOn: server.platform.processes.today(), endsOn: '2099-12-31' }],
  });
  return process.id;
}

/** A PUT with a text/csv body, signed in as `email` (the API client sends JSON only). */
export async function putCsv(baseUrl: string, email: string, path: string, csv: string): Promise<Response> {
  const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }) });
  assert.equal(signIn.status, 200);
  const cookies = new Map(signIn.headers.getSetCookie().map((c) => (c.split(';')[0] ?? '').split('=') as [string, string]));
  return fetch(baseUrl + path, {
    method: 'PUT',
    headers: { 'content-type': 'text/csv', cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.get('ts_csrf') ?? '' },
    body: csv,
  });
}

/** The panel's invitation codes, in the order they were drawn (as the letters print them). */
export async function codesOf(server: TestServer, panelId: string): Promise<string[]> {
  const rows = await server.platform.db.selectFrom('panel_invitations').select('code').where('panel_id', '=', panelId).orderBy('position').execute();
  return rows.map((r) => r.code);
}

/** Pool members: four women and four men, young and old, each with an account to confirm a seat with. */
export async function poolPeople(server: TestServer, prefix: string) {
  const people = Array.from({ length: 8 }, (_, i) => ({
    email: `${prefix}${i + 1}@example.no`,
    name: `Deltaker ${i + 1}`,
    answers: { Kjønn: i % 2 === 0 ? 'Kvinne' : 'Mann', Alder: i < 4 ? 'Ung' : 'Eldre' },
  }));
  for (const p of people) await server.platform.accounts.ensureUser({ email: p.email, displayName: p.name, password: demoPassword, roles: ['resident'] });
  return people;
}

/** Sets a panel up through the API as the process manager: census, size and rules, quotas, the register, 12 invitations. */
export async function setUpPanel(per: ApiCall, server: TestServer, processId: string): Promise<string> {
  const created = await per(`/api/v1/processes/${processId}/panel`, { method: 'POST', json: { title: 'Klimapanelet', locale: 'nb' } });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };
  assert.equal((await per(`/api/v1/panels/${id}/census`, { method: 'PUT', json: { census } })).status, 200);
  const setup = { title: 'Klimapanelet', size: 4, householdRule: false, approvalPercent: 60, endsOn: '2099-03-31', deletePoolOn: '2099-06-30', consentText: 'Vi lagrer svarene dine.' };
  assert.equal((await per(`/api/v1/panels/${id}/setup`, { method: 'PUT', json: setup })).status, 200);
  assert.equal((await per(`/api/v1/panels/${id}/quotas`, { method: 'PUT', json: { quotas } })).status, 200);
  assert.equal((await putCsv(server.url, 'prosess@demo.tingsted.no', `/api/v1/panels/${id}/register`, registerCsv(40))).status, 200);
  assert.equal((await per(`/api/v1/panels/${id}/invitations`, { method: 'POST', json: { count: 12, seed: 'Tingsted', stratify: true } })).status, 200);
  return id;
}

/** A datetime-local value (YYYY-MM-DDTHH:mm) in Oslo's wall clock, `hours` from now: for announcing a draw. */
export function osloWallClock(hours: number): string {
  const at = new Date(Date.now() + hours * 60 * 60 * 1000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at).replace(' ', 'T');
}

/**
 * Lets time pass for an announced draw: the announcement and the seed's time move `hours` back, as if the
 * announcement had been made that long ago (the server's clock is the real one; the test cannot wait a day).
 */
export async function letTimePass(server: TestServer, panelId: string, hours: number): Promise<void> {
  const panel = await server.platform.db.selectFrom('panels').select(['hash_published_at', 'seed_not_before']).where('id', '=', panelId).executeTakeFirstOrThrow();
  assert.ok(panel.hash_published_at && panel.seed_not_before, 'the draw is announced');
  const back = (d: Date) => new Date(d.getTime() - hours * 60 * 60 * 1000);
  await server.platform.db.updateTable('panels').set({ hash_published_at: back(panel.hash_published_at), seed_not_before: back(panel.seed_not_before) }).where('id', '=', panelId).execute();
}
