// Issue 8 benchmark: a conversation with 5,000 participants and 500 statements (votes generated in SQL:
// two camps plus noise, 40 votes each, 200,000 votes). Against the real server (`tingsted start`, which runs
// the job workers) with a live results view connected over server-sent events, it measures: casting votes
// (issue 23: target ≥ 5,000 per second, with BENCH_CONNECTIONS in flight; beside it the same database work behind
// a bare node:http server, bench/votes-baseline.ts, on a twin conversation), how long until the stored map includes a new vote cast during that load
// (target < 2 s), and the results page at 20 connections (target p99 < 100 ms).
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import autocannon from 'autocannon';
import { openPlatform, silentLogger, startEmbeddedPostgres } from '@tingsted/platform';
import { buildForBench, startBaseline, startBundledServer, stopProcess } from './build.ts';
import { loadavg } from 'node:os';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 40);
const startLoad = loadavg().map((x) => x.toFixed(1)).join(', ');
await buildForBench();
const participants = 5000;
const statements = 500;
const votesEach = 40;
const dataDir = mkdtempSync(join(tmpdir(), 'tingsted-bench8-'));
chmodSync(dataDir, 0o755);
const embedded = await startEmbeddedPostgres({ dataDir });
const platform = await openPlatform({ databaseUrl: embedded.url, dataDir, publicUrl: 'http://127.0.0.1', mailFrom: 'bench@localhost', logger: silentLogger });
const db = platform.db;
const managerId = await platform.accounts.ensureUser({ email: 'prosess@bench.no', displayName: 'Per', password: null, roles: ['process_manager'] });
const manager = { id: managerId, roles: ['process_manager' as const] };
const today = platform.processes.today();
const created = await platform.processes.ensureProcess({
  slug: 'stor-samtale', status: 'published', title: { nb: 'Stor samtale' }, summary: { nb: 'Benk' }, startsOn: null, endsOn: null, createdBy: managerId,
  phases: [{ method: 'conversation', title: { nb: 'Samtale' }, startsOn: today, endsOn: '2099-12-31' }],
});
const phaseId = created.phaseIds[0] ?? '';
const set = await platform.conversations.setUpConversation(manager, phaseId, { question: 'Hva mener du?', allowAnonymous: true });
if (!set.ok) throw new Error('could not set up the conversation');
const conversationId = set.value.id;

const token = (i: number) => `bench-voter-token-${String(i).padStart(6, '0')}`;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const started = performance.now();
await sql`INSERT INTO conversation_statements (conversation_id, number, body, text_key)
  SELECT ${conversationId}, g, 'Utsagn nummer ' || g, 'utsagn nummer ' || g FROM generate_series(0, ${statements - 1}) g`.execute(db);
const hashes = Array.from({ length: participants }, (_, i) => sha(token(i)));
await sql`INSERT INTO conversation_participants (conversation_id, anon_key) SELECT ${conversationId}, h FROM unnest(${hashes}::text[]) h`.execute(db);
// Each participant votes on 40 statements; camp A (even) agrees with the first half, camp B with the second;
// every fifth vote is a pass and 10 % go against the camp.
await sql`WITH p AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM conversation_participants WHERE conversation_id = ${conversationId}),
  s AS (SELECT id, number FROM conversation_statements WHERE conversation_id = ${conversationId})
  INSERT INTO conversation_votes (participant_id, statement_id, conversation_id, vote)
  SELECT p.id, s.id, ${conversationId},
    CASE WHEN (p.n + k) % 5 = 0 THEN 0
         WHEN ((s.number < ${statements / 2}) = (p.n % 2 = 0)) <> ((p.n * 7 + k * 13) % 10 = 0) THEN 1 ELSE -1 END
  FROM p CROSS JOIN generate_series(0, ${votesEach - 1}) k JOIN s ON s.number = (p.n * 37 + k * 11) % ${statements}
  ON CONFLICT DO NOTHING`.execute(db);
