// The ceiling for casting conversation votes and supporting ideas on this machine, for the benchmarks
// bench/conversations.ts and bench/participation.ts: a bare node:http server with a pg pool of the platform's
// size (10) doing the database work of Tingsted's POST /api/v1/conversations/{id}/votes and POST
// /api/v1/ideas/{id}/support the plain way — each request its own transaction, committed synchronously
// (durable, as Tingsted's are now) — and nothing else: no framework, no schema validation, no logging, no
// policy checks. As in Tingsted, a session, a visitor's participant id and the statements are remembered in
// memory once read. Run in its own process: `votes-baseline.ts <database url>`; prints the port it listens on.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { serveBaseline } from './baseline-server.ts';

const [url] = process.argv.slice(2);
if (!url) throw new Error('usage: votes-baseline.ts <database url>');
const pool = new pg.Pool({ connectionString: url, max: 10 });
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const sessions = new Map<string, string | null>();
const participants = new Map<string, number>();
const statements = new Map<string, Map<number, number>>();

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, value] = part.trim().split('=');
    if (key === name) return value;
  }
  return undefined;
}

async function vote(conversationId: string, visitor: string, body: string): Promise<[number, unknown]> {
  let parsed: { statement?: unknown; vote?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return [400, { error: 'MalformedRequest' }];
  }
  const value = { agree: 1, disagree: -1, pass: 0 }[String(parsed.vote)];
  let numbers = statements.get(conversationId);
  if (!numbers) {
    const rows = await pool.query<{ id: string; number: number }>('SELECT id, number FROM conversation_statements WHERE conversation_id = $1', [conversationId]);
    numbers = new Map(rows.rows.map((r) => [r.number, Number(r.id)] as const));
    statements.set(conversationId, numbers);
  }
  const statement = numbers.get(Number(parsed.statement));
  if (statement === undefined || value === undefined) return [400, { error: 'ValidationFailed' }];
  const key = `${conversationId}:${visitor}`;
  let participant = participants.get(key);
  if (participant === undefined) {
    const anon = sha(visitor);
    const row = await pool.query<{ id: string }>(
      `WITH made AS (INSERT INTO conversation_participants (conversation_id, anon_key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id)
       SELECT id FROM made UNION ALL SELECT id FROM conversation_participants WHERE conversation_id = $1 AND anon_key = $2`,
      [conversationId, anon],
    );
    participant = Number(row.rows[0]?.id);
    participants.set(key, participant);
  }
  await pool.query(
    `INSERT INTO conversation_votes (participant_id, statement_id, conversation_id, vote) VALUES ($1, $2, $3, $4)
     ON CONFLICT (participant_id, statement_id) DO UPDATE SET vote = EXCLUDED.vote, seq = nextval('conversation_vote_seq'), voted_at = now()`,
    [participant, statement, conversationId, value],
  );
  return [201, { participant }];
}

async function support(ideaId: string, token: string): Promise<[number, unknown]> {
  const hash = sha(token);
  let user = sessions.get(hash);
  if (user === undefined) {
    const row = await pool.query<{ id: string }>('SELECT u.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now()', [hash]);
    user = row.rows[0]?.id ?? null;
    sessions.set(hash, user);
  }
  if (!user) return [401, { error: 'NotSignedIn' }];
  const result = await pool.query<{ added: number }>(
    `WITH added AS (
       INSERT INTO idea_supports (idea_id, user_id) SELECT id, $2::uuid FROM ideas WHERE id = $1 AND hidden_at IS NULL AND screening = 'published'
       ON CONFLICT (idea_id, user_id) DO NOTHING RETURNING idea_id
     ), counted AS (
       UPDATE ideas SET support_count = support_count + 1 WHERE id IN (SELECT idea_id FROM added)
     ), followed AS (
       INSERT INTO idea_follows (idea_id, user_id) SELECT idea_id, $2::uuid FROM added ON CONFLICT (idea_id, user_id) DO NOTHING
     )
     SELECT count(*)::int AS added FROM added`,
    [ideaId, user],
  );
  return result.rows[0]?.added === 1 ? [200, { ok: true }] : [409, { error: 'AlreadySupported' }];
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    };
    const voteRoute = /^\/api\/v1\/conversations\/([0-9a-f-]{36})\/votes$/.exec(request.url ?? '');
    const supportRoute = /^\/api\/v1\/ideas\/([0-9a-f-]{36})\/support$/.exec(request.url ?? '');
    let work: Promise<[number, unknown]>;
    if (request.method === 'POST' && voteRoute?.[1]) {
      const visitor = cookie(request.headers.cookie, 'ts_voter');
      if (!visitor) return send(403, { error: 'Forbidden' });
      work = vote(voteRoute[1], visitor, Buffer.concat(chunks).toString('utf8'));
    } else if (request.method === 'POST' && supportRoute?.[1]) {
      const csrf = cookie(request.headers.cookie, 'ts_csrf');
      const token = cookie(request.headers.cookie, 'ts_session');
      if (!token || !csrf || request.headers['x-csrf-token'] !== csrf) return send(403, { error: 'Forbidden' });
      work = support(supportRoute[1], token);
    } else return send(404, { error: 'NotFound' });
    work.then(
      ([status, body]) => send(status, body),
      () => send(500, { error: 'Internal' }),
    );
  });
});
serveBaseline(server, pool);
