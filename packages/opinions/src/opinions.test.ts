import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, recompute } from './analyze.ts';
import { buildMatrix } from './matrix.ts';
import { nextStatement } from './routing.ts';
import { whereDoIStand } from './stand.ts';
import { kmeans2d, silhouette, smoothK } from './cluster.ts';
import { bridgingScores } from './bridging.ts';
import { sparsePca, symmetricEigen, tridiagonalEigen } from './pca.ts';
import { createRandom } from './prng.ts';
import {
  applyVote, createConversation, getVote, moderateStatement, removeVote, upsertStatement, voteStorageBytes,
  type ConversationState, type Vote,
} from './state.ts';
import { priority, propTest, twoPropTest } from './stats.ts';
import { adjustedRandIndex } from './metrics.ts';

/** Two opinion camps voting on partisan statements, with some missing votes. */
function camps(seed: string, nA: number, nB: number, nStatements: number, density = 0.7): ConversationState {
  const rnd = createRandom(seed);
  const state = createConversation();
  for (let s = 0; s < nStatements; s++) upsertStatement(state, { id: s, moderation: 'accepted' });
  for (let p = 0; p < nA + nB; p++) {
    const camp = p < nA ? 1 : -1;
    for (let s = 0; s < nStatements; s++) {
      if (rnd() > density) continue;
      const lean = s % 2 === 0 ? camp : -camp;
      const r = rnd();
      const vote: Vote = r < 0.8 ? (lean as Vote) : r < 0.9 ? 0 : (-lean as Vote);
      applyVote(state, `p${p}`, s, vote);
    }
  }
  return state;
}

test('PRNG: same seed same sequence, different seeds differ, values in [0, 1)', () => {
  const a = createRandom('x'), b = createRandom('x'), c = createRandom('y');
  const sa = Array.from({ length: 50 }, a), sb = Array.from({ length: 50 }, b), sc = Array.from({ length: 50 }, c);
  assert.deepEqual(sa, sb);
  assert.notDeepEqual(sa, sc);
  assert.ok(sa.every((v) => v >= 0 && v < 1));
});

test('votes: a re-vote overwrites, counts follow, removal works, unknown statements are added', () => {
  const s = createConversation();
  applyVote(s, 'ann', 'q1', 1);
  applyVote(s, 'ann', 'q1', -1);
  applyVote(s, 'bob', 'q1', 0);
  assert.equal(s.nVotes, 2);
  assert.deepEqual([s.agree[0], s.disagree[0], s.pass[0]], [0, 1, 1]);
  assert.equal(getVote(s, 'ann', 'q1'), -1);
  assert.equal(removeVote(s, 'ann', 'q1'), true);
  assert.equal(getVote(s, 'ann', 'q1'), undefined);
  assert.equal(s.nVotes, 1);
  assert.equal(s.disagree[0], 0);
  assert.throws(() => applyVote(s, 'ann', 'q1', 2 as Vote));
});

test('memory grows with votes, not participants × statements', () => {
  const s = createConversation();
  for (let q = 0; q < 3000; q++) upsertStatement(s, { id: q });
  for (let p = 0; p < 3000; p++) for (let k = 0; k < 3; k++) applyVote(s, p, (p * 7 + k * 1000) % 3000, 1);
  assert.equal(s.nVotes, 9000);
  // 9 M cells would be ≥ 9 MB even at one byte each
  assert.ok(voteStorageBytes(s) < 500_000, `${voteStorageBytes(s)} bytes`);
});

