// Two `tingsted start` processes on one PostgreSQL and one S3-compatible bucket, as behind a load balancer:
// a session made on one works on the other, a vote on one reaches a live results stream on the other within a
// second (LISTEN/NOTIFY), each job runs once on one of them (pg-boss), an upload on one is served by the other,
// and when one is killed mid-request the other keeps serving and every write that was acknowledged is kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDemoDatabase, startTestS3 } from '@tingsted/platform/testing';
import { readConfig, ConfigError } from './config.ts';

const bin = new URL('../bin/tingsted.js', import.meta.url).pathname;

interface Server {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  readonly dataDir: string;
  /** Every line the server logged, as JSON objects. */
  readonly logs: Record<string, unknown>[];
  readonly exited: Promise<number | null>;
}

let database: Awaited<ReturnType<typeof freshDemoDatabase>>;
let s3: Awaited<ReturnType<typeof startTestS3>>;
let a: Server;
let b: Server;
let startup = '';

/** Starts `tingsted start` on a free port with the shared database and bucket; resolves once it listens. */
function startServer(name: string): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), `tingsted-${name}-`));
  chmodSync(dataDir, 0o755);
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    TINGSTED_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    S3_ENDPOINT: s3.store.endpoint,
    S3_BUCKET: s3.store.bucket,
    S3_REGION: s3.store.region,
    S3_ACCESS_KEY_ID: s3.store.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.store.secretAccessKey,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    const logs: Record<string, unknown>[] = [];
    let partial = '';
    let stderr = '';
    let url = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        try {
          logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          continue;
        }
        const msg = String(logs.at(-1)?.msg ?? '');
        if (msg.startsWith('Server listening at http://127.0.0.1')) url = msg.replace('Server listening at ', '');
        if (msg === 'Tingsted is running' && url) resolve({ name, url, child, dataDir, logs, exited });
      }
    });
    void exited.then((code) => reject(new Error(`server ${name} exited (${code}) before it was running:\n${stderr}`)));
  });
}

before(async () => {
  const started = performance.now();
  [database, s3] = await Promise.all([freshDemoDatabase(), startTestS3()]);
  const prepared = performance.now();
  // Both start at once: migrations and the job queue's schema are taken care of under PostgreSQL locks.
  [a, b] = await Promise.all([startServer('a'), startServer('b')]);
  startup = `database and bucket ready in ${Math.round(prepared - started)} ms; both servers running ${Math.round(performance.now() - prepared)} ms later`;
});

after(async () => {
  for (const server of [a, b]) {
    if (!server) continue;
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(server.dataDir, { recursive: true, force: true });
  }
  await s3?.close();
  await database?.drop();
});

