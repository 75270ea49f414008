// One visitor flooding a conversation with votes is answered 429 with a translated message and a Retry-After,
// while every other visitor's votes cast during the flood are stored.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from './testing/server.ts';

let server: TestServer;
let conversationId = '';
const statements = 5;

before(async () => {
  server = await startTestServer({ web: false });
  const platform = server.platform;
  const managerId = (await platform.db.selectFrom('users').select('id').where('email', '=', 'prosess@demo.tingsted.no').executeTakeFirstOrThrow()).id;
  const made = await platform.processes.ensureProcess({
    slug: 'flom',
    status: 'published',
    title: { nb: 'Flom' },
    summary: { nb: 'Flomtest' },
    startsOn: null,
    endsOn: null,
    createdBy: managerId,
    phases: [{ method: 'conversation', title: { nb: 'Samtale' }, startsOn: '2020-01-01', endsOn: '2099-12-31' }],
  });
  const set = await platform.conversations.setUpConversation({ id: managerId, roles: ['process_manager'] }, made.phaseIds[0] ?? '', { question: 'Hva mener du?', allowAnonymous: true });
  assert.ok(set.ok);
  conversationId = set.value.id;
  await sql`INSERT INTO conversation_statements (conversation_id, number, body, text_key)
    SELECT ${conversationId}, g, 'Utsagn ' || g, 'utsagn ' || g FROM generate_series(0, ${statements - 1}) g`.execute(platform.db);
});
after(async () => server.close());

function vote(visitor: string, statement: number, value: 'agree' | 'disagree' | 'pass') {
  return fetch(`${server.url}/api/v1/conversations/${conversationId}/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'nb', cookie: `ts_voter=${visitor}` },
    body: JSON.stringify({ statement, vote: value }),
  });
}

test('a visitor over the flood limit gets 429 with a translated message; the others lose no vote', async () => {
  const flooder = 'flooding-visitor-token-0000000001';
  const others = Array.from({ length: 40 }, (_, i) => `honest-visitor-token-${String(i).padStart(8, '0')}`);
  const values = ['agree', 'disagree', 'pass'] as const;
  const started = performance.now();
  const flooding = Promise.all(Array.from({ length: 300 }, (_, i) => vote(flooder, i % statements, values[i % 3] ?? 'pass'))).then((answers) => {
    elapsed = (performance.now() - started) / 1000;
    return answers;
  });
  let elapsed = 0;
  const [flood, honest] = await Promise.all([
    flooding,
    Promise.all(others.flatMap((visitor, v) => [0, 1, 2].map((statement) => vote(visitor, statement, values[(v + statement) % 3] ?? 'pass')))),
  ]);

  const accepted = flood.filter((r) => r.status === 201).length;
  const limited = flood.filter((r) => r.status === 429);
  // A burst of 60, plus what the bucket refilled (10 a second) while the flood lasted (long on a busy machine).
  assert.ok(accepted >= 60 && accepted <= 60 + Math.ceil(10 * elapsed), `${accepted} of the flood accepted in ${elapsed.toFixed(1)} s`);
  assert.ok(limited.length > 0, 'some of the flood was refused');
  assert.equal(accepted + limited.length, 300, 'every other answer is 429');
  const body = (await limited[0]?.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'RateLimited');
  assert.match(body.error.message, /^For mange forsøk\. Prøv igjen om \d+ sekunder\.$/);
  assert.match(limited[0]?.headers.get('retry-after') ?? '', /^\d+$/);

  assert.deepEqual([...new Set(honest.map((r) => r.status))], [201], 'every honest vote was accepted');
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const stored = await sql<{ anon_key: string; number: number; vote: number }>`
    SELECT p.anon_key, s.number, v.vote FROM conversation_votes v
    JOIN conversation_participants p ON p.id = v.participant_id JOIN conversation_statements s ON s.id = v.statement_id
    WHERE v.conversation_id = ${conversationId} AND p.anon_key <> ${sha(flooder)}`.execute(server.platform.db);
  const byKey = new Map(stored.rows.map((r) => [`${r.anon_key}:${r.number}`, r.vote] as const));
  assert.equal(stored.rows.length, others.length * 3);
  const numeric = { agree: 1, disagree: -1, pass: 0 } as const;
  others.forEach((visitor, v) => {
    for (const statement of [0, 1, 2]) assert.equal(byKey.get(`${sha(visitor)}:${statement}`), numeric[values[(v + statement) % 3] ?? 'pass'], `${visitor} on ${statement}`);
  });

  // Once the bucket has refilled, the flooder may vote again.
  await new Promise((resolve) => setTimeout(resolve, 1200));
  assert.equal((await vote(flooder, 0, 'agree')).status, 201);
});