test('sparse PCA equals the eigenvectors of the dense mean-imputed (and zero-filled) covariance', () => {
  const state = camps('pca', 30, 20, 12, 0.6);
  moderateStatement(state, 3, 'rejected');
  const { matrix, modOut } = buildMatrix(state);
  // Lanczos alone, and Lanczos stopped after 3 steps with block power iteration finishing the job.
  for (const [imputation, maxLanczosSteps] of [['mean', 300], ['zero', 300], ['mean', 3], ['zero', 3]] as const) {
    const r = sparsePca(matrix, { modOut, imputation, maxLanczosSteps });
    assert.ok(r.converged);
    assert.equal(r.blockIterations > 0, maxLanczosSteps === 3, 'block power iteration runs only when Lanczos has not converged');
    const n = matrix.nCols;
    // dense matrix with explicit imputation
    const dense: number[][] = Array.from({ length: matrix.nRows }, () => new Array<number>(n).fill(NaN));
    for (let i = 0; i < matrix.nRows; i++) for (let k = matrix.rowPtr[i]!; k < matrix.rowPtr[i + 1]!; k++) dense[i]![matrix.col[k]!] = matrix.val[k]!;
    const center = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) {
      const vals = dense.map((row) => row[j]!).filter((v) => !Number.isNaN(v));
      center[j] = modOut[j] ? 0 : imputation === 'mean' ? vals.reduce((a, b) => a + b, 0) / vals.length : vals.reduce((a, b) => a + b, 0) / matrix.nRows;
    }
    const filled = dense.map((row) => row.map((v, j) => (modOut[j] ? 0 : Number.isNaN(v) ? (imputation === 'mean' ? center[j]! : 0) : v) - (modOut[j] ? 0 : center[j]!)));
    const cov = new Float64Array(n * n);
    for (const row of filled) for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) cov[a * n + b]! += row[a]! * row[b]!;
    const eig = symmetricEigen(cov, n);
    for (let k = 0; k < 2; k++) {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += eig.vectors[j * n + k]! * r.comps[k]![j]!;
      assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-9, `${imputation} component ${k}: |cos| ${Math.abs(dot)}`);
      assert.ok(Math.abs(eig.values[k]! - r.eigenvalues[k]!) < 1e-8 * eig.values[0]!);
    }
    center.forEach((c, j) => assert.ok(Math.abs(c - r.center[j]!) < 1e-12));
    assert.ok(r.comps[0][3] === 0 && r.comps[1][3] === 0, 'moderated-out statement has no loading');
  }
});

test('the tridiagonal eigensolver agrees with Jacobi on the same matrix, and its last-row mode with its full mode', () => {
  const rnd = createRandom('tridiagonal');
  for (const n of [1, 2, 7, 40]) {
    const diag = Float64Array.from({ length: n }, () => rnd() * 10 - 5);
    const off = Float64Array.from({ length: n }, (_, i) => (i === 3 ? 0 : rnd() * 4 - 2)); // one split block
    const dense = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      dense[i * n + i] = diag[i]!;
      if (i + 1 < n) { dense[i * n + i + 1] = off[i]!; dense[(i + 1) * n + i] = off[i]!; }
    }
    const jacobi = symmetricEigen(dense, n);
    const full = tridiagonalEigen(diag, off, n, true);
    const last = tridiagonalEigen(diag, off, n, false);
    for (let k = 0; k < n; k++) {
      assert.ok(Math.abs(full.values[k]! - jacobi.values[k]!) < 1e-10, `n=${n} value ${k}`);
      assert.ok(Math.abs(last.values[k]! - full.values[k]!) < 1e-12);
      assert.ok(Math.abs(Math.abs(last.vectors[k]!) - Math.abs(full.vectors[(n - 1) * n + k]!)) < 1e-12);
      // T v = λ v for the full eigenvectors
      for (let i = 0; i < n; i++) {
        let tv = diag[i]! * full.vectors[i * n + k]!;
        if (i > 0) tv += off[i - 1]! * full.vectors[(i - 1) * n + k]!;
        if (i + 1 < n) tv += off[i]! * full.vectors[(i + 1) * n + k]!;
        assert.ok(Math.abs(tv - full.values[k]! * full.vectors[i * n + k]!) < 1e-10, `n=${n} residual ${k}`);
      }
    }
  }
});

test('the fixed sign rule: the largest loading of each component is positive', () => {
  const r = analyze(camps('sign', 25, 25, 10));
  for (const comp of r.pca.comps) {
    let best = 0;
    comp.forEach((v, j) => { if (Math.abs(v) > Math.abs(comp[best]!) + 1e-12) best = j; });
    assert.ok(comp[best]! > 0);
  }
});

