// Topic quality only: NMI of the topics with the human categories on every labelled set in
// ../shared/data/text, with k given (the number of categories) and k chosen automatically.
// Usage: node --import tsx bench/topics-nmi.ts [--only NAME] [--seed S]
import { performance } from 'node:perf_hooks';
import { HAVE_DATA, DATA_DIR, loadReykjavik, loadSib, loadCycling, SIB_LANGS, type Example } from './data.ts';
import { findTopics } from '../src/topics.ts';
import { nmi } from '../src/metrics.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const only = arg('--only');
const seed = arg('--seed') ?? '1';
const autoToo = !process.argv.includes('--given-only');
if (!HAVE_DATA) {
  process.stdout.write(`shared data not found at ${DATA_DIR}\n`);
  process.exit(0);
}
const sets: [string, () => Example[], number][] = [
  ['reykjavik', loadReykjavik, 12],
  ...Object.entries(SIB_LANGS).map(([folder, code]): [string, () => Example[], number] => [
    `sib-${code}`,
    () => [...loadSib(folder as keyof typeof SIB_LANGS, 'train'), ...loadSib(folder as keyof typeof SIB_LANGS, 'dev')],
    7,
  ]),
  ['cycling', loadCycling, 8],
];
for (const [name, load, k] of sets) {
  if (only && !name.includes(only)) continue;
  const ex = load();
  const truth = ex.map((e) => e.label);
  const t0 = performance.now();
  const given = findTopics(ex, { k, seed, minSimilarity: 0, minTopicSize: 1 });
  const t1 = (performance.now() - t0) / 1000;
  const nGiven = nmi(truth, ex.map((e) => given.assignments[e.id] ?? 'other'));
  let line = `${name.padEnd(10)} n=${String(ex.length).padStart(5)} NMI k=${k}: ${nGiven.toFixed(3)} (${t1.toFixed(1)} s)`;
  if (autoToo) {
    const auto = findTopics(ex, { seed });
    const nAuto = nmi(truth, ex.map((e) => auto.assignments[e.id] ?? 'other'));
    line += `  auto k=${auto.k}: ${nAuto.toFixed(3)} (other ${auto.other.length})`;
    line += `  labels: ${auto.topics.slice(0, 6).map((t) => t.label).join(' | ')}`;
  }
  process.stdout.write(line + '\n');
}
