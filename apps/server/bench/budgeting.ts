// Issue 16 benchmark, participatory budgeting. (1) Importing Łódź 2022 (90,494 ballots, 160 projects) into a
// phase through the platform and computing the Method of Equal Shares with Add1 completion: target under 5 s
// end to end (reading the file, the import, the tally). (2) Casting online ballots: signed-in residents (one per
// ballot, with a registered area and a real session) PUT a basket ballot through the API of the bundled server,
// autocannon on loopback with BENCH_CONNECTIONS in flight — target at least 2,000 per second; beside it, the
// machine's ceiling for the same database work (bench/budgeting-baseline.ts: bare node:http + pg, the same
// queries and synchronous commit) and the API's share of it; and the same use case called in-process (the
// platform without HTTP). The shared data folder is $TINGSTED_DATA (default ../shared/data beside the repository).
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import autocannon from 'autocannon';
import { buildForBench, startBaseline, startBundledServer, stopProcess } from './build.ts';
import { openPlatform, seedDemo, silentLogger, startEmbeddedPostgres, type Actor, type Platform } from '@tingsted/platform';

const data = process.env.TINGSTED_DATA ?? fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const lodzFile = join(data, 'pabulib', 'Poland_Lodz_2022.pb');
if (!existsSync(lodzFile)) throw new Error(`${lodzFile} not found: set TINGSTED_DATA to the shared/data folder`);

// --import-only: part (1) alone, without the server build and the voters part (2) needs.
const importOnly = process.argv.includes('--import-only');
if (!importOnly) await buildForBench();
// Other work on the machine slows every figure: the load average is printed with them.
const startLoad = loadavg().map((x) => x.toFixed(1)).join(', ');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 40);
const voters = Number(process.env.BENCH_VOTERS ?? 60_000);
const dataDir = mkdtempSync(join(tmpdir(), 'tingsted-bench16-'));
chmodSync(dataDir, 0o755);
const embedded = await startEmbeddedPostgres({ dataDir });
const platform = await openPlatform({ databaseUrl: embedded.url, dataDir, publicUrl: 'http://127.0.0.1', mailFrom: 'bench@localhost', logger: silentLogger });
await seedDemo(platform, { sharedData: false });
const db = platform.db;
const managerId = (await db.selectFrom('users').select('id').where('email', '=', 'prosess@demo.tingsted.no').executeTakeFirstOrThrow()).id;
const manager: Actor = { id: managerId, roles: ['process_manager'] };

function ok<T>(result: { ok: true; value: T } | { ok: false; code: string }, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.code} ${JSON.stringify(result)}`);
  return result.value;
}

/** A published process with one budgeting phase open until 2099; the phase's id. */
async function openPhase(p: Platform, slug: string): Promise<string> {
  const made = await p.processes.ensureProcess({
    slug,
    status: 'published',
    title: { nb: slug },
    summary: { nb: 'Benchmark' },
    startsOn: null,
    endsOn: null,
    createdBy: managerId,
    phases: [{ method: 'budgeting', title: { nb: 'Avstemning' }, startsOn: '2020-01-01', endsOn: '2099-12-31' }],
  });
  const phaseId = made.phaseIds[0];
  if (!phaseId) throw new Error('no phase');
  return phaseId;
}

// (1) Łódź: the file as it comes, into a phase, then MES with Add1 completion as the results page asks for it.
const lodzPhase = await openPhase(platform, 'lodz-2022');
const t0 = performance.now();
const file = readFileSync(lodzFile, 'utf8');
const t1 = performance.now();
const imported = ok(await platform.budgeting.importPabulib(manager, { phaseId: lodzPhase, file }), 'import');
const t2 = performance.now();
const mes = ok(await platform.budgeting.budgetingResults(manager, { phaseId: lodzPhase, rule: 'mes-add1' }), 'results');
const t3 = performance.now();
if (imported.ballots !== 90_494 || mes.selected.length !== 44 || mes.cost !== 5_985_880) {
  throw new Error(`Łódź: expected 90,494 ballots and MES Add1 44 projects / 5,985,880, got ${imported.ballots} ballots, ${mes.selected.length} / ${mes.cost}`);
}
const greedyStart = performance.now();
const greedy = ok(await platform.budgeting.budgetingResults(manager, { phaseId: lodzPhase, rule: 'greedy' }), 'greedy');
const greedyMs = performance.now() - greedyStart;
const lodz = { read: t1 - t0, import: t2 - t1, tally: t3 - t2, total: t3 - t0 };
const lodzRow = (): string => {
  const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`;
  return `| Łódź 2022 import + MES Add1, end to end | ${ms(lodz.total)} | read ${ms(lodz.read)}, import ${ms(lodz.import)} (${imported.ballots.toLocaleString('en')} ballots, ${imported.projects} projects), MES Add1 ${ms(lodz.tally)} (${mes.selected.length} projects, ${mes.cost.toLocaleString('en')}); greedy alone ${ms(greedyMs)} (${greedy.selected.length}) | < 5 s | ${lodz.total < 5_000 ? 'PASS' : 'MISS'} |`;
};
if (importOnly) {
  await platform.close();
  await embedded.stop();
  const load = loadavg().map((x) => x.toFixed(1)).join(', ');
  process.stdout.write(`\nparticipatory budgeting, ${new Date().toISOString()}, load average ${load} (at the start: ${startLoad})\n\n| what | figure | detail | target | met |\n|---|---|---|---|---|\n${lodzRow()}\n`);
  process.exit(0);
}

