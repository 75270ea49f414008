// Issue 6 benchmark: a process with 10,000 ideas, 100,000 supports and 50,000 comments (generated in
// SQL). Measures, with autocannon on loopback against the bundled server: the idea list page (first page,
// most supported) and the "you said, we did" page at 20 connections (target p99 < 50 ms), and posting
// supports from 2,000 signed-in residents (issue 23: target ≥ 5,000 per second with BENCH_CONNECTIONS in flight),
// beside the same database work behind a bare node:http server (bench/votes-baseline.ts) in the same run.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import autocannon from 'autocannon';
import { buildForBench, startBaseline, startBundledServer, stopProcess } from './build.ts';
import { loadavg } from 'node:os';
import { openPlatform, seedDemo, silentLogger, startEmbeddedPostgres } from '@tingsted/platform';


await buildForBench();
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 40);
const startLoad = loadavg().map((x) => x.toFixed(1)).join(', ');
const dataDir = mkdtempSync(join(tmpdir(), 'tingsted-bench6-'));
chmodSync(dataDir, 0o755);
const embedded = await startEmbeddedPostgres({ dataDir });
const platform = await openPlatform({ databaseUrl: embedded.url, dataDir, publicUrl: 'http://127.0.0.1', mailFrom: 'bench@localhost', logger: silentLogger });
await seedDemo(platform);
const db = platform.db;
const manager = (await db.selectFrom('users').select('id').where('email', '=', 'prosess@demo.tingsted.no').executeTakeFirstOrThrow()).id;
const created = await platform.processes.createProcess({ id: manager, roles: ['process_manager'] }, { title: 'Stor prosess', locale: 'nb' });
if (!created.ok) throw new Error('could not create the process');
const processId = created.value.id;
const today = platform.processes.today();
const phase = await platform.processes.addPhase({ id: manager, roles: ['process_manager'] }, processId, { method: 'ideas', title: 'Idéer', startsOn: today, endsOn: '2099-12-31', locale: 'nb' });
if (!phase.ok) throw new Error('could not add the phase');
await db.updateTable('processes').set({ status: 'published' }).where('id', '=', processId).execute();

const started = performance.now();
// Confirmed addresses: supporting needs one (issue 17).
await sql`INSERT INTO users (email, display_name, email_verified_at) SELECT 'bench' || g || '@example.no', 'Innbygger ' || g, now() FROM generate_series(1, 2000) g`.execute(db);
await sql`INSERT INTO ideas (process_id, phase_id, author_id, title, body)
  SELECT ${processId}, ${phase.value.id}, (SELECT id FROM users WHERE email = 'bench' || (1 + g % 2000) || '@example.no'),
         'Idé nummer ' || g, 'En beskrivelse av idé nummer ' || g || ' med litt mer tekst for å ligne på et ekte innspill.'
  FROM generate_series(1, 10000) g`.execute(db);
// 100,000 supports: each of the 2,000 people supports 50 different ideas (k * 199 + n * 7 mod 10,000).
await sql`WITH u AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'bench%'),
  i AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM ideas WHERE process_id = ${processId})
  INSERT INTO idea_supports (idea_id, user_id)
  SELECT i.id, u.id FROM u CROSS JOIN generate_series(0, 49) k JOIN i ON i.n = (k * 199 + u.n * 7) % 10000`.execute(db);
await sql`WITH u AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'bench%'),
  i AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM ideas WHERE process_id = ${processId})
  INSERT INTO comments (idea_id, author_id, body)
  SELECT i.id, u.id, 'Kommentar ' || g FROM generate_series(0, 49999) g JOIN i ON i.n = g % 10000 JOIN u ON u.n = g % 2000`.execute(db);
await sql`UPDATE ideas SET support_count = s.n FROM (SELECT idea_id, count(*) n FROM idea_supports GROUP BY idea_id) s WHERE s.idea_id = ideas.id`.execute(db);
await sql`UPDATE ideas SET comment_count = c.n FROM (SELECT idea_id, count(*) n FROM comments GROUP BY idea_id) c WHERE c.idea_id = ideas.id`.execute(db);
const answered = await sql<{ id: string }>`SELECT id FROM ideas WHERE process_id = ${processId} ORDER BY id LIMIT 2000`.execute(db);
for (const [i, row] of answered.rows.entries()) {
  const status = ['accepted', 'rejected', 'under_consideration', 'implemented'][i % 4] ?? 'accepted';
  await db.insertInto('official_answers').values({ idea_id: row.id, status, body: `Svar ${i}`, author_id: manager, author_name: 'Per', author_role: 'process_manager' }).execute();
  await db.updateTable('ideas').set({ status }).where('id', '=', row.id).execute();
}
await sql`ANALYZE`.execute(db);
const generation = (performance.now() - started) / 1000;