test('k-means starts from the first distinct points and silhouette separates clear clusters', () => {
  const pts = Float64Array.from([0, 0, 0, 0, 10, 10, 0.1, 0, 10, 10.2, 5, 5]);
  const km = kmeans2d(pts, 2);
  assert.equal(km.k, 2);
  assert.equal(km.assignment[0], km.assignment[3]);
  assert.equal(km.assignment[2], km.assignment[4]);
  assert.notEqual(km.assignment[0], km.assignment[2]);
  const good = silhouette(Float64Array.from([0, 0, 0.1, 0, 9, 9, 9.1, 9]), Int32Array.from([0, 0, 1, 1]), 2);
  const bad = silhouette(Float64Array.from([0, 0, 0.1, 0, 9, 9, 9.1, 9]), Int32Array.from([0, 1, 0, 1]), 2);
  assert.ok(good > 0.9 && bad < 0);
});

test('Pol.is proportion tests reproduce the stored consensus figures (tid 81: 286 of 295)', () => {
  assert.ok(Math.abs(propTest(286, 295) - 16.158421785390882) < 1e-9);
  assert.ok(Math.abs((286 + 1) / (295 + 2) - 0.9663299663299663) < 1e-15);
  assert.equal(twoPropTest(5, 5, 5, 5), 0);
  assert.ok(twoPropTest(9, 10, 1, 10) > 3);
  assert.equal(priority(true, 0, 0, 0, 0), 49);
  assert.ok(priority(false, 0, 0, 0, 0) > priority(false, 0, 0, 50, 0), 'new statements bubble up');
});

test('two camps are found as two groups; the result is identical when recomputed', () => {
  const state = camps('groups', 40, 30, 16);
  const r1 = analyze(state);
  const r2 = analyze(state);
  assert.deepEqual(r1, r2);
  assert.equal(r1.groups.length, 2);
  const truth = r1.participants.filter((p) => p.group !== null).map((p) => (Number(String(p.id).slice(1)) < 40 ? 0 : 1));
  const got = r1.participants.filter((p) => p.group !== null).map((p) => p.group!);
  assert.ok(adjustedRandIndex(truth, got) > 0.95);
  assert.deepEqual(r1.groups.map((g) => g.id), [0, 1]);
  assert.equal(r1.groups[0]!.members.length >= r1.groups[1]!.members.length, true, 'without history, id 0 is the largest group');
});

test('group ids stay with their members across updates, even when group sizes swap', () => {
  const state = camps('stable', 30, 26, 16);
  const before = recompute(state);
  const idOf = (r: typeof before, member: string): number | null => r.participants.find((p) => p.id === member)?.group ?? null;
  const smallId = idOf(before, 'p45');
  const bigId = idOf(before, 'p1');
  assert.notEqual(smallId, bigId);
  // the smaller camp grows past the larger one
  const rnd = createRandom('newcomers');
  for (let p = 100; p < 120; p++) for (let s = 0; s < 16; s++) if (rnd() < 0.8) applyVote(state, `p${p}`, s, (s % 2 === 0 ? -1 : 1) as Vote);
  const after = recompute(state);
  assert.equal(idOf(after, 'p45'), smallId);
  assert.equal(idOf(after, 'p1'), bigId);
  // one more vote changes nothing about the names
  applyVote(state, 'p2', 0, -1);
  const again = recompute(state);
  assert.equal(idOf(again, 'p45'), smallId);
  assert.equal(idOf(again, 'p1'), bigId);
  const fresh = analyze(state);
  assert.equal(idOf(fresh, 'p45'), 0, 'without history the now-larger group would have been renamed');
});