// (2) Ballots: a basket ballot of 2–4 of 20 projects (at most 400,000 of a 1,000,000 budget), each by its own voter.
async function ballotPhase(slug: string) {
  const phaseId = await openPhase(platform, slug);
  ok(await platform.budgeting.designBallot(manager, { phaseId, ballotKind: 'basket', maxProjects: 5, voters: 'residents', rule: 'mes-add1' }), 'design');
  const budgetId = ok(await platform.budgeting.addBudget(manager, { phaseId, name: 'Hele byen', locale: 'nb', area: null, amount: 1_000_000 }), 'budget').id;
  const projectIds: string[] = [];
  for (let i = 0; i < 20; i++) {
    const { id } = ok(await platform.budgeting.createProject(manager, { phaseId, budgetId, title: `Prosjekt ${i + 1}`, locale: 'nb', cost: 20_000 + 5_000 * i }), 'project');
    ok(await platform.budgeting.reviewProject(manager, { projectId: id, state: 'eligible' }), 'review');
    projectIds.push(id);
  }
  return { phaseId, budgetId, projectIds };
}
const httpPhase = await ballotPhase('stemmer-over-api');
const basePhase = await ballotPhase('stemmer-grunnlinje');
const directPhase = await ballotPhase('stemmer-i-prosessen');

const generationStart = performance.now();
// Confirmed addresses: voting in a budget needs one (issue 17).
await sql`INSERT INTO users (email, display_name, email_verified_at) SELECT 'velger' || g || '@example.no', 'Velger ' || g, now() FROM generate_series(1, ${voters}) g`.execute(db);
await sql`INSERT INTO resident_profiles (user_id, area, birth_year) SELECT id, 'Sentrum', 1990 FROM users WHERE email LIKE 'velger%'`.execute(db);
const people = await db.selectFrom('users').select('id').where('email', 'like', 'velger%').orderBy('email').execute();
const tokens = people.map(() => randomBytes(32).toString('base64url'));
const expires = new Date(Date.now() + 86_400_000);
for (let i = 0; i < people.length; i += 5_000) {
  await db
    .insertInto('sessions')
    .values(people.slice(i, i + 5_000).map((person, j) => ({ token_hash: createHash('sha256').update(tokens[i + j] ?? '').digest('hex'), user_id: person.id, expires_at: expires })))
    .execute();
}
await sql`ANALYZE`.execute(db);
const generation = (performance.now() - generationStart) / 1000;

/** The n-th voter's projects: 2–4 distinct ones, always within the budget (at most 4 × 115,000). */
function choice(projectIds: readonly string[], n: number): string[] {
  const picks = new Set<string>();
  const size = 2 + (n % 3);
  for (let k = 0; picks.size < size; k++) picks.add(projectIds[(n * 7 + k * 3) % projectIds.length] ?? '');
  return [...picks];
}