/** A visitor's browser: one cookie jar, used against either server as a load balancer would send it. */
function visitor(cookies = new Map<string, string>()) {
  const call = async (server: Server, path: string, init: { method?: string; json?: unknown; signal?: AbortSignal } = {}): Promise<Response> => {
    const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const csrf = cookies.get('ts_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
    const response = await fetch(server.url + path, {
      method: init.method ?? 'GET',
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return response;
  };
  /** Another browser with a copy of this one's cookies (as someone who kept an old cookie). */
  const copy = () => visitor(new Map(cookies));
  return Object.assign(call, { copy });
}

async function signIn(server: Server, email: string) {
  const browser = visitor();
  const signedIn = await browser(server, '/api/v1/auth/sign-in', { method: 'POST', json: { email, password: 'demo-passord-2026' } });
  assert.equal(signedIn.status, 200);
  return browser;
}

let manager: Promise<ReturnType<typeof visitor>> | undefined;

/** A demo process with its phases, as its process manager sees it. */
async function processBySlug(slug: string) {
  manager ??= signIn(b, 'prosess@demo.tingsted.no');
  const found = await fetch(`${b.url}/api/v1/processes/${slug}`);
  assert.equal(found.status, 200);
  const { id } = (await found.json()) as { id: string };
  const response = await (await manager)(b, `/api/v1/processes/${id}/manage`);
  assert.equal(response.status, 200);
  return (await response.json()) as { id: string; phases: { id: string; method: string }[] };
}

async function busConversation(): Promise<string> {
  const process = await processBySlug('bussene-i-sentrum');
  const response = await fetch(`${a.url}/api/v1/phases/${process.phases[0]?.id}/conversation`);
  assert.equal(response.status, 200);
  const body = (await response.json()) as { id?: string; conversation?: { id: string } };
  const id = body.conversation?.id ?? body.id;
  assert.ok(id);
  return id;
}

/** Reads a server-sent event stream and calls `onResults` with each announced revision and when it arrived. */
async function openResultsStream(server: Server, conversationId: string, onResults: (revision: number, at: number) => void) {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/v1/conversations/${conversationId}/events`, { signal: controller.signal });
  assert.equal(response.status, 200);
  const reader = response.body?.getReader();
  assert.ok(reader);
  const decoder = new TextDecoder();
  let buffer = '';
  let first: (revision: number) => void = () => undefined;
  const initial = new Promise<number>((resolve) => (first = resolve));
  let seen = 0;
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      const events = buffer.split('\n\n');
      buffer = events.pop() ?? '';
      for (const event of events) {
        const revision = /"revision":(\d+)/.exec(event)?.[1];
        if (revision === undefined) continue;
        if (seen++ === 0) first(Number(revision));
        else onResults(Number(revision), performance.now());
      }
    }
  })();
  return { initial: await initial, close: () => controller.abort() };
}

test('a session made on one server works on the other, and signing out on one ends it on both', async (t) => {
  t.diagnostic(startup);
  const browser = await signIn(a, 'kari@demo.tingsted.no');
  const me = await browser(b, '/api/v1/me');
  assert.equal(me.status, 200);
  assert.match(JSON.stringify(await me.json()), /kari@demo\.tingsted\.no/);
  assert.equal((await browser(a, '/api/v1/me')).status, 200);
  // The sign-out clears the browser's cookie; a copy keeps it, to show that the session itself has ended.
  const kept = browser.copy();
  // A write on B with the session and CSRF cookies that A set.
  assert.equal((await browser(b, '/api/v1/auth/sign-out', { method: 'POST' })).status, 200);
  assert.equal((await kept(b, '/api/v1/me')).status, 401);
  // A remembers a session it has just seen for up to 2 s (its session cache), then asks PostgreSQL again.
  const deadline = Date.now() + 3000;
  let status = 200;
  while (status === 200 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    status = (await kept(a, '/api/v1/me')).status;
  }
  assert.equal(status, 401, 'A no longer accepts a session ended on B');
});

test('a vote on one server reaches a live results stream on the other within a second', async (t) => {
  const conversation = await busConversation();
  const latencies: number[] = [];
  // Anonymous voters, each voting on A while results streams are open on A and on B, a recompute apart. The
  // first round is not counted: a server's first recompute starts its worker thread.
  const onA: number[] = [];
  for (let round = 0; round < 4; round++) {
    const streams = await Promise.all(
      [a, b].map(async (server) => {
        let arrived: (at: number) => void = () => undefined;
        const announced = new Promise<number>((resolve) => (arrived = resolve));
        let initial = Number.POSITIVE_INFINITY;
        const stream = await openResultsStream(server, conversation, (revision, at) => {
          if (revision > initial) arrived(at);
        });
        initial = stream.initial;
        // The warm-up round waits for the worker thread to start (seconds on a loaded machine), the others 5 s.
        const wait = round === 0 ? 30_000 : 5000;
        return { announced: Promise.race([announced, new Promise<number>((r) => setTimeout(() => r(Number.POSITIVE_INFINITY), wait))]), close: stream.close };
      }),
    );
    const voter = visitor();
    const next = (await (await voter(a, `/api/v1/conversations/${conversation}/next`)).json()) as { statement: { number: number } | null };
    assert.ok(next.statement);
    const sent = performance.now();
    const vote = await voter(a, `/api/v1/conversations/${conversation}/votes`, { method: 'POST', json: { statement: next.statement.number, vote: 'agree' } });
    assert.equal(vote.status, 201);
    const [atA = 0, atB = 0] = await Promise.all(streams.map((stream) => stream.announced));
    for (const stream of streams) stream.close();
    assert.ok(Number.isFinite(atB), 'the stream on B heard of the new results');
    if (round > 0) {
      latencies.push(atB - sent);
      onA.push(atA - sent);
    }
    await new Promise((r) => setTimeout(r, 1100));
  }
  const shown = (list: number[]) => list.map((l) => Math.round(l)).join(', ');
  t.diagnostic(`results on B ${shown(latencies)} ms after each vote on A (on A itself: ${shown(onA)} ms)`);
  const median = [...latencies].sort((x, y) => x - y)[1] ?? Number.POSITIVE_INFINITY;
  assert.ok(median < 1000, `results reached B ${shown(latencies)} ms after the votes on A`);
});

test('each queued job runs exactly once, on one of the two servers', async (t) => {
  const staff = await signIn(a, 'prosess@demo.tingsted.no');
  const list = (await (await staff(a, '/api/v1/processes?status=all&pageSize=6')).json()) as { processes: { id: string }[] };
  // One analysis run for each of six processes, queued alternately on A and B while both servers' workers poll.
  const queued = await Promise.all(
    list.processes.map(async (process, i) => {
      const response = await staff(i % 2 === 0 ? a : b, `/api/v1/processes/${process.id}/analysis`, { method: 'POST' });
      return response.status === 202 ? ((await response.json()) as { runId: string }).runId : null;
    }),
  );
  const runs = queued.filter((id): id is string => id !== null);
  assert.ok(runs.length >= 4, `analysis runs queued: ${runs.length}`);
  // Wait until every run has ended (as its page would show), then for a moment more: a second run of any job
  // would show up in the logs.
  const deadline = Date.now() + 45_000;
  const ended = async () => {
    for (const [i, process] of list.processes.entries()) {
      if (queued[i] === null) continue;
      const state = (await (await staff(i % 2 === 0 ? b : a, `/api/v1/processes/${process.id}/analysis`)).json()) as { active: unknown; last: { id: string } | null };
      if (state.active !== null || state.last?.id !== queued[i]) return false;
    }
    return true;
  };
  while (!(await ended())) {
    assert.ok(Date.now() < deadline, 'every analysis run ended within 45 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  await new Promise((r) => setTimeout(r, 1500));
  const finished = [...a.logs, ...b.logs].filter((l) => l.job === 'analysis.run' && (l.msg === 'job done' || l.msg === 'job failed'));
  const ids = finished.map((l) => String(l.id));
  assert.equal(ids.length, runs.length, 'one run per queued job');
  assert.equal(new Set(ids).size, ids.length, 'no job ran twice');
  t.diagnostic(`${runs.length} jobs: ${finished.filter((l) => a.logs.includes(l)).length} ran on A, ${finished.filter((l) => b.logs.includes(l)).length} on B`);
});

test('a file uploaded on one server is downloaded from the other (the shared bucket, not local disk)', async () => {
  const staff = await signIn(a, 'prosess@demo.tingsted.no');
  const process = await processBySlug('ny-sentrumsplan');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const uploaded = await staff(a, `/api/v1/phases/${process.phases[0]?.id}/files`, {
    method: 'POST',
    json: { file: { filename: 'plan.pdf', contentType: 'application/pdf', data: pdf.toString('base64') }, locale: 'nb' },
  });
  assert.equal(uploaded.status, 201);
  const { id } = (await uploaded.json()) as { id: string };
  const served = await fetch(`${b.url}/files/${id}`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'application/pdf');
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), pdf);
  assert.equal(existsSync(join(a.dataDir, 'uploads')), false, 'nothing was written to A’s own disk');
});

test('when one server is killed mid-request the other keeps serving, and every acknowledged vote is kept', async (t) => {
  const conversation = await busConversation();
  const statements = 8;
  type Outcome = 'acknowledged' | 'refused' | 'cut' | 'unreachable';
  const voters = Array.from({ length: 12 }, () => ({ browser: visitor(), outcomes: [] as { server: string; outcome: Outcome }[] }));
  let killedAt = 0;
  // Each voter votes on every statement in turn, alternating between A and B as a round-robin balancer would.
  const voting = voters.map(async (voter, v) => {
    for (let s = 0; s < statements; s++) {
      const server = (v + s) % 2 === 0 ? a : b;
      try {
        const response = await voter.browser(server, `/api/v1/conversations/${conversation}/votes`, { method: 'POST', json: { statement: s, vote: s % 3 === 0 ? 'disagree' : 'agree' } });
        voter.outcomes.push({ server: server.name, outcome: response.status === 201 ? 'acknowledged' : 'refused' });
      } catch (error) {
        const code = String((error as { cause?: { code?: string } }).cause?.code ?? '');
        voter.outcomes.push({ server: server.name, outcome: code === 'ECONNREFUSED' ? 'unreachable' : 'cut' });
      }
    }
  });
  // Kill A once the first votes are in and more are on their way.
  const watch = (async () => {
    while (voters.reduce((n, v) => n + v.outcomes.length, 0) < 20) await new Promise((r) => setTimeout(r, 5));
    a.child.kill('SIGKILL');
    killedAt = voters.reduce((n, v) => n + v.outcomes.length, 0);
  })();
  await Promise.all([...voting, watch]);
  await a.exited;
  assert.ok(killedAt > 0 && killedAt < voters.length * statements, 'A died while votes were still being cast');

  const all = voters.flatMap((v) => v.outcomes);
  assert.deepEqual(all.filter((o) => o.server === 'b' && o.outcome !== 'acknowledged'), [], 'B answered every vote sent to it');
  const count = (server: string, outcome: Outcome) => all.filter((o) => o.server === server && o.outcome === outcome).length;
  t.diagnostic(`A: ${count('a', 'acknowledged')} acknowledged, ${count('a', 'cut')} cut off, ${count('a', 'unreachable')} refused connection; B: ${count('b', 'acknowledged')} acknowledged`);
  assert.ok(count('a', 'cut') > 0, 'A died with requests in flight');
  // Every vote that was acknowledged is in the database, whichever server acknowledged it; a vote cut off
  // mid-request may or may not have been stored, and nothing else is.
  for (const voter of voters) {
    const acknowledged = voter.outcomes.filter((o) => o.outcome === 'acknowledged').length;
    const cut = voter.outcomes.filter((o) => o.outcome === 'cut').length;
    const response = await voter.browser(b, `/api/v1/conversations/${conversation}/next`);
    assert.equal(response.status, 200);
    const { voted } = (await response.json()) as { voted: number };
    assert.ok(voted >= acknowledged && voted <= acknowledged + cut, `voted ${voted}, acknowledged ${acknowledged}, cut off ${cut}`);
  }
  const health = await fetch(`${b.url}/healthz`);
  assert.equal(health.status, 200);
});

test('S3 settings come as a set: a partial or malformed one names the setting', () => {
  assert.throws(() => readConfig({ S3_BUCKET: 'uploads' }), (e: unknown) => e instanceof ConfigError && /S3_BUCKET is set, so S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY must be set too/.test(e.message));
  const full = { S3_ENDPOINT: 'https://s3.example.no', S3_BUCKET: 'uploads', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' };
  assert.throws(() => readConfig({ ...full, S3_ENDPOINT: 's3.example.no' }), /S3_ENDPOINT must be an http or https URL/);
  assert.throws(() => readConfig({ ...full, S3_PATH_STYLE: 'yes' }), /S3_PATH_STYLE must be true or false/);
  assert.deepEqual(readConfig(full).s3, { endpoint: 'https://s3.example.no', bucket: 'uploads', region: 'us-east-1', accessKeyId: 'id', secretAccessKey: 'secret', pathStyle: true });
  assert.equal(readConfig({}).s3, undefined);
});