test('incremental updates (re-votes, removals, moderation) give the same result as building from the final votes', () => {
  const a = camps('incr', 20, 15, 10);
  applyVote(a, 'p3', 1, -1);
  applyVote(a, 'p3', 1, 1);
  removeVote(a, 'p4', 2);
  applyVote(a, 'zed', 5, 1);
  moderateStatement(a, 7, 'rejected');
  const b = createConversation();
  for (let s = 0; s < 10; s++) upsertStatement(b, { id: s, moderation: s === 7 ? 'rejected' : 'accepted' });
  a.participantIds.forEach((id, p) => {
    for (let t = 0; t < a.voteLength[p]!; t++) {
      const e = a.votes[p]![t]!;
      applyVote(b, id, a.statementIds[e >> 2]!, ((e & 3) - 1) as Vote);
    }
  });
  const ra = analyze(a), rb = analyze(b);
  assert.deepEqual({ ...ra, revision: 0 }, { ...rb, revision: 0 });
  assert.ok(ra.modOut.includes(7));
});

test('whereDoIStand matches the recomputed map and moves with a new vote', () => {
  const state = camps('stand', 25, 25, 12);
  assert.equal(whereDoIStand(state, 'p1').ok, false);
  const r = recompute(state);
  for (const p of r.participants) {
    const w = whereDoIStand(state, p.id);
    assert.ok(w.ok);
    assert.ok(Math.abs(w.position[0] - p.x) < 1e-12 && Math.abs(w.position[1] - p.y) < 1e-12);
    if (p.group !== null) assert.equal(w.assignedGroup, p.group);
  }
  const w0 = whereDoIStand(state, 'newbie');
  assert.equal(w0.ok, false);
  for (let s = 0; s < 12; s += 2) applyVote(state, 'newbie', s, 1);
  const w1 = whereDoIStand(state, 'newbie');
  assert.ok(w1.ok);
  // Camp A is p0…p24; take the group of the first of them that was clustered (one who voted too little is not).
  const camp0 = r.participants.find((p) => Number(String(p.id).slice(1)) < 25 && p.group !== null)!.group;
  assert.equal(w1.nearestGroup, camp0, 'voting like camp A places you nearest camp A');
  applyVote(state, 'newbie', 1, -1);
  const w2 = whereDoIStand(state, 'newbie');
  assert.ok(w2.ok && (w2.position[0] !== w1.position[0] || w2.position[1] !== w1.position[1]));
});

test('nextStatement: never a voted or rejected statement, null when done, reproducible from the seed', () => {
  const state = camps('route', 10, 10, 8);
  moderateStatement(state, 2, 'rejected');
  recompute(state);
  upsertStatement(state, { id: 'new', moderation: 'accepted' });
  const pick = (seed: string): (string | number | null)[] => {
    const rnd = createRandom(seed);
    return Array.from({ length: 20 }, () => nextStatement(state, 'p0', rnd));
  };
  assert.deepEqual(pick('a'), pick('a'));
  const picks = pick('b');
  for (const s of picks) {
    assert.notEqual(s, 2);
    if (typeof s === 'number') assert.equal(getVote(state, 'p0', s), undefined);
  }
  for (const id of state.statementIds) if (id !== 2) applyVote(state, 'p0', id, 0);
  assert.equal(nextStatement(state, 'p0', createRandom('c')), null);
  // a brand-new participant can be routed before having voted
  assert.notEqual(nextStatement(state, 'nobody', createRandom('d')), null);
});