// The baseline's twin: the same statements and participants, in a conversation of its own.
const twin = await platform.processes.ensureProcess({
  slug: 'tvilling', status: 'published', title: { nb: 'Tvilling' }, summary: { nb: 'Benk' }, startsOn: null, endsOn: null, createdBy: managerId,
  phases: [{ method: 'conversation', title: { nb: 'Samtale' }, startsOn: today, endsOn: '2099-12-31' }],
});
const twinSet = await platform.conversations.setUpConversation(manager, twin.phaseIds[0] ?? '', { question: 'Hva mener du?', allowAnonymous: true });
if (!twinSet.ok) throw new Error('could not set up the twin conversation');
await sql`INSERT INTO conversation_statements (conversation_id, number, body, text_key)
  SELECT ${twinSet.value.id}, g, 'Utsagn nummer ' || g, 'utsagn nummer ' || g FROM generate_series(0, ${statements - 1}) g`.execute(db);
await sql`INSERT INTO conversation_participants (conversation_id, anon_key) SELECT ${twinSet.value.id}, h FROM unnest(${hashes}::text[]) h`.execute(db);
await sql`ANALYZE`.execute(db);
const generated = (performance.now() - started) / 1000;
const firstRecompute = performance.now();
await platform.conversations.recompute(conversationId);
const recomputeSeconds = (performance.now() - firstRecompute) / 1000;
const totalVotes = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM conversation_votes`.execute(db)).rows[0]?.n ?? 0);

const { server, base } = await startBundledServer({ databaseUrl: embedded.url, dataDir });

// The live results view: one server-sent-events client, recording when each revision arrives.
const heard: { at: number; votesSeen: number }[] = [];
const sse = new AbortController();
void (async () => {
  const response = await fetch(`${base}/api/v1/conversations/${conversationId}/events`, { signal: sse.signal });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const chunk = await reader?.read().catch(() => null);
    if (!chunk || chunk.done) return;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = /^data: (.*)$/m.exec(event)?.[1];
      if (data) heard.push({ at: performance.now(), votesSeen: Number((JSON.parse(data) as { votesSeen?: number }).votesSeen ?? 0) });
    }
  }
})();

// Probes during the load: a new participant votes; how long until a stored result that includes the vote is announced?
const delays: number[] = [];
let probe = 0;
async function probeOnce() {
  const voter = `bench-probe-token-${String(probe++).padStart(6, '0')}`;
  const sent = performance.now();
  const response = await fetch(`${base}/api/v1/conversations/${conversationId}/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `ts_voter=${voter}` },
    body: JSON.stringify({ statement: probe % statements, vote: 'agree' }),
  });
  if (response.status !== 201) throw new Error(`probe vote: ${response.status}`);
  const row = await sql<{ seq: string }>`SELECT v.seq FROM conversation_votes v JOIN conversation_participants p ON p.id = v.participant_id WHERE p.anon_key = ${sha(voter)}`.execute(db);
  const seq = Number(row.rows[0]?.seq ?? Infinity);
  for (;;) {
    const hit = heard.find((h) => h.votesSeen >= seq && h.at >= sent);
    if (hit) return delays.push(hit.at - sent);
    if (performance.now() - sent > 20_000) return delays.push(Infinity);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Votes at `url` in `conversation` for `seconds`: `connections` in flight, voter i·7919 mod 5,000 on statement (i·104729 + voter) mod 500. */
function castVotes(url: string, conversation: string) {
  let n = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const i = n++;
          const voter = (i * 7919) % participants;
          const statement = (i * 104729 + voter) % statements;
          const vote = ['agree', 'disagree', 'pass'][i % 3];
          return { ...request, path: `/api/v1/conversations/${conversation}/votes`, headers: { 'content-type': 'application/json', cookie: `ts_voter=${token(voter)}` }, body: JSON.stringify({ statement, vote }) };
        },
      },
    ],
  });
}
const votesBefore = await countVotes(conversationId);
const probes: Promise<unknown>[] = [];
const probeTimer = setInterval(() => probes.push(probeOnce()), 1000);
const voteRun = await castVotes(base, conversationId);
clearInterval(probeTimer);
await Promise.all(probes);

