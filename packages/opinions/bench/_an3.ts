import { applyVote, createConversation, upsertStatement } from '../src/state.ts';
import { buildMatrix } from '../src/analyze.ts';
import { sparsePca } from '../src/pca.ts';
const state = createConversation();
for (let s = 0; s < 500; s++) upsertStatement(state, { id: s, moderation: 'accepted', isMeta: false });
for (let p = 0; p < 5000; p++) for (let k = 0; k < 40; k++) {
  const s = (p * 37 + k * 11) % 500;
  const v = (p + k) % 5 === 0 ? 0 : (((s < 250) === (p % 2 === 0)) !== ((p * 7 + k * 13) % 10 === 0)) ? 1 : -1;
  applyVote(state, p, s, v as 0 | 1 | -1);
}
for (let r = 0; r < 5; r++) {
  for (let i = 0; i < 1000; i++) applyVote(state, (i * 7919 + r) % 5000, (i * 104729 + r) % 500, ([1, -1, 0] as const)[i % 3]!);
  const sm = buildMatrix(state);
  for (const tol of [1e-10, 1e-6]) {
  const t = performance.now();
  const r = sparsePca(sm.matrix, { modOut: sm.modOut, tolerance: tol });
  console.log(tol, 'iters', r.iterations, r.converged, (performance.now() - t).toFixed(0), 'ms', 'eig', r.eigenvalues.map(x => x.toFixed(2)).join(' '));
  }
}
