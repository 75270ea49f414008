// The ceiling for casting a ballot on this machine, for the budgeting benchmark (bench/budgeting.ts): a bare
// node:http server with a pg pool of the platform's size (10) doing the same database work per ballot as
// Tingsted's PUT /api/v1/phases/{phaseId}/budgeting/ballot, and nothing else: the session and its user (with
// roles), the voter's resident profile, and the ballot upserted on (budget, voter) with a new receipt code,
// committed synchronously. The budget, its amount and its projects' costs are read once at start (Tingsted
// keeps them in a short cache too). No framework, no schema validation, no logging, no policy checks beyond
// the area and the budget limit. Run by the benchmark in its own process: `budgeting-baseline.ts <database
// url> <phase id> <budget id>`; prints the port it listens on.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { serveBaseline } from './baseline-server.ts';

const [url, phaseId, budgetId] = process.argv.slice(2);
if (!url || !phaseId || !budgetId) throw new Error('usage: budgeting-baseline.ts <database url> <phase id> <budget id>');
const pool = new pg.Pool({ connectionString: url, max: 10 });
const budget = await pool.query<{ amount: number }>('SELECT amount FROM budget_budgets WHERE id = $1 AND phase_id = $2', [budgetId, phaseId]);
const amount = budget.rows[0]?.amount ?? 0;
const costs = new Map((await pool.query<{ id: string; cost: number }>("SELECT id, cost FROM budget_projects WHERE budget_id = $1 AND review = 'eligible'", [budgetId])).rows.map((r) => [r.id, r.cost] as const));
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const path = `/api/v1/phases/${phaseId}/budgeting/ballot`;

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, value] = part.trim().split('=');
    if (key === name) return value;
  }
  return undefined;
}

async function cast(token: string, projects: string[]): Promise<[number, unknown]> {
  const session = await pool.query<{ id: string }>(
    `SELECT u.id, u.email, u.display_name, u.locale, u.email_verified_at, s.expires_at,
       coalesce((SELECT array_agg(role ORDER BY role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2`,
    [createHash('sha256').update(token).digest('hex'), new Date()],
  );
  const voter = session.rows[0]?.id;
  if (!voter) return [401, { error: 'NotSignedIn' }];
  const profile = await pool.query<{ area: string | null }>('SELECT area, birth_year FROM resident_profiles WHERE user_id = $1', [voter]);
  if (!profile.rows[0]?.area) return [422, { error: 'BallotInvalid' }];
  let total = 0;
  for (const id of projects) total += costs.get(id) ?? Infinity;
  if (new Set(projects).size !== projects.length || total > amount) return [422, { error: 'BallotInvalid' }];
  const receipt = [...randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]).join('');
  const row = await pool.query<{ id: string; updated_at: Date }>(
    `INSERT INTO budget_ballots (phase_id, budget_id, voter_id, source, projects, points, receipt, updated_at)
     VALUES ($1, $2, $3, 'online', $4, NULL, $5, $6)
     ON CONFLICT (budget_id, voter_id) DO UPDATE SET projects = excluded.projects, points = excluded.points, receipt = excluded.receipt, updated_at = excluded.updated_at
     RETURNING *`,
    [phaseId, budgetId, voter, projects, receipt, new Date()],
  );
  const stored = row.rows[0]!;
  return [200, { budgetId, code: receipt, projects: projects.map((id) => ({ id, cost: costs.get(id) })), total, castAt: stored.updated_at.toISOString() }];
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
    const csrf = cookie(request.headers.cookie, 'ts_csrf');
    const token = cookie(request.headers.cookie, 'ts_session');
    if (request.method !== 'PUT' || request.url !== path) return send(404, { error: 'NotFound' });
    if (!token || !csrf || request.headers['x-csrf-token'] !== csrf) return send(403, { error: 'Forbidden' });
    let projects: unknown;
    try {
      projects = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { projects?: unknown }).projects;
    } catch {
      return send(400, { error: 'MalformedRequest' });
    }
    if (!Array.isArray(projects) || !projects.every((p) => typeof p === 'string')) return send(400, { error: 'ValidationFailed' });
    cast(token, projects).then(
      ([status, body]) => send(status, body),
      () => send(500, { error: 'Internal' }),
    );
  });
});
serveBaseline(server, pool);