// Sessions for 2,000 residents, to post supports as them.
const tokens: string[] = [];
const users = await db.selectFrom('users').select('id').where('email', 'like', 'bench%').orderBy('email').execute();
for (const user of users) {
  const token = randomBytes(32).toString('base64url');
  tokens.push(token);
  await db.insertInto('sessions').values({ token_hash: createHash('sha256').update(token).digest('hex'), user_id: user.id, expires_at: new Date(Date.now() + 86_400_000) }).execute();
}
const ideaIds = (await db.selectFrom('ideas').select('id').where('process_id', '=', processId).orderBy('id').execute()).map((r) => r.id);
const supported = new Set((await db.selectFrom('idea_supports').select(['idea_id', 'user_id']).execute()).map((r) => `${r.idea_id}|${r.user_id}`));

const { server, base } = await startBundledServer({ databaseUrl: embedded.url, dataDir });
const slug = created.value.slug;

async function load(path: string) {
  await autocannon({ url: base + path, connections: 20, duration: 2 });
  const r = await autocannon({ url: base + path, connections: 20, duration: seconds });
  // Refused or failed requests (time-outs on a busy machine) are reported in the row and fail its target.
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failed: r.non2xx + r.errors };
}
const list = await load(`/processes/${slug}/ideas?sort=supported`);
const results = await load(`/processes/${slug}/results`);

// Supports: each request is a new (resident, idea) pair, so every one is a real insert. The first 2,000 go
// to one idea, the next 2,000 to the next, and so on: a popular idea, the hardest case for its counter. The
// baseline carries on with the pairs after the API's.
let n = 0;
const csrf = 'bench-csrf-token-bench-csrf-token';
function support(url: string) {
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          let user = 0;
          let idea = '';
          do {
            user = n % tokens.length;
            idea = ideaIds[Math.floor(n / tokens.length) % ideaIds.length] ?? '';
            n++;
          } while (supported.has(`${idea}|${users[user]?.id}`));
          return { ...request, path: `/api/v1/ideas/${idea}/support`, headers: { cookie: `ts_session=${tokens[user]}; ts_csrf=${csrf}`, 'x-csrf-token': csrf } };
        },
      },
    ],
  });
}
const countSupports = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM idea_supports`.execute(db)).rows[0]?.n ?? 0);
const countsMatch = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ideas i WHERE support_count <> (SELECT count(*) FROM idea_supports s WHERE s.idea_id = i.id)`.execute(db)).rows[0]?.n ?? 0) === 0;
const supportRun = await support(base);
const supportsMade = (await countSupports()) - 100000;
await stopProcess(server);
const { baseline, base: baselineUrl } = await startBaseline('votes-baseline.ts', [embedded.url]);
const baseRun = await support(baselineUrl);
await stopProcess(baseline);
const baseMade = (await countSupports()) - 100000 - supportsMade;
const counted = await countsMatch();
await platform.close();
await embedded.stop();

const rows = [
  ['idea list, first page, most supported (20 conn.)', `${Math.round(list.rps)} req/s`, `p50 ${list.p50} ms, p99 ${list.p99} ms, ${list.failed} failed`, 'p99 < 50 ms', list.p99 < 50 && list.failed === 0],
  ['"you said, we did" (20 conn.)', `${Math.round(results.rps)} req/s`, `p50 ${results.p50} ms, p99 ${results.p99} ms, ${results.failed} failed`, 'p99 < 50 ms', results.p99 < 50 && results.failed === 0],
  [`posting a support (${connections} conn.)`, `${Math.round(supportRun.requests.average)} req/s`, `${supportRun.non2xx} refused, ${supportRun.errors} errors, ${supportsMade.toLocaleString('en')} stored, p50 ${supportRun.latency.p50} ms, p99 ${supportRun.latency.p99} ms; ${((100 * supportRun.requests.average) / baseRun.requests.average).toFixed(0)} % of the baseline; counts ${counted ? 'equal' : 'DIFFER from'} the supports`, '≥ 5,000/s', supportRun.requests.average >= 5000 && supportRun.non2xx === 0 && supportRun.errors === 0 && counted],
  [`baseline: node:http + pg, same statement, one commit each (${connections} conn.)`, `${Math.round(baseRun.requests.average)} req/s`, `${baseRun.non2xx} refused, ${baseRun.errors} errors, ${baseMade.toLocaleString('en')} stored, p50 ${baseRun.latency.p50} ms, p99 ${baseRun.latency.p99} ms`, '–', null],
] as const;
process.stdout.write(`\nload average ${loadavg().map((x) => x.toFixed(1)).join(', ')} (at the start: ${startLoad})\n`);
process.stdout.write(`\nprocess with 10,000 ideas, 100,000 supports, 50,000 comments (generated in ${generation.toFixed(1)} s), ${seconds} s per run\n\n`);
process.stdout.write('| what | throughput | latency | target | met |\n|---|---|---|---|---|\n');
for (const [what, rps, latency, target, met] of rows) process.stdout.write(`| ${what} | ${rps} | ${latency} | ${target} | ${met === null ? '' : met ? 'PASS' : 'MISS'} |\n`);
