// Linear one-vs-rest classifier: L2-regularised squared-hinge SVM trained by dual coordinate descent
// (Hsieh, Chang, Lin, Keerthi & Sundararajan, ICML 2008; the LIBLINEAR solver behind scikit-learn's
// LinearSVC), with per-sample weights (class balancing and staff corrections) and a bias feature.
// Scores are turned into confidences with a softmax (single-label) or logistic (multi-label) whose
// temperature is fitted by cross-validation on the training data.

import type { SparseVector } from './sparse.ts';
import { denseDot } from './sparse.ts';
import { randomInt, type RandomSource } from '@tingsted/random';

/**
 * A trained linear model. `weights` is feature-major: the K class weights of feature f are at
 * [f·K, f·K + K), so scoring touches one cache line per feature instead of one per class.
 */
export interface LinearModel {
  classes: string[];
  dim: number;
  weights: Float32Array;
  bias: Float64Array;
}

/** Training options for {@link trainLinear}. */
export interface TrainOptions {
  /** Regularisation constant C (higher = less regularisation). Default 0.5. */
  c?: number;
  /** Maximum passes over the data. Default 60. */
  maxEpochs?: number;
  /** Stopping tolerance on the projected-gradient spread. Default 0.05. */
  tolerance?: number;
}

/**
 * Trains one binary squared-hinge SVM per class. `targets[i]` is the set of class indices example i
 * belongs to (one for single-label data); `sampleWeight[i]` multiplies C for example i.
 */
export function trainLinear(
  xs: readonly SparseVector[],
  targets: readonly (readonly number[])[],
  classes: readonly string[],
  dim: number,
  sampleWeight: Float64Array,
  rng: RandomSource,
  options: TrainOptions = {},
): LinearModel {
  const C = options.c ?? 0.5;
  const maxEpochs = options.maxEpochs ?? 60;
  const tol = options.tolerance ?? 0.05;
  const n = xs.length;
  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 1; // bias feature value 1
    const x = xs[i] as SparseVector;
    for (let k = 0; k < x.val.length; k++) s += (x.val[k] as number) ** 2;
    qd[i] = s;
  }
  const K = classes.length;
  const weights = new Float32Array(dim * K);
  const bias = new Float64Array(classes.length);
  const order = new Int32Array(n);
  for (let c = 0; c < classes.length; c++) {
    const w = new Float64Array(dim);
    let b = 0;
    const y = new Int8Array(n);
    for (let i = 0; i < n; i++) y[i] = (targets[i] as readonly number[]).includes(c) ? 1 : -1;
    const alpha = new Float64Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let epoch = 0; epoch < maxEpochs; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = randomInt(rng, i + 1);
        const t = order[i] as number;
        order[i] = order[j] as number;
        order[j] = t;
      }
      let pgMax = -Infinity;
      let pgMin = Infinity;
      for (let k = 0; k < n; k++) {
        const i = order[k] as number;
        const x = xs[i] as SparseVector;
        const yi = y[i] as number;
        const d = 1 / (2 * C * (sampleWeight[i] as number));
        const a = alpha[i] as number;
        const g = yi * (denseDot(x, w) + b) - 1 + d * a;
        const pg = a === 0 ? Math.min(g, 0) : g;
        if (pg > pgMax) pgMax = pg;
        if (pg < pgMin) pgMin = pg;
        if (Math.abs(pg) > 1e-12) {
          const na = Math.max(a - g / ((qd[i] as number) + d), 0);
          const delta = (na - a) * yi;
          alpha[i] = na;
          for (let q = 0; q < x.idx.length; q++) {
            const f = x.idx[q] as number;
            w[f] = (w[f] as number) + delta * (x.val[q] as number);
          }
          b += delta;
        }
      }
      if (pgMax - pgMin < tol) break;
    }
    for (let f = 0; f < dim; f++) if (w[f] !== 0) weights[f * K + c] = w[f] as number;
    bias[c] = b;
  }
  return { classes: classes.slice(), dim, weights, bias };
}

/** Decision values (one per class) for one vector. */
export function decision(model: LinearModel, x: SparseVector): Float64Array {
  const K = model.classes.length;
  const out = Float64Array.from(model.bias);
  const W = model.weights;
  for (let q = 0; q < x.idx.length; q++) {
    const v = x.val[q] as number;
    const base = (x.idx[q] as number) * K;
    for (let c = 0; c < K; c++) out[c] = (out[c] as number) + v * (W[base + c] as number);
  }
  return out;
}

/** Softmax of `scores * temperature`. */
export function softmax(scores: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s * temperature > max) max = s * temperature;
  const out = new Float64Array(scores.length);
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp((scores[i] as number) * temperature - max);
    out[i] = e;
    total += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / total;
  return out;
}

/**
 * Fits the temperature T that minimises the negative log-likelihood of the true classes under
 * softmax(scores·T) (or, for multi-label, of every 0/1 target under logistic(scores·T)), by
 * golden-section search on [0.1, 40].
 */
export function fitTemperature(scores: readonly Float64Array[], targets: readonly (readonly number[])[], multiLabel: boolean): number {
  const nll = (t: number): number => {
    let s = 0;
    scores.forEach((sc, i) => {
      const tg = targets[i] as readonly number[];
      if (multiLabel) {
        for (let c = 0; c < sc.length; c++) {
          const z = (sc[c] as number) * t;
          const p = 1 / (1 + Math.exp(-z));
          s -= Math.log(Math.max(1e-12, tg.includes(c) ? p : 1 - p));
        }
      } else {
        const p = softmax(sc, t);
        s -= Math.log(Math.max(1e-12, p[tg[0] as number] as number));
      }
    });
    return s;
  };
  let lo = 0.1;
  let hi = 40;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = nll(x1);
  let f2 = nll(x2);
  for (let it = 0; it < 40; it++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = nll(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = nll(x2);
    }
  }
  return (lo + hi) / 2;
}