test('bridging: a statement agreed across camps outranks an equally popular one-camp statement', () => {
  const rnd = createRandom('bridge');
  const state = createConversation();
  const nA = 60, nB = 40;
  for (let p = 0; p < nA + nB; p++) {
    const camp = p < nA ? 1 : -1;
    for (let s = 0; s < 10; s++) {
      const r = rnd();
      applyVote(state, p, s, (r < 0.9 ? (s % 2 === 0 ? camp : -camp) : -(s % 2 === 0 ? camp : -camp)) as Vote);
    }
    // 'both': 80 % agree in each camp; 'partisan': all of camp A, half of camp B — 80 % overall as well
    applyVote(state, p, 'both', rnd() < 0.8 ? 1 : -1);
    applyVote(state, p, 'partisan', camp === 1 ? 1 : p % 2 === 0 ? 1 : -1);
  }
  const r = analyze(state);
  const score = (id: string | number): number => r.bridging.find((b) => b.statement === id)!.score;
  assert.ok(score('both') > score('partisan'), `both ${score('both')} partisan ${score('partisan')}`);
  assert.equal(r.bridging[0]!.statement, 'both');
  // the full factorisation (approximate) ranks them the same way
  const { matrix, modOut, statementCol } = buildMatrix(state);
  const init = new Float64Array(r.participants.map((p) => p.x));
  const fact = bridgingScores(matrix, init, { modOut, method: 'factorization' });
  assert.ok(fact.score[statementCol[state.statementIndex.get('both')!]!]! > fact.score[statementCol[state.statementIndex.get('partisan')!]!]!);
});

test('meta and rejected statements are out of the map, meta ones get priority 49, and a statement can be re-admitted', () => {
  const state = camps('meta', 15, 15, 8);
  upsertStatement(state, { id: 'age', moderation: 'accepted', isMeta: true });
  for (let p = 0; p < 30; p++) applyVote(state, `p${p}`, 'age', p % 2 === 0 ? 1 : -1);
  moderateStatement(state, 4, 'rejected');
  const r = analyze(state);
  assert.deepEqual(new Set(r.modOut), new Set([4, 'age']));
  const col = r.statements.indexOf('age');
  assert.equal(r.pca.comps[0][col], 0);
  assert.equal(r.priorities[col]!.priority, 49);
  assert.ok(!Object.values(r.repness).flat().some((e) => e.statement === 4 || e.statement === 'age'));
  moderateStatement(state, 4, 'accepted');
  const again = analyze(state);
  assert.deepEqual(again.modOut, ['age']);
  assert.notEqual(again.pca.comps[0][again.statements.indexOf(4)], 0);
});

test('degenerate conversations (empty, one vote, unanimous) give a valid result instead of failing', () => {
  const s = createConversation();
  const empty = analyze(s);
  assert.deepEqual([empty.nParticipants, empty.groups.length, empty.statements.length], [0, 0, 0]);
  applyVote(s, 'a', 1, 1);
  const one = analyze(s);
  assert.deepEqual([one.participants[0]!.x, one.participants[0]!.y], [0, 0]);
  for (let p = 0; p < 20; p++) for (let q = 0; q < 5; q++) applyVote(s, p, q, 1);
  const unanimous = recompute(s);
  assert.equal(unanimous.groups.length, 1, 'no spread, one group');
  assert.equal(unanimous.consensus.agree.length, 5);
  assert.ok(JSON.parse(JSON.stringify(unanimous)));
  const w = whereDoIStand(s, 3);
  assert.ok(w.ok);
});

test('the number of groups changes only after the new best k has won 4 recomputes in a row (Pol.is smoother)', () => {
  let s = smoothK(null, 2);
  assert.equal(s.smoothedK, 2);
  const seq = [3, 3, 3];
  for (const k of seq) { s = smoothK(s, k); assert.equal(s.smoothedK, 2); }
  s = smoothK(s, 3);
  assert.equal(s.smoothedK, 3);
  s = smoothK(s, 2);
  assert.equal(s.smoothedK, 3, 'one recompute preferring 2 is not enough');
  const state = camps('smooth', 20, 20, 10);
  const r1 = recompute(state);
  const r2 = recompute(state);
  assert.equal(r2.kSmoother!.lastKCount, r1.kSmoother!.lastKCount + 1);
  assert.equal(r2.groups.length, r2.kSmoother!.smoothedK);
});

test('with a previous result, a participant once in the conversation stays in', () => {
  const state = camps('sticky', 20, 20, 10);
  const first = recompute(state);
  const someone = first.participants.find((p) => p.inConv && p.votes >= 7)!;
  // remove votes until they are below the threshold
  for (let s = 0; s < 10 && (state.voteLength[state.participantIndex.get(someone.id)!]! > 3); s++) removeVote(state, someone.id, s);
  const fresh = analyze(state);
  const sticky = recompute(state);
  assert.equal(fresh.participants.find((p) => p.id === someone.id)!.inConv, false);
  assert.equal(sticky.participants.find((p) => p.id === someone.id)!.inConv, true);
});