// The people in thirds: the API's voters, the baseline's, and the in-process ones.
const third = Math.floor(people.length / 3);
const csrf = 'bench-csrf-token-bench-csrf-token';
/** `connections` signed-in voters at a time PUT their ballot at `base` for `seconds` (voters first … first + third − 1). */
function castOverHttp(base: string, phase: { phaseId: string; budgetId: string; projectIds: string[] }, first: number) {
  let next = 0;
  return autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'PUT',
        setupRequest: (request) => {
          const k = next++ % third;
          const body = JSON.stringify({ budgetId: phase.budgetId, projects: choice(phase.projectIds, k) });
          return { ...request, path: `/api/v1/phases/${phase.phaseId}/budgeting/ballot`, body, headers: { 'content-type': 'application/json', cookie: `ts_session=${tokens[first + k]}; ts_csrf=${csrf}`, 'x-csrf-token': csrf } };
        },
      },
    ],
  });
}

const { server, base } = await startBundledServer({ databaseUrl: embedded.url, dataDir });
const httpRun = await castOverHttp(base, httpPhase, 0);
await stopProcess(server);

// The ceiling: the same database work per ballot behind a bare node:http server, in its own process.
const { baseline, base: baselineUrl } = await startBaseline('budgeting-baseline.ts', [embedded.url, basePhase.phaseId, basePhase.budgetId]);
const baseRun = await castOverHttp(baselineUrl, basePhase, third);
await stopProcess(baseline);

const stored = async (phaseId: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM budget_ballots WHERE phase_id = ${phaseId}`.execute(db)).rows[0]?.n ?? 0);
const httpStored = await stored(httpPhase.phaseId);
const baseStored = await stored(basePhase.phaseId);

// The same use case in-process: `connections` voters at a time, the last third of the people.
const last = 2 * third;
let cast = 0;
let refused = 0;
const directStart = performance.now();
const deadline = directStart + seconds * 1000;
await Promise.all(
  Array.from({ length: connections }, async (_, lane) => {
    for (let n = lane; performance.now() < deadline && n < third; n += connections) {
      const voter: Actor = { id: people[last + n]?.id ?? '', roles: ['resident'], emailVerified: true };
      const result = await platform.budgeting.castBallot(voter, { phaseId: directPhase.phaseId, budgetId: directPhase.budgetId, projects: choice(directPhase.projectIds, n) });
      if (result.ok) cast++;
      else refused++;
    }
  }),
);
const directSeconds = (performance.now() - directStart) / 1000;
const directStored = await stored(directPhase.phaseId);
await platform.close();
await embedded.stop();

const load = loadavg().map((x) => x.toFixed(1)).join(', ');
process.stdout.write(`\nparticipatory budgeting, ${new Date().toISOString()}, load average ${load} (at the start: ${startLoad})\n\n`);
process.stdout.write('| what | figure | detail | target | met |\n|---|---|---|---|---|\n');
const perSecond = (x: number) => `${Math.round(x).toLocaleString('en')} /s`;
const httpLine = (run: typeof httpRun, saved: number) => `p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, ${run.non2xx} refused, ${run.errors} errors, ${saved.toLocaleString('en')} stored`;
const rows = [
  [`casting a ballot, API (${connections} conn., ${seconds} s)`, perSecond(httpRun.requests.average), `${httpLine(httpRun, httpStored)}; ${((100 * httpRun.requests.average) / baseRun.requests.average).toFixed(0)} % of the baseline`, '≥ 2,000/s', httpRun.requests.average >= 2_000 && httpRun.non2xx === 0 && httpRun.errors === 0],
  [`baseline: node:http + pg, same queries (${connections} conn., ${seconds} s)`, perSecond(baseRun.requests.average), httpLine(baseRun, baseStored), '–', null],
  [`casting a ballot, in-process (${connections} at a time)`, perSecond(cast / directSeconds), `${cast.toLocaleString('en')} cast in ${directSeconds.toFixed(1)} s, ${refused} refused, ${directStored.toLocaleString('en')} stored`, '≥ 2,000/s', cast / directSeconds >= 2_000 && refused === 0],
] as const;
process.stdout.write(`${lodzRow()}\n`);
for (const [what, figure, detail, target, met] of rows) process.stdout.write(`| ${what} | ${figure} | ${detail} | ${target} | ${met === null ? '' : met ? 'PASS' : 'MISS'} |\n`);
process.stdout.write(`\n(${voters.toLocaleString('en')} voters with sessions generated in ${generation.toFixed(1)} s)\n`);
