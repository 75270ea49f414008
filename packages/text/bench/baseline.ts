// Re-implementations of the analyst baselines named in the data README, run on the same splits so the
// comparison is per set and per language: TF-IDF over lower-cased word 1–2-grams (no stemming, no stop
// words, no char n-grams) + a linear SVM with squared hinge loss, C = 1, no class weights (what
// scikit-learn's LinearSVC does by default), and TF-IDF + k-means (k-means++ seeding, Lloyd
// iterations, one run). Approximations: our TF is sublinear (scikit-learn's default is raw counts);
// tokens of one character and pure numbers are dropped.
import { analyze } from '../src/tokenize.ts';
import { fitVectorizer, transform } from '../src/features.ts';
import { trainLinear, decision } from '../src/classifier.ts';
import { createRandom, randomFloat, randomInt } from '@tingsted/random';
import { TEXT_NAMESPACE } from '../src/seed.ts';
import type { SparseVector } from '../src/sparse.ts';

/** Baseline classifier predictions for `test` after training on `train`. */
export function baselineTagger(train: readonly { text: string; label: string }[], test: readonly { text: string }[]): string[] {
  const a = train.map((e) => analyze(e.text, 'none'));
  const v = fitVectorizer(a, { wordNgrams: 2, charNgrams: null });
  const xs = a.map((d) => transform(v, d));
  const classes = [...new Set(train.map((e) => e.label))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const m = trainLinear(xs, train.map((e) => [classes.indexOf(e.label)]), classes, v.dim, new Float64Array(train.length).fill(1), createRandom('baseline', TEXT_NAMESPACE), { c: 1 });
  return test.map((e) => {
    const d = decision(m, transform(v, analyze(e.text, 'none')));
    let b = 0;
    d.forEach((s, i) => {
      if (s > (d[b] as number)) b = i;
    });
    return classes[b] as string;
  });
}

/** Baseline clustering: cluster index per input from k-means on TF-IDF word 1–2-gram vectors. */
export function baselineKMeans(texts: readonly string[], k: number, seed: string): string[] {
  const a = texts.map((t) => analyze(t, 'none'));
  const v = fitVectorizer(a, { wordNgrams: 2, charNgrams: null });
  const xs: SparseVector[] = a.map((d) => transform(v, d));
  const n = xs.length;
  const D = v.dim;
  const rng = createRandom(seed, TEXT_NAMESPACE);
  const C = new Float64Array(k * D);
  const cn = new Float64Array(k);
  const sq = (i: number, c: number): number => {
    // |x|² + |c|² − 2 x·c with |x| = 1 (or 0)
    const x = xs[i] as SparseVector;
    let dot = 0;
    let xx = 0;
    for (let q = 0; q < x.idx.length; q++) {
      dot += (x.val[q] as number) * (C[c * D + (x.idx[q] as number)] as number);
      xx += (x.val[q] as number) ** 2;
    }
    return xx + (cn[c] as number) - 2 * dot;
  };
  const setCentre = (c: number, i: number): void => {
    const x = xs[i] as SparseVector;
    let s = 0;
    for (let q = 0; q < x.idx.length; q++) {
      C[c * D + (x.idx[q] as number)] = x.val[q] as number;
      s += (x.val[q] as number) ** 2;
    }
    cn[c] = s;
  };
  setCentre(0, randomInt(rng, n));
  const dist = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      dist[i] = Math.min(dist[i] as number, Math.max(0, sq(i, c - 1)));
      total += dist[i] as number;
    }
    let u = randomFloat(rng) * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      u -= dist[i] as number;
      if (u <= 0) {
        pick = i;
        break;
      }
    }
    setCentre(c, pick);
  }
  const assign = new Int32Array(n).fill(-1);
  for (let it = 0; it < 100; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bd = Infinity;
      for (let c = 0; c < k; c++) {
        const d = sq(i, c);
        if (d < bd) {
          bd = d;
          best = c;
        }
      }
      if (assign[i] !== best) {
        assign[i] = best;
        changed++;
      }
    }
    if (changed === 0) break;
    C.fill(0);
    const cnt = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = assign[i] as number;
      cnt[c] = (cnt[c] as number) + 1;
      const x = xs[i] as SparseVector;
      for (let q = 0; q < x.idx.length; q++) C[c * D + (x.idx[q] as number)] = (C[c * D + (x.idx[q] as number)] as number) + (x.val[q] as number);
    }
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let f = 0; f < D; f++) {
        const val = (C[c * D + f] as number) / Math.max(1, cnt[c] as number);
        C[c * D + f] = val;
        s += val * val;
      }
      cn[c] = s;
    }
  }
  return Array.from(assign, (c) => `c${c}`);
}
