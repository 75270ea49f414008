import assert from 'node:assert/strict';
import { demoPassword } from '@tingsted/platform';
import type { TestServer } from './server.ts';

/** A published process with one budgeting phase from `startsOn` to `endsOn`, made by the demo process manager. */
export async function budgetingPhase(server: TestServer, slug: string, dates: { startsOn: string; endsOn: string } = { startsOn: '2020-01-01', endsOn: '2099-12-31' }): Promise<string> {
  return (await budgetingProcess(server, slug, dates)).phaseId;
}

/**
 * A published process with an ideas phase (2019) holding `ideas` (title → body, posted by Kari), then a budgeting
 * phase from `startsOn` to `endsOn`; the budgeting phase's id and the ideas' ids.
 */
export async function budgetingProcess(server: TestServer, slug: string, dates: { startsOn: string; endsOn: string } = { startsOn: '2020-01-01', endsOn: '2099-12-31' }, ideas: Record<string, string> = {}): Promise<{ phaseId: string; ideaIds: string[] }> {
  const manager = await server.platform.accounts.signIn({ email: 'prosess@demo.tingsted.no', password: demoPassword });
  assert.ok(manager.ok);
  const withIdeas = Object.keys(ideas).length > 0;
  const process = await server.platform.processes.ensureProcess({
    slug,
    status: 'published',
    title: { nb: `Budsjett ${slug}` },
    summary: { nb: 'Innbyggerne bestemmer hva en del av budsjettet går til.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.value.userId,
    phases: [...(withIdeas ? [{ method: 'ideas' as const, title: { nb: 'Idéer' }, startsOn: '2019-01-01', endsOn: '2019-02-01' }] : []), { method: 'budgeting', title: { nb: 'Avstemning' }, ...dates }],
  });
  const phaseId = process.phaseIds.at(-1);
  assert.ok(phaseId);
  const ideaIds: string[] = [];
  const author = await server.platform.db.selectFrom('users').select('id').where('email', '=', 'kari@demo.tingsted.no').executeTakeFirstOrThrow();
  for (const [title, body] of Object.entries(ideas)) ideaIds.push(await server.platform.ideas.importIdea({ phaseId: process.phaseIds[0] ?? '', authorId: author.id, title, body }));
  return { phaseId, ideaIds };
}

/** One API call with a raw (non-JSON) body or none. */
export type RawCall = (path: string, init?: { method?: string; body?: string; contentType?: string }) => Promise<Response>;

/**
 * A signed-in client for bodies that are not JSON (a Pabulib file as text/plain, a CSV as text/csv); with no
 * email, an anonymous one. It sends the session cookie and the CSRF token on writes.
 */
export async function rawClient(baseUrl: string, email?: string): Promise<RawCall> {
  let cookie = '';
  let csrf = '';
  if (email) {
    const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }) });
    assert.equal(signIn.status, 200);
    const cookies = new Map(signIn.headers.getSetCookie().map((c) => (c.split(';')[0] ?? '').split('=') as [string, string]));
    cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    csrf = cookies.get('ts_csrf') ?? '';
  }
  return async (path, init = {}) => {
    const headers: Record<string, string> = { cookie, 'x-csrf-token': csrf };
    if (init.contentType) headers['content-type'] = init.contentType;
    return fetch(baseUrl + path, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  };
}

/** An anonymous JSON call. */
export async function anonymous(baseUrl: string, path: string, method = 'GET', json?: unknown): Promise<Response> {
  return fetch(baseUrl + path, { method, ...(json !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) } : {}) });
}

/** A small Pabulib file: one approval budget of 100,000 with four projects and `votes` ballots. */
export function smallPabulib(votes: readonly string[], options: { budget?: number; costs?: readonly number[] } = {}): string {
  const costs = options.costs ?? [40_000, 30_000, 50_000, 20_000];
  return [
    'META',
    'key;value',
    'description;Testbydel',
    'country;Norway',
    'unit;Demo',
    'instance;2026',
    `num_projects;${costs.length}`,
    `num_votes;${votes.length}`,
    `budget;${options.budget ?? 100_000}`,
    'vote_type;approval',
    'rule;greedy',
    'PROJECTS',
    'project_id;cost;name',
    ...costs.map((cost, i) => `p${i + 1};${cost};Prosjekt ${i + 1}`),
    'VOTES',
    'voter_id;vote',
    ...votes.map((vote, i) => `v${i + 1};${vote}`),
    '',
  ].join('\n');
}
