import { syntheticProblem } from '../bench/synthetic.ts';
import { analyze } from './index.ts';
const p = syntheticProblem(1000, 50, [2, 3, 3, 4, 4, 5, 6], { kind: 'band', slack: 0.15 }, 'synth-1000');
let last = 0;
const r = await analyze(p, { timeLimitSeconds: 150, warmStartPanels: Number(process.argv[2] ?? 200), onProgress: (q) => { if (q.seconds - last > 3) { last = q.seconds; console.log(q.phase, q.seconds.toFixed(1), q.panels, q.level, q.fixedGroups, q.minProbability, q.upperBound, q.solverCalls); } } });
console.log(r.ok ? [r.minProbability, r.stats] : r.detail);
