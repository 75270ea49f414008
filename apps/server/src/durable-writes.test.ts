// Crash test for the group-committed writes (ballots, conversation votes, idea supports): `tingsted start` runs
// as a child process on its own embedded PostgreSQL; voters fire all three kinds of write concurrently; midway
// the server and every PostgreSQL process are killed with SIGKILL. PostgreSQL is then started again on the same
// data folder (crash recovery) and every write the server had acknowledged must be there, with its value, and
// every idea's support count must equal its supports.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createDatabase, openPlatform, silentLogger, startEmbeddedPostgres, type Actor } from '@tingsted/platform';

const bin = new URL('../bin/tingsted.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'tingsted-crash-'));
// mkdtemp makes the folder private; as root, PostgreSQL runs as `postgres` and must be able to enter it.
chmodSync(dataDir, 0o755);
after(() => rmSync(dataDir, { recursive: true, force: true }));

const voters = 400;
const statements = 40;
const ideaCount = 20;
const csrf = 'crash-test-csrf-token-crash-test';
const tokens = Array.from({ length: voters }, () => randomBytes(32).toString('base64url'));
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
let conversationId = '';
let ballotPath = '';
let budgetId = '';
const projectIds: string[] = [];
let ideaIds: string[] = [];
let userIds: string[] = [];

function ok<T>(result: { ok: true; value: T } | { ok: false; code: string }): T {
  if (!result.ok) throw new Error(`set-up failed: ${result.code}`);
  return result.value;
}

before(async () => {
  const embedded = await startEmbeddedPostgres({ dataDir });
  const platform = await openPlatform({ databaseUrl: embedded.url, dataDir, publicUrl: 'http://127.0.0.1', mailFrom: 'test@localhost', logger: silentLogger });
  try {
    await platform.municipality.ensure({ name: 'Testvik kommune', logoUrl: null, primaryColour: '#1f5f8b', defaultLocale: 'nb', areas: ['Sentrum'] });
    const managerId = await platform.accounts.ensureUser({ email: 'prosess@example.no', displayName: 'Per', password: null, roles: ['process_manager'] });
    const manager: Actor = { id: managerId, roles: ['process_manager'] };
    const made = await platform.processes.ensureProcess({
      slug: 'krasj',
      status: 'published',
      title: { nb: 'Krasj' },
      summary: { nb: 'Krasjtest' },
      startsOn: null,
      endsOn: null,
      createdBy: managerId,
      phases: [
        { method: 'conversation', title: { nb: 'Samtale' }, startsOn: '2020-01-01', endsOn: '2099-12-31' },
        { method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2020-01-01', endsOn: '2099-12-31' },
        { method: 'budgeting', title: { nb: 'Avstemning' }, startsOn: '2020-01-01', endsOn: '2099-12-31' },
      ],
    });
    const [talk, ideas, budgeting] = made.phaseIds;
    conversationId = ok(await platform.conversations.setUpConversation(manager, talk ?? '', { question: 'Hva mener du?', allowAnonymous: true })).id;
    const db = platform.db;
    await sql`INSERT INTO conversation_statements (conversation_id, number, body, text_key)
      SELECT ${conversationId}, g, 'Utsagn ' || g, 'utsagn ' || g FROM generate_series(0, ${statements - 1}) g`.execute(db);
    await sql`INSERT INTO ideas (process_id, phase_id, author_id, title, body)
      SELECT ${made.id}, ${ideas}, ${managerId}, 'Idé ' || g, 'Beskrivelse av idé ' || g FROM generate_series(1, ${ideaCount}) g`.execute(db);
    ideaIds = (await db.selectFrom('ideas').select('id').orderBy('id').execute()).map((r) => r.id);
    ok(await platform.budgeting.designBallot(manager, { phaseId: budgeting ?? '', ballotKind: 'basket', maxProjects: 3, voters: 'residents', rule: 'greedy' }));
    budgetId = ok(await platform.budgeting.addBudget(manager, { phaseId: budgeting ?? '', name: 'Hele byen', locale: 'nb', area: null, amount: 1_000_000 })).id;
    for (let i = 0; i < 5; i++) {
      const { id } = ok(await platform.budgeting.createProject(manager, { phaseId: budgeting ?? '', budgetId, title: `Prosjekt ${i + 1}`, locale: 'nb', cost: 100_000 }));
      ok(await platform.budgeting.reviewProject(manager, { projectId: id, state: 'eligible' }));
      projectIds.push(id);
    }
    ballotPath = `/api/v1/phases/${budgeting}/budgeting/ballot`;
    await sql`INSERT INTO users (email, display_name, email_verified_at) SELECT 'velger' || lpad(g::text, 4, '0') || '@example.no', 'Velger ' || g, now() FROM generate_series(1, ${voters}) g`.execute(db);
    userIds = (await db.selectFrom('users').select('id').where('email', 'like', 'velger%').orderBy('email').execute()).map((r) => r.id);
    await sql`INSERT INTO resident_profiles (user_id, area, birth_year) SELECT id, 'Sentrum', 1990 FROM users WHERE email LIKE 'velger%'`.execute(db);
    const expires = new Date(Date.now() + 86_400_000);
    await db.insertInto('sessions').values(userIds.map((id, i) => ({ token_hash: sha(tokens[i] ?? ''), user_id: id, expires_at: expires }))).execute();
  } finally {
    await platform.close();
    await embedded.stop();
  }
});

/** Starts `tingsted start` on the data folder (its own embedded PostgreSQL); resolves once it listens. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'start'], { env: { ...process.env, TINGSTED_DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'info' } });
    let out = '';
    child.stderr?.resume();
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const listening = out.split('\n').find((l) => l.includes('Server listening at http://127.0.0.1'));
      if (listening && out.includes('Tingsted is running')) resolve({ child, url: (JSON.parse(listening) as { msg: string }).msg.replace('Server listening at ', '') });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was running:\n${out}`)));
  });
}

/** The PostgreSQL server's process and its children (backends, WAL writer, checkpointer …). */
function postgresProcesses(): number[] {
  const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      // The parent id is the fourth field of /proc/<pid>/stat, after the command name in parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
  return [postmaster, ...children];
}

/** Whether the process is still running (not gone, nor a zombie waiting to be reaped). */
function running(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

test('every vote, support and ballot acknowledged before a kill -9 of the server and its database is stored', async () => {
  const { child, url } = await startServer();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const acknowledged = { votes: [] as { voter: string; statement: number; vote: number }[], supports: [] as { user: string; idea: string }[], ballots: [] as { user: string; code: string; projects: string[] }[] };
  const statuses = new Map<string, number>(); // kind and status → answers
  const answered = (kind: string, status: number) => statuses.set(`${kind} ${status}`, (statuses.get(`${kind} ${status}`) ?? 0) + 1);
  let killed = false;
  let sent = 0;

  /** One lane: writes of all three kinds in turn, each by a voter and on a row nobody else writes. */
  async function lane(n: number, lanes: number) {
    for (let i = n; !killed; i += lanes) {
      const voter = i % voters;
      const round = Math.floor(i / voters);
      const cookie = `ts_session=${tokens[voter]}; ts_csrf=${csrf}`;
      sent++;
      try {
        if (i % 3 === 0) {
          const anon = `crash-voter-${voter}-${round}-abcdefghij`;
          const statement = round % statements;
          const vote = (statement % 3) - 1;
          const response = await fetch(`${url}/api/v1/conversations/${conversationId}/votes`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `ts_voter=${anon}` }, body: JSON.stringify({ statement, vote: (['disagree', 'pass', 'agree'] as const)[vote + 1] }) });
          answered('vote', response.status);
          if (response.status === 201) acknowledged.votes.push({ voter: anon, statement, vote });
        } else if (i % 3 === 1) {
          const idea = ideaIds[round % ideaIds.length] ?? '';
          const response = await fetch(`${url}/api/v1/ideas/${idea}/support`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
          answered('support', response.status);
          if (response.status === 200) acknowledged.supports.push({ user: userIds[voter] ?? '', idea });
        } else {
          const projects = [projectIds[round % 5] ?? '', projectIds[(round + 1) % 5] ?? ''];
          const response = await fetch(`${url}${ballotPath}`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ budgetId, projects }) });
          answered('ballot', response.status);
          if (response.status === 200) acknowledged.ballots.push({ user: userIds[voter] ?? '', code: ((await response.json()) as { code: string }).code, projects });
        }
      } catch {
        // The connection died with the server: this write was not acknowledged.
      }
    }
  }
  const lanes = Array.from({ length: 24 }, (_, n) => lane(n, 24));
  // Kill once a few hundred writes were acknowledged, so that many more are in flight.
  while (acknowledged.votes.length + acknowledged.supports.length + acknowledged.ballots.length < 600) await new Promise((resolve) => setTimeout(resolve, 5));
  const postgres = postgresProcesses();
  child.kill('SIGKILL');
  for (const pid of postgres) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  killed = true;
  await Promise.all(lanes);
  await exited;
  // SIGKILL is delivered at once but the processes take a moment to go. Their parent died with them, so they
  // wait as zombies until the container's init reaps them, and PostgreSQL would take the dead postmaster for a
  // live one: once every one is dead, its stale lock file goes, as an administrator would remove it.
  while (postgres.some(running)) await new Promise((resolve) => setTimeout(resolve, 50));
  for (let wait = 0; wait < 100 && postgres.some((pid) => existsSync(`/proc/${pid}`)); wait++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (postgres.some((pid) => existsSync(`/proc/${pid}`))) rmSync(join(dataDir, 'postgres', 'postmaster.pid'));
  assert.ok(sent > acknowledged.votes.length + acknowledged.supports.length + acknowledged.ballots.length, 'some writes were cut off by the kill');

  const log: string[] = [];
  const embedded = await startEmbeddedPostgres({ dataDir, onLog: (line) => log.push(line) }).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${log.join('\n')}`);
  });
  const db = createDatabase({ url: embedded.url });
  try {
    const storedVotes = await sql<{ anon_key: string; number: number; vote: number }>`
      SELECT p.anon_key, s.number, v.vote FROM conversation_votes v
      JOIN conversation_participants p ON p.id = v.participant_id JOIN conversation_statements s ON s.id = v.statement_id
      WHERE v.conversation_id = ${conversationId}`.execute(db);
    const voteOf = new Map(storedVotes.rows.map((r) => [`${r.anon_key}:${r.number}`, r.vote] as const));
    const lostVotes = acknowledged.votes.filter((v) => voteOf.get(`${sha(v.voter)}:${v.statement}`) !== v.vote);
    assert.deepEqual(lostVotes, [], `${lostVotes.length} of ${acknowledged.votes.length} acknowledged votes missing`);

    const storedSupports = new Set((await db.selectFrom('idea_supports').select(['idea_id', 'user_id']).execute()).map((r) => `${r.idea_id}:${r.user_id}`));
    const lostSupports = acknowledged.supports.filter((s) => !storedSupports.has(`${s.idea}:${s.user}`));
    assert.deepEqual(lostSupports, [], `${lostSupports.length} of ${acknowledged.supports.length} acknowledged supports missing`);
    const counts = await sql<{ id: string; support_count: number; n: number }>`
      SELECT i.id, i.support_count, (SELECT count(*)::int FROM idea_supports s WHERE s.idea_id = i.id) AS n FROM ideas i`.execute(db);
    for (const row of counts.rows) assert.equal(row.support_count, row.n, `idea ${row.id}: the count equals its supports`);
    assert.ok(counts.rows.reduce((sum, r) => sum + r.n, 0) >= acknowledged.supports.length);

    const storedBallots = new Map((await db.selectFrom('budget_ballots').select(['voter_id', 'receipt', 'projects']).where('budget_id', '=', budgetId).execute()).map((r) => [r.voter_id ?? '', r] as const));
    // A voter's ballot may have been replaced by a later one the server stored but did not get to acknowledge;
    // the last acknowledged one of each voter is stored, or a later one.
    const lastOf = new Map(acknowledged.ballots.map((b) => [b.user, b] as const));
    const lostBallots = [...lastOf.values()].filter((b) => !storedBallots.has(b.user));
    assert.deepEqual(lostBallots, [], `${lostBallots.length} of ${lastOf.size} acknowledged ballots missing`);
    const ackedCodes = new Set(acknowledged.ballots.map((b) => b.code));
    for (const b of lastOf.values()) {
      const stored = storedBallots.get(b.user);
      if (stored?.receipt !== b.code) assert.ok(!ackedCodes.has(stored?.receipt ?? ''), `voter ${b.user}: an older acknowledged ballot is stored instead of the last one`);
    }
    assert.ok(acknowledged.votes.length > 0 && acknowledged.supports.length > 0 && acknowledged.ballots.length > 0, `all three kinds were acknowledged: ${JSON.stringify([...statuses])}`);
  } finally {
    await db.destroy();
    await embedded.stop();
  }
});
