#!/usr/bin/env node
// Runs a whole process through Tingsted's API, as a municipality's own script would: a process manager creates a
// process, writes its charter, adds an ideas phase and publishes it; a resident posts an idea; the manager answers
// it with a status and a milestone; the public "you said, we did" list shows the answer; the process is closed.
//
//   node examples/run-a-process.mjs [base URL]          (default http://localhost:3000, the demo from `npm start`)
//
// Accounts come from MANAGER_EMAIL / MANAGER_PASSWORD and RESIDENT_EMAIL / RESIDENT_PASSWORD (default: the demo's).
// Every endpoint used here is in the OpenAPI document at <base URL>/api/v1/openapi.json. Plain Node ≥ 20, no packages.

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const demoPassword = 'demo-passord-2026';

/** A signed-in client: keeps the session and CSRF cookies and sends the CSRF token on every write. */
async function signIn(email, password) {
  const cookies = new Map();
  async function call(method, path, json) {
    const headers = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'application/json' };
    if (json !== undefined) headers['content-type'] = 'application/json';
    const csrf = [...cookies].find(([k]) => k.endsWith('csrf'))?.[1];
    if (csrf) headers['x-csrf-token'] = csrf;
    const response = await fetch(`${base}/api/v1${path}`, { method, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    for (const c of response.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    const body = response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
      // Every error has the same shape: { error: { code, message, fields: [{ field, message }] } }.
      const fields = (body?.error?.fields ?? []).map((f) => `${f.field}: ${f.message}`).join('; ');
      throw new Error(`${method} ${path} answered ${response.status} ${body?.error?.code ?? ''} ${body?.error?.message ?? body}${fields ? ` (${fields})` : ''}`);
    }
    return body;
  }
  await call('GET', '/session'); // sets the CSRF cookie
  await call('POST', '/auth/sign-in', { email, password });
  return call;
}

const isoDate = (date) => date.toISOString().slice(0, 10);
const today = new Date();
const inDays = (n) => isoDate(new Date(today.getTime() + n * 86_400_000));

const manager = await signIn(process.env.MANAGER_EMAIL ?? 'prosess@demo.tingsted.no', process.env.MANAGER_PASSWORD ?? demoPassword);
const resident = await signIn(process.env.RESIDENT_EMAIL ?? 'kari@demo.tingsted.no', process.env.RESIDENT_PASSWORD ?? demoPassword);

// 1. A draft process with its charter (texts per language; here bokmål).
const { id, slug } = await manager('POST', '/processes', { title: `Benker langs elva ${today.toISOString().slice(0, 16)}`, locale: 'nb' });
await manager('PATCH', `/processes/${id}/charter`, {
  locale: 'nb',
  summary: 'Hvor skal de nye benkene stå?',
  question: 'Hvor trenger du en benk langs elva?',
  why_involved: 'Dere som går tur langs elva vet best hvor det trengs hvileplasser.',
  scope_can_change: 'Hvor benkene står og hvilken type de er.',
  scope_cannot_change: 'Budsjettet (20 benker) og at turveien skal være åpen for sykkel.',
  decision_maker: 'Utvalg for miljø og byutvikling.',
  response_commitment: 'Utvalget svarer på hvert innspill innen to måneder etter at fasen er slutt.',
  target_groups: 'Alle som bruker turveien, særlig eldre og familier med små barn.',
  method_rationale: 'Idéer med kommentarer gir konkrete steder og begrunnelser.',
  respondBy: inDays(90),
});

// 2. An ideas phase open from today, then publish (the charter must be complete: the answer names what is missing).
const phase = await manager('POST', `/processes/${id}/phases`, { method: 'ideas', title: 'Foreslå steder', startsOn: inDays(0), endsOn: inDays(30) });
await manager('POST', `/processes/${id}/publish`);
console.log(`published ${base}/processes/${slug}`);

// 3. A resident posts an idea.
const idea = await resident('POST', `/phases/${phase.id}/ideas`, { title: 'Benk ved fossen', body: 'Det er ingen hvileplass mellom brua og fossen, ca. 2 km.' });
console.log(`idea ${idea.id} posted`);

// 4. The manager answers it: a status from the municipality's list, an official answer and a milestone.
const { statuses } = await manager('GET', '/statuses');
const accepted = statuses.find((s) => s.key === 'accepted') ?? statuses[0];
await manager('POST', `/ideas/${idea.id}/answers`, { status: accepted.key, body: 'Vi setter opp to benker ved fossen i vår.' });
await manager('POST', `/ideas/${idea.id}/milestones`, { title: 'Benkene er bestilt', date: inDays(7), progress: 25 });

// 5. Everyone can read what was said and what was done.
const results = await (await fetch(`${base}/api/v1/processes/${slug}/results`)).json();
const answered = results.answers.find((a) => a.ideaId === idea.id);
if (!answered) throw new Error(`the answer is missing from ${base}/api/v1/processes/${slug}/results`);
console.log(`"you said, we did": ${answered.title}: ${answered.status}, "${answered.body}" (${answered.authorName}, ${answered.authorRole}), ${answered.progress ?? 0} % done`);

// 6. Close the process.
await manager('POST', `/processes/${id}/close`);
console.log(`closed ${slug}`);
