// Benchmark: quality on the shared reference data (../shared/data/text) and speed on synthetic inputs.
// Prints figures and compares them with the targets in issue 9; always exits 0.
// Usage: npm run bench -w packages/text   (set BENCH_QUICK=1 to skip the 100,000-input run)

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { HAVE_DATA, DATA_DIR, loadReykjavik, loadSib, loadCycling, SIB_LANGS, type Example } from './data.ts';
import { trainTagger, suggestTags } from '../src/tags.ts';
import { findTopics } from '../src/topics.ts';
import { findDuplicates } from '../src/duplicates.ts';
import { detectLanguage } from '../src/language.ts';
import { accuracy, macroF1, multiLabelF1, nmi, stratifiedSplit } from '../src/metrics.ts';
import { createRandom, randomFloat, randomInt } from '@tingsted/random';
import { TEXT_NAMESPACE } from '../src/seed.ts';
import { baselineTagger, baselineKMeans } from './baseline.ts';

const w = (s: string): void => void process.stdout.write(s);
const f3 = (x: number): string => x.toFixed(3);
const secs = (t0: number): number => (performance.now() - t0) / 1000;
/** Runs fn and returns [result, wall seconds, CPU seconds of this process]. */
function timed<T>(fn: () => T): [T, number, number] {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = fn();
  const c = process.cpuUsage(c0);
  return [r, secs(t0), (c.user + c.system) / 1e6];
}

/**
 * Synthetic inputs: 50 words each, from a Zipf-distributed vocabulary of 200,000 pseudo-words
 * (consonant–vowel syllables, about 6 letters; natural vocabularies follow Zipf's law, so a growing
 * collection keeps bringing rare words), mixed (30 %) with one of 20 topic vocabularies of 300 words;
 * 5 % are near-copies of an earlier input with 3 words changed.
 */
function synthetic(n: number, seed: string): { id: string; text: string; label: string }[] {
  const rng = createRandom(seed, TEXT_NAMESPACE);
  const cons = 'bdfghjklmnprstv';
  const vow = 'aeiouyæøå';
  const word = (): string => {
    let s = '';
    const k = 1 + randomInt(rng, 3);
    for (let i = 0; i < k; i++) s += (cons[randomInt(rng, cons.length)] as string) + (vow[randomInt(rng, vow.length)] as string);
    if (randomFloat(rng) < 0.5) s += cons[randomInt(rng, cons.length)] as string;
    return s;
  };
  const common = Array.from({ length: 200_000 }, word);
  const topics = Array.from({ length: 20 }, () => Array.from({ length: 300 }, word));
  const zipf = (): number => Math.min(common.length - 1, Math.floor(Math.exp(randomFloat(rng) * Math.log(common.length))) - 1);
  const out: { id: string; text: string; label: string }[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 10 && randomFloat(rng) < 0.05) {
      const src = out[randomInt(rng, out.length)] as { text: string; label: string };
      const ws = src.text.split(' ');
      for (let c = 0; c < 3; c++) ws[randomInt(rng, ws.length)] = common[zipf()] as string;
      out.push({ id: `s${i}`, text: ws.join(' '), label: src.label });
      continue;
    }
    const t = randomInt(rng, topics.length);
    const ws: string[] = [];
    for (let j = 0; j < 50; j++) ws.push(randomFloat(rng) < 0.3 ? ((topics[t] as string[])[randomInt(rng, 300)] as string) : (common[zipf()] as string));
    out.push({ id: `s${i}`, text: ws.join(' '), label: `t${t}` });
  }
  return out;
}

if (process.argv.includes('--profile-child')) {
  const inputs = synthetic(10_000, 'speed');
  const t0 = performance.now();
  const which = process.argv[process.argv.indexOf('--profile-child') + 1];
  if (which === 'dup') findDuplicates(inputs);
  if (which === 'topics') findTopics(inputs, { seed: 1 });
  if (which === 'tag') {
    const r = trainTagger([], inputs.slice(0, 2000).map((e) => ({ text: e.text, tags: [e.label] })), { seed: 1, calibrate: false });
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    if (r.ok) suggestTags(r.model, inputs);
    const c2 = process.cpuUsage(c1);
    w(`tagging ${secs(t1)} s wall, ${(c2.user + c2.system) / 1e6} s cpu\n`);
  }
  w(`${which} ${secs(t0)} s\n`);
  process.exit(0);
}

