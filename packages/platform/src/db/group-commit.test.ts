import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { freshDatabase } from '../testing/database.ts';
import type { Db } from './database.ts';
import { createGroupCommit } from './group-commit.ts';

let db: Db;
let drop: () => Promise<void>;

before(async () => {
  ({ db, drop } = await freshDatabase({ migrate: false }));
  await sql`CREATE TABLE tally (k text PRIMARY KEY, v int NOT NULL CHECK (v >= 0), written_in bigint NOT NULL)`.execute(db);
});
after(async () => {
  await db.destroy();
  await drop();
});

interface Item {
  readonly k: string;
  readonly v: number;
}

/** Upserts the items in one statement; each outcome is the id of the transaction that wrote it. */
function tallies(database: Db, options: { maxBatch?: number; maxInFlight?: number } = {}) {
  return createGroupCommit<Item, number>(database, {
    ...options,
    key: (item) => item.k,
    async write(trx, items) {
      const rows = await sql<{ k: string; tx: string }>`
        INSERT INTO tally (k, v, written_in)
        SELECT k, v, txid_current() FROM unnest(${items.map((i) => i.k)}::text[], ${items.map((i) => i.v)}::int[]) AS t(k, v)
        ON CONFLICT (k) DO UPDATE SET v = excluded.v, written_in = excluded.written_in
        RETURNING k, written_in::text AS tx`.execute(trx);
      const tx = new Map(rows.rows.map((r) => [r.k, Number(r.tx)] as const));
      return items.map((i) => tx.get(i.k) ?? -1);
    },
  });
}

test('writes that arrive together share transactions, and each caller hears back after its row is stored', async () => {
  const commit = tallies(db, { maxInFlight: 1 });
  const items = Array.from({ length: 200 }, (_, i) => ({ k: `a${i}`, v: i }));
  const outcomes = await Promise.all(items.map((item) => commit.write(item)));
  // The first write starts alone; the rest queue behind it and go together.
  const transactions = new Set(outcomes);
  assert.ok(transactions.size <= 3, `${transactions.size} transactions for 200 writes`);
  const stored = await sql<{ k: string; v: number; tx: string }>`SELECT k, v, written_in::text AS tx FROM tally WHERE k LIKE 'a%'`.execute(db);
  assert.equal(stored.rows.length, 200);
  for (const row of stored.rows) assert.equal(Number(row.tx), outcomes[Number(row.k.slice(1))]);
});

test('one bad item fails only its own caller; the others in its batch are stored', async () => {
  const commit = tallies(db);
  const items = Array.from({ length: 50 }, (_, i) => ({ k: `b${i}`, v: i === 17 ? -1 : i }));
  const settled = await Promise.allSettled(items.map((item) => commit.write(item)));
  const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [i] : []));
  assert.deepEqual(failed, [17]);
  const reason = (settled[17] as PromiseRejectedResult).reason as { code?: string };
  assert.equal(reason.code, '23514', 'the check violation reaches the caller as it is');
  const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tally WHERE k LIKE 'b%'`.execute(db);
  assert.equal(stored.rows[0]?.n, 49);
});

test('two writes of one row are never in one batch, and the later one wins', async () => {
  const commit = tallies(db, { maxInFlight: 2 });
  const writes = [];
  for (let round = 0; round < 5; round++) for (let i = 0; i < 20; i++) writes.push(commit.write({ k: `c${i}`, v: round }));
  const outcomes = await Promise.all(writes);
  // Each round of one row was committed in a later transaction than the round before.
  for (let i = 0; i < 20; i++) {
    const rounds = [0, 1, 2, 3, 4].map((round) => outcomes[round * 20 + i] ?? 0);
    for (let r = 1; r < rounds.length; r++) assert.ok((rounds[r] ?? 0) > (rounds[r - 1] ?? 0), `row c${i}: rounds in transactions ${rounds.join(', ')}`);
  }
  const stored = await sql<{ v: number }>`SELECT DISTINCT v FROM tally WHERE k LIKE 'c%'`.execute(db);
  assert.deepEqual(stored.rows.map((r) => r.v), [4]);
});

test('batches stay within their size', async () => {
  const commit = tallies(db, { maxBatch: 10, maxInFlight: 1 });
  const outcomes = await Promise.all(Array.from({ length: 45 }, (_, i) => commit.write({ k: `d${i}`, v: i })));
  const sizes = new Map<number, number>();
  for (const tx of outcomes) sizes.set(tx, (sizes.get(tx) ?? 0) + 1);
  assert.ok([...sizes.values()].every((n) => n <= 10));
  assert.ok(sizes.size >= 5);
});