const resultsPath = `/processes/stor-samtale/conversation/${phaseId}/results`;
await autocannon({ url: base + resultsPath, connections: 20, duration: 2 });
const pageRun = await autocannon({ url: base + resultsPath, connections: 20, duration: seconds });
sse.abort();
await stopProcess(server);
// Rows added by the run (a re-vote replaces its row, so fewer than the votes cast; the probes add one each).
const votesAdded = (await countVotes(conversationId)) - votesBefore;

const { baseline, base: baselineUrl } = await startBaseline('votes-baseline.ts', [embedded.url]);
const twinBefore = await countVotes(twinSet.value.id);
const baseRun = await castVotes(baselineUrl, twinSet.value.id);
await stopProcess(baseline);
const twinAdded = (await countVotes(twinSet.value.id)) - twinBefore;
await platform.close();
await embedded.stop();

async function countVotes(conversation: string): Promise<number> {
  return Number((await sql<{ n: string }>`SELECT count(*) AS n FROM conversation_votes WHERE conversation_id = ${conversation}`.execute(db)).rows[0]?.n ?? 0);
}
const sorted = [...delays].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? Infinity;
const worst = sorted[sorted.length - 1] ?? Infinity;
const ratio = `${((100 * voteRun.requests.average) / baseRun.requests.average).toFixed(0)} % of the baseline`;
const rows = [
  [`casting a vote, results view connected (${connections} conn.)`, `${Math.round(voteRun.requests.average)} votes/s`, `${voteRun.non2xx} refused, ${voteRun.errors} errors, p50 ${voteRun.latency.p50} ms, p99 ${voteRun.latency.p99} ms, ${votesAdded.toLocaleString('en')} new rows; ${ratio}`, '≥ 5,000/s', voteRun.requests.average >= 5000 && voteRun.non2xx === 0 && voteRun.errors === 0],
  [`baseline: node:http + pg, same statements, one commit each (${connections} conn.)`, `${Math.round(baseRun.requests.average)} votes/s`, `${baseRun.non2xx} refused, ${baseRun.errors} errors, p50 ${baseRun.latency.p50} ms, p99 ${baseRun.latency.p99} ms, ${twinAdded.toLocaleString('en')} new rows`, '–', null],
  ['new vote on the map (SSE), during that load', `${delays.length} probes`, `median ${(median / 1000).toFixed(2)} s, worst ${(worst / 1000).toFixed(2)} s`, '< 2 s', worst < 2000],
  ['results page (20 conn.)', `${Math.round(pageRun.requests.average)} req/s`, `p50 ${pageRun.latency.p50} ms, p99 ${pageRun.latency.p99} ms`, 'p99 < 100 ms', pageRun.latency.p99 < 100 && pageRun.non2xx === 0],
] as const;
process.stdout.write(`\nload average ${loadavg().map((x) => x.toFixed(1)).join(', ')} (at the start: ${startLoad})\n`);
process.stdout.write(`\nconversation: ${participants} participants × ${statements} statements, ${totalVotes} votes (generated in ${generated.toFixed(1)} s; first full recompute ${recomputeSeconds.toFixed(2)} s), ${seconds} s per run, ${heard.length} SSE events\n\n`);
process.stdout.write('| what | throughput | latency | target | met |\n|---|---|---|---|---|\n');
for (const [what, rps, latency, target, met] of rows) process.stdout.write(`| ${what} | ${rps} | ${latency} | ${target} | ${met === null ? '' : met ? 'PASS' : 'MISS'} |\n`);
