import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearestNeighbours } from './knn.ts';
import { createRandom, randomFloat, randomInt } from '@tingsted/random';
import { TEXT_NAMESPACE } from './seed.ts';
import type { SparseVector } from './sparse.ts';

/** Brute force: every other row sharing a kept feature, by dot product (descending), then index. */
function bruteForce(rows: SparseVector[], m: number, maxDfRatio: number): { idx: number[]; sim: number[] }[] {
  const df = new Map<number, number>();
  for (const r of rows) for (const f of r.idx) df.set(f, (df.get(f) ?? 0) + 1);
  const cap = Math.max(200, Math.floor(maxDfRatio * rows.length));
  const keep = (f: number): boolean => (df.get(f) ?? 0) >= 2 && (df.get(f) ?? 0) <= cap;
  return rows.map((a, i) => {
    const cands: { j: number; s: number }[] = [];
    rows.forEach((b, j) => {
      if (j === i) return;
      // Products of shared kept features in increasing feature order, as the index adds them.
      let s = 0;
      let shared = false;
      let q = 0;
      for (let p = 0; p < a.idx.length; p++) {
        const f = a.idx[p] as number;
        while (q < b.idx.length && (b.idx[q] as number) < f) q++;
        if (q < b.idx.length && b.idx[q] === f && keep(f)) {
          s += (a.val[p] as number) * (b.val[q] as number);
          shared = true;
        }
      }
      if (shared) cands.push({ j, s });
    });
    cands.sort((x, y) => y.s - x.s || x.j - y.j);
    const top = cands.slice(0, m);
    return { idx: top.map((c) => c.j), sim: top.map((c) => Math.fround(c.s)) };
  });
}

test('nearest neighbours equal a brute-force search, ties by index', () => {
  const rng = createRandom('knn', TEXT_NAMESPACE);
  const rows: SparseVector[] = [];
  for (let i = 0; i < 260; i++) {
    if (i % 9 === 8) {
      // An exact copy of an earlier row: equal similarities that must be ordered by index.
      rows.push(rows[randomInt(rng, rows.length)] as SparseVector);
      continue;
    }
    // Feature 999 is in (nearly) every row: above the document-frequency cap, it is ignored.
    const fs = new Set<number>([999]);
    const k = 2 + randomInt(rng, 12);
    while (fs.size < k) fs.add(randomInt(rng, i % 5 === 0 ? 400 : 60));
    const idx = Int32Array.from([...fs].sort((a, b) => a - b));
    const val = Float32Array.from(idx, () => 0.05 + randomFloat(rng));
    rows.push({ idx, val });
  }
  for (const m of [1, 5, 40]) {
    const got = nearestNeighbours(rows, m, 0.05).map((r) => ({ idx: Array.from(r.idx), sim: Array.from(r.sim) }));
    assert.deepEqual(got, bruteForce(rows, m, 0.05), `m = ${m}`);
  }
});
