import { analyze } from '../src/analyze.ts';
import { applyVote, createConversation, upsertStatement } from '../src/state.ts';
const state = createConversation();
for (let s = 0; s < 500; s++) upsertStatement(state, { id: s, moderation: 'accepted', isMeta: false });
for (let p = 0; p < 5000; p++) for (let k = 0; k < 40; k++) {
  const s = (p * 37 + k * 11) % 500;
  const v = (p + k) % 5 === 0 ? 0 : (((s < 250) === (p % 2 === 0)) !== ((p * 7 + k * 13) % 10 === 0)) ? 1 : -1;
  applyVote(state, p, s, v as 0 | 1 | -1);
}
let t = performance.now();
state.lastResult = analyze(state);
console.log('first', (performance.now() - t).toFixed(0));
for (let r = 0; r < 4; r++) {
  for (let i = 0; i < 1000; i++) applyVote(state, (i * 7919 + r) % 5000, (i * 104729 + r) % 500, ([1, -1, 0] as const)[i % 3]!);
  t = performance.now();
  const res = analyze(state, { previous: state.lastResult });
  console.log('analyze', (performance.now() - t).toFixed(0));
  state.lastResult = res;
}