if (process.argv.includes('--duplicates-child')) {
  const n = Number(process.argv[process.argv.indexOf('--duplicates-child') + 1]);
  const inputs = synthetic(n, `dup${n}`);
  const [r, s, cpu] = timed(() => findDuplicates(inputs));
  w(JSON.stringify({ n, seconds: s, cpu, pairs: r.pairs.length, candidates: r.candidates, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

function tagEval(name: string, train: Example[], test: Example[], bar: string): void {
  const t0 = performance.now();
  const r = trainTagger([], train.map((e) => ({ text: e.text, tags: [e.label] })), { seed: 1, calibrate: false });
  if (!r.ok) {
    w(`${name}: training failed: ${r.detail}\n`);
    return;
  }
  const pred = suggestTags(r.model, test).map((s) => s.tag);
  const truth = test.map((e) => e.label);
  const took = secs(t0);
  const base = baselineTagger(train, test);
  w(`  ${name.padEnd(28)} n=${String(train.length).padStart(5)}/${String(test.length).padEnd(5)} accuracy ${f3(accuracy(truth, pred))}  macro-F1 ${f3(macroF1(truth, pred))}  | baseline here: accuracy ${f3(accuracy(truth, base))} macro-F1 ${f3(macroF1(truth, base))} (README bar ${bar})  ${took.toFixed(1)} s\n`);
}

function topicEval(name: string, ex: Example[], k: number, bar: string): void {
  const t0 = performance.now();
  const given = findTopics(ex, { k, seed: 1, minSimilarity: 0, minTopicSize: 1 });
  const t1 = secs(t0);
  const auto = findTopics(ex, { seed: 1 });
  const truth = ex.map((e) => e.label);
  const nGiven = nmi(truth, ex.map((e) => given.assignments[e.id] ?? 'other'));
  const nAuto = nmi(truth, ex.map((e) => auto.assignments[e.id] ?? 'other'));
  const nBase = nmi(truth, baselineKMeans(ex.map((e) => e.text), k, 'baseline'));
  w(`  ${name.padEnd(28)} NMI k=${k}: ${f3(nGiven)}   auto k=${auto.k} (${auto.kChosen}): ${f3(nAuto)}, other ${auto.other.length}/${ex.length}  | baseline here k=${k}: ${f3(nBase)} (README bar ${bar})  ${t1.toFixed(1)} s\n`);
}

w(`# @tingsted/text benchmark — Node ${process.version}, ${new Date().toISOString()}\n\n`);
if (!HAVE_DATA) w(`shared data not found at ${DATA_DIR}: quality section skipped\n`);
else {
  const reyk = loadReykjavik();
  const split = stratifiedSplit(reyk.map((e) => e.label), 0.2, createRandom('reykjavik', TEXT_NAMESPACE));
  const rTrain = split.train.map((i) => reyk[i] as Example);
  const rTest = split.test.map((i) => reyk[i] as Example);
  const cyc = loadCycling();
  const cSplit = stratifiedSplit(cyc.map((e) => e.label), 0.2, createRandom('cycling', TEXT_NAMESPACE));
  const cTrain = cSplit.train.map((i) => cyc[i] as Example);
  const cTest = cSplit.test.map((i) => cyc[i] as Example);

  w('## Tags (single-label): held-out accuracy and macro-F1\n');
  w('Splits: Better Reykjavík and Cycling Dialogues stratified 80/20 with seeds "reykjavik"/"cycling"; SIB-200 train → dev.\n');
  tagEval('Better Reykjavík', rTrain, rTest, '0.38');
  for (const [folder, code] of Object.entries(SIB_LANGS)) tagEval(`SIB-200 ${code}`, loadSib(folder as keyof typeof SIB_LANGS, 'train'), loadSib(folder as keyof typeof SIB_LANGS, 'dev'), '0.47–0.64');
  tagEval('Cycling Dialogues (main cat.)', cTrain, cTest, 'none given');

  w('\n## Tags (multi-label): Cycling Dialogues level-1 categories, same split\n');
  {
    const t0 = performance.now();
    const r = trainTagger([], cTrain.filter((e) => e.labels.length > 0).map((e) => ({ text: e.text, tags: e.labels })), { seed: 1, multiLabel: true });
    if (r.ok) {
      const pred = suggestTags(r.model, cTest).map((s) => s.tags.map((t) => t.tag));
      const m = multiLabelF1(cTest.map((e) => e.labels), pred);
      w(`  micro-F1 ${f3(m.micro)}  macro-F1 ${f3(m.macro)}  (${cTest.length} test inputs, ${secs(t0).toFixed(1)} s)\n`);
    }
  }

  w('\n## Topics: normalised mutual information with the labels (all inputs of each set)\n');
  topicEval('Better Reykjavík', reyk, 12, '0.06–0.10');
  for (const [folder, code] of Object.entries(SIB_LANGS)) {
    const ex = [...loadSib(folder as keyof typeof SIB_LANGS, 'train'), ...loadSib(folder as keyof typeof SIB_LANGS, 'dev')];
    topicEval(`SIB-200 ${code}`, ex, 7, '0.06–0.10');
  }
  topicEval('Cycling Dialogues', cyc, 8, 'none given');

  w('\n## Duplicates: SIB-200 parallel sentences (train+dev, 5 languages, 5,020 inputs)\n');
  {
    const all: { id: string; text: string; sid: string; lang: string }[] = [];
    for (const [folder, code] of Object.entries(SIB_LANGS)) {
      for (const split of ['train', 'dev'] as const) for (const e of loadSib(folder as keyof typeof SIB_LANGS, split)) all.push({ id: `${code}:${e.id}`, text: e.text, sid: e.id, lang: code });
    }
    const bySid = new Map<string, number>();
    for (const a of all) bySid.set(a.sid, (bySid.get(a.sid) ?? 0) + 1);
    const meta = new Map(all.map((a) => [a.id, a]));
    const scand = new Set(['nb', 'nn', 'sv', 'da']);
    for (const threshold of [0.25, 0.3, 0.4, 0.5]) {
      const t0 = performance.now();
      const r = findDuplicates(all, { threshold });
      let tp = 0;
      let fp = 0;
      let tpS = 0;
      let fpS = 0;
      for (const p of r.pairs) {
        const a = meta.get(p.a) as { sid: string; lang: string };
        const b = meta.get(p.b) as { sid: string; lang: string };
        const ok = a.sid === b.sid;
        if (ok) tp++;
        else fp++;
        if (scand.has(a.lang) && scand.has(b.lang)) {
          if (ok) tpS++;
          else fpS++;
        }
      }
      const totalPairs = [...bySid.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
      const totalS = (totalPairs / 10) * 6;
      w(`  threshold ${threshold.toFixed(2)}: nb/nn/sv/da pairs P ${f3(tpS / Math.max(1, tpS + fpS))} R ${f3(tpS / totalS)}; all five languages P ${f3(tp / Math.max(1, tp + fp))} R ${f3(tp / totalPairs)}  (${secs(t0).toFixed(2)} s)\n`);
    }
  }

  w('\n## Language identification: SIB-200 dev+train (nb/nn answered "no" counted right)\n');
  for (const [folder, code] of Object.entries(SIB_LANGS)) {
    const ex = [...loadSib(folder as keyof typeof SIB_LANGS, 'train'), ...loadSib(folder as keyof typeof SIB_LANGS, 'dev')];
    const counts = new Map<string, number>();
    for (const e of ex) {
      const g = detectLanguage(e.text).language;
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    const exact = counts.get(code) ?? 0;
    const right = exact + (code === 'nb' || code === 'nn' ? (counts.get('no') ?? 0) : 0);
    w(`  ${code}: right ${f3(right / ex.length)}  exact ${f3(exact / ex.length)}  answers ${[...counts.entries()].sort((a, b) => b[1] - a[1]).map(([l, c]) => `${l}:${c}`).join(' ')}\n`);
  }
}

w('\n## Speed (synthetic inputs of 50 words; machine shared with other jobs, timings noisy)\n');
{
  const inputs = synthetic(10_000, 'speed');
  const [tr, tw, tc] = timed(() => findTopics(inputs, { seed: 1 }));
  w(`  topics, 10,000 inputs:        ${tw.toFixed(2)} s wall, ${tc.toFixed(2)} s CPU (target < 5 s)  k=${tr.k}\n`);
  const [trained, trw] = timed(() => trainTagger([], inputs.slice(0, 2000).map((e) => ({ text: e.text, tags: [e.label] })), { seed: 1, calibrate: false }));
  if (trained.ok) {
    const [, sw, sc] = timed(() => suggestTags(trained.model, inputs));
    w(`  tagging, 10,000 inputs:       ${sw.toFixed(2)} s wall, ${sc.toFixed(2)} s CPU after training on 2,000 (${trw.toFixed(1)} s) (target < 1 s)\n`);
  }
  const [d, dw, dc] = timed(() => findDuplicates(inputs));
  w(`  duplicates, 10,000 inputs:    ${dw.toFixed(2)} s wall, ${dc.toFixed(2)} s CPU (target < 2 s), ${d.pairs.length} pairs\n`);
  // Growth: each size in a fresh process; time and peak memory compared with n·log n from the smallest.
  const sizes = process.env.BENCH_QUICK ? [10_000, 25_000] : [10_000, 25_000, 50_000, 100_000];
  const self = fileURLToPath(import.meta.url);
  let first: { n: number; seconds: number; maxRssMb: number } | undefined;
  for (const n of sizes) {
    const c = spawnSync(process.execPath, ['--import', 'tsx', self, '--duplicates-child', String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    try {
      const r = JSON.parse(c.stdout) as { n: number; seconds: number; cpu: number; pairs: number; candidates: number; maxRssMb: number };
      first ??= r;
      const nlogn = (n * Math.log(n)) / (first.n * Math.log(first.n));
      w(`  duplicates, ${n.toLocaleString('en').padStart(7)} inputs (own process): ${r.seconds.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU, peak RSS ${r.maxRssMb.toFixed(0)} MB, ${r.candidates} candidates, ${r.pairs} pairs; ×${(r.seconds / first.seconds).toFixed(2)} time, ×${(r.maxRssMb / first.maxRssMb).toFixed(2)} memory vs ×${nlogn.toFixed(2)} n·log n${n === 100_000 ? ' (targets < 30 s, < 1 GB, growth ≤ n·log n)' : ''}\n`);
    } catch {
      w(`  duplicates, ${n} inputs: child failed: ${c.stderr.slice(0, 300)}\n`);
    }
  }
}