test('the state survives structured clone (for a worker thread) and analyses identically there', () => {
  const state = camps('clone', 15, 15, 8);
  recompute(state);
  const copy = structuredClone(state);
  assert.deepEqual(analyze(copy), analyze(state));
  applyVote(copy, 'p0', 1, 0);
  assert.notEqual(copy.revision, state.revision);
});

test('a result stored as JSON works as the previous result (the platform keeps it in the database)', () => {
  const state = camps('json', 20, 15, 10);
  const first = analyze(state);
  const stored = JSON.parse(JSON.stringify(first)) as typeof first;
  assert.deepEqual(stored, first);
  applyVote(state, 'p1', 2, -1);
  assert.deepEqual(analyze(state, { previous: stored }), analyze(state, { previous: first }));
});

test('k-means with distance bounds gives exactly the assignment and centres of a plain full scan (ties: lowest index)', () => {
  // The plain algorithm the bounds must not change: every point against every centre, every iteration.
  const plain = (points: Float64Array, k: number, maxIterations: number) => {
    const n = points.length / 2;
    const init: number[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < n && init.length < 2 * k; i++) {
      const key = `${points[2 * i]},${points[2 * i + 1]}`;
      if (!seen.has(key)) { seen.add(key); init.push(points[2 * i]!, points[2 * i + 1]!); }
    }
    let centers = init;
    let assignment = new Int32Array(n).fill(-1);
    for (let it = 0; it < maxIterations; it++) {
      const next = new Int32Array(n);
      let changed = false;
      for (let i = 0; i < n; i++) {
        let best = -1, bestD = Infinity;
        for (let c = 0; c < centers.length / 2; c++) {
          const dx = points[2 * i]! - centers[2 * c]!, dy = points[2 * i + 1]! - centers[2 * c + 1]!;
          const d = dx * dx + dy * dy;
          if (d < bestD) { bestD = d; best = c; }
        }
        next[i] = best;
        if (best !== assignment[i]) changed = true;
      }
      if (!changed) break;
      const sums = new Map<number, [number, number, number]>();
      for (let i = 0; i < n; i++) {
        const s = sums.get(next[i]!) ?? [0, 0, 0];
        s[0] += points[2 * i]!; s[1] += points[2 * i + 1]!; s[2] += 1;
        sums.set(next[i]!, s);
      }
      const kept = [...sums.keys()].sort((a, b) => a - b);
      centers = kept.flatMap((c) => { const s = sums.get(c)!; return [s[0] / s[2], s[1] / s[2]]; });
      assignment = next.map((c) => kept.indexOf(c));
    }
    return { assignment: [...assignment], centers };
  };
  const rnd = createRandom('kmeans-bounds');
  for (let t = 0; t < 40; t++) {
    const n = 50 + Math.floor(rnd() * 2000);
    const pts = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      // Camps with duplicated points (identical vote rows land on one spot) and a coarse grid, so ties happen.
      const camp = Math.floor(rnd() * 3);
      pts[2 * i] = rnd() < 0.2 ? Math.round(rnd() * 4) : camp * 3 + Math.round((rnd() - 0.5) * 40) / 10;
      pts[2 * i + 1] = rnd() < 0.2 ? Math.round(rnd() * 4) : (camp % 2) * 2 + Math.round((rnd() - 0.5) * 40) / 10;
    }
    const k = [2, 5, 20, 100][t % 4]!;
    const km = kmeans2d(pts, k, undefined, 50);
    const ref = plain(pts, k, 50);
    assert.deepEqual([...km.assignment], ref.assignment, `case ${t}`);
    assert.deepEqual([...km.centers], ref.centers, `case ${t}`);
  }
});
