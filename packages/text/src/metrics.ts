// Evaluation measures and a seeded stratified split, so quality claims can be re-run.

import { shuffle, type RandomSource } from '@tingsted/random';
import { byCodePoint } from './order.ts';

/** Share of positions where `predicted` equals `truth`. */
export function accuracy(truth: readonly string[], predicted: readonly string[]): number {
  if (truth.length === 0) return 0;
  let ok = 0;
  truth.forEach((t, i) => (ok += t === predicted[i] ? 1 : 0));
  return ok / truth.length;
}

/**
 * Macro-averaged F1 over the classes present in `truth` (scikit-learn's `f1_score(average='macro')`
 * with labels = the true classes; a class never predicted scores 0).
 */
export function macroF1(truth: readonly string[], predicted: readonly string[]): number {
  const classes = [...new Set(truth)].sort(byCodePoint);
  let total = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((t, i) => {
      const p = predicted[i];
      if (t === c && p === c) tp++;
      else if (p === c) fp++;
      else if (t === c) fn++;
    });
    total += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return classes.length === 0 ? 0 : total / classes.length;
}

/** Multi-label micro and macro F1 over the label sets (macro over labels occurring in truth). */
export function multiLabelF1(truth: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): { micro: number; macro: number } {
  const labels = [...new Set(truth.flat())].sort(byCodePoint);
  let TP = 0;
  let FP = 0;
  let FN = 0;
  let macro = 0;
  for (const c of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((t, i) => {
      const inT = t.includes(c);
      const inP = (predicted[i] ?? []).includes(c);
      if (inT && inP) tp++;
      else if (inP) fp++;
      else if (inT) fn++;
    });
    TP += tp;
    FP += fp;
    FN += fn;
    macro += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return { micro: TP === 0 ? 0 : (2 * TP) / (2 * TP + FP + FN), macro: labels.length ? macro / labels.length : 0 };
}

/**
 * Normalised mutual information between two labelings, arithmetic-mean normalisation (scikit-learn's
 * default `normalized_mutual_info_score`). 1 for identical partitions; 0 for independent ones.
 */
export function nmi(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  if (n === 0) return 0;
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    ca.set(x, (ca.get(x) ?? 0) + 1);
    cb.set(y, (cb.get(y) ?? 0) + 1);
    const k = `${x}\u0000${y}`;
    joint.set(k, (joint.get(k) ?? 0) + 1);
  }
  const h = (m: Map<string, number>): number => {
    let s = 0;
    for (const c of m.values()) s -= (c / n) * Math.log(c / n);
    return s;
  };
  let mi = 0;
  for (const [k, c] of joint) {
    const [x, y] = k.split('\u0000') as [string, string];
    mi += (c / n) * Math.log((c * n) / ((ca.get(x) as number) * (cb.get(y) as number)));
  }
  const ha = h(ca);
  const hb = h(cb);
  if (ha === 0 && hb === 0) return 1;
  const denom = (ha + hb) / 2;
  return denom === 0 ? 0 : Math.max(0, mi / denom);
}

/**
 * Splits indices 0..n-1 into train and test, stratified by label: each class's items are shuffled
 * with `rng` and the first round(testShare·count) go to test. Both lists are returned sorted.
 */
export function stratifiedSplit(labels: readonly string[], testShare: number, rng: RandomSource): { train: number[]; test: number[] } {
  const byClass = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byClass.get(l) ?? [];
    list.push(i);
    byClass.set(l, list);
  });
  const train: number[] = [];
  const test: number[] = [];
  for (const key of [...byClass.keys()].sort(byCodePoint)) {
    const items = shuffle(rng, byClass.get(key) as number[]);
    const k = Math.round(items.length * testShare);
    items.forEach((idx, j) => (j < k ? test : train).push(idx));
  }
  return { train: train.sort((x, y) => x - y), test: test.sort((x, y) => x - y) };
}
