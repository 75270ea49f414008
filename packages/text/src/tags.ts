// Tag suggestion: staff define tags (optionally with example inputs); a linear model over TF-IDF
// features (see features.ts, classifier.ts) suggests tags with a confidence for every input, and is
// retrained with staff corrections, which weigh more than the original examples and replace earlier
// answers for the same input.

import { createRandom, randomInt } from '@tingsted/random';
import { byCodePoint } from './order.ts';
import { analyzeAuto, type Analyzed, type StemLanguage } from './tokenize.ts';
import { createScorer, fitVectorizer, nonZeroRows, transform, type DocumentScorer, type FeatureOptions, type Vectorizer } from './features.ts';
import { decision, fitTemperature, softmax, trainLinear, type LinearModel } from './classifier.ts';
import { TEXT_NAMESPACE } from './seed.ts';
import type { SparseVector } from './sparse.ts';

/** A tag staff defined. `name`/`description` count as one weak example; `examples` are example texts. */
export interface TagDefinition {
  id: string;
  name?: string;
  description?: string;
  examples?: readonly string[];
}

/** One labelled input used for training. `weight` multiplies its influence (default 1). */
export interface TrainingExample {
  id?: string;
  text: string;
  tags: readonly string[];
  weight?: number;
}

/** A staff correction: the tags that input should have. */
export interface Correction {
  id: string;
  text: string;
  tags: readonly string[];
}

/** Options for {@link trainTagger}. */
export interface TaggerOptions {
  /** Several tags per input (one binary model per tag) instead of exactly one. Default false. */
  multiLabel?: boolean;
  /** Seed for the solver's visiting order and the calibration folds. Default 'tingsted'. */
  seed?: string | number;
  /** Stemming language, or 'auto' to detect it per input. Default 'auto'. */
  language?: StemLanguage | 'auto';
  /** SVM regularisation constant. Default 0.5. */
  c?: number;
  /** Weight classes inversely to their frequency (helps small tags). Default true. */
  classBalance?: boolean;
  /** Weight of a staff correction relative to an example. Default 3. */
  correctionWeight?: number;
  /** Fit the confidence temperature by 3-fold cross-validation. Default true when ≥ 30 examples. */
  calibrate?: boolean;
  /** Vectoriser options. */
  features?: FeatureOptions;
}

/** A trained tagger. Keeps its examples and corrections so it can be retrained. */
export interface TaggerModel {
  tags: string[];
  multiLabel: boolean;
  vectorizer: Vectorizer;
  linear: LinearModel;
  temperature: number;
  definitions: TagDefinition[];
  examples: TrainingExample[];
  corrections: Correction[];
  options: TaggerOptions;
  provider: 'builtin';
}

/** Result of training: the model and warnings, or why it could not be trained. */
export type TrainResult =
  | { ok: true; model: TaggerModel; warnings: string[] }
  | { ok: false; reason: 'one-tag' | 'no-examples' | 'unknown-tag'; detail: string };

/** Suggested tags for one input, most confident first. `tags` lists those at or above 0.5 in multi-label mode (at least one). */
export interface TagSuggestion {
  id: string;
  tag: string;
  confidence: number;
  tags: { tag: string; confidence: number }[];
  ranking: { tag: string; confidence: number }[];
  provider: 'builtin';
}

function analyzeWith(text: string, language: StemLanguage | 'auto'): Analyzed {
  return analyzeAuto(text, language);
}

interface Prepared {
  analyzed: Analyzed[];
  targets: number[][];
  weights: Float64Array;
}

function fit(prep: Prepared, tags: string[], options: TaggerOptions, seed: string): { vectorizer: Vectorizer; linear: LinearModel; xs: SparseVector[] } {
  const vectorizer = fitVectorizer(prep.analyzed, options.features ?? {});
  const xs = prep.analyzed.map((a) => transform(vectorizer, a));
  const linear = trainLinear(xs, prep.targets, tags, vectorizer.dim, prep.weights, createRandom(seed, TEXT_NAMESPACE), options.c === undefined ? {} : { c: options.c });
  return { vectorizer, linear, xs };
}

/**
 * Trains a tagger from tag definitions and labelled examples (either may be empty, not both). Errors:
 * fewer than two tags with any example (`one-tag`), no examples at all, an example naming a tag that
 * is not defined (when definitions are given). Warnings name tags without any example.
 */
export function trainTagger(
  definitions: readonly TagDefinition[],
  examples: readonly TrainingExample[],
  options: TaggerOptions = {},
  corrections: readonly Correction[] = [],
): TrainResult {
  const warnings: string[] = [];
  const defined = new Set(definitions.map((d) => d.id));
  const all: TrainingExample[] = [];
  for (const d of definitions) {
    const desc = [d.name, d.description].filter((s): s is string => typeof s === 'string' && s.trim() !== '').join('. ');
    if (desc) all.push({ text: desc, tags: [d.id], weight: 1 });
    for (const e of d.examples ?? []) all.push({ text: e, tags: [d.id] });
  }
  const correctedIds = new Set(corrections.map((c) => c.id));
  for (const [i, e] of examples.entries()) {
    if (e.id !== undefined && correctedIds.has(e.id)) continue;
    if (defined.size > 0) {
      const bad = e.tags.find((t) => !defined.has(t));
      if (bad !== undefined) return { ok: false, reason: 'unknown-tag', detail: `example ${e.id ?? `#${i + 1}`} has tag "${bad}", which is not defined` };
    }
    if (e.tags.length === 0) {
      warnings.push(`example ${e.id ?? `#${i + 1}`} has no tag and is ignored`);
      continue;
    }
    if (e.text.trim() === '') {
      warnings.push(`example ${e.id ?? `#${i + 1}`} has an empty text and is ignored`);
      continue;
    }
    all.push(e);
  }
  const cw = options.correctionWeight ?? 3;
  for (const c of corrections) all.push({ id: c.id, text: c.text, tags: c.tags, weight: cw });
  if (all.length === 0) return { ok: false, reason: 'no-examples', detail: 'no tag has a description or an example' };
  const used = new Set(all.flatMap((e) => e.tags));
  const tags = [...new Set([...definitions.map((d) => d.id), ...used])].sort(byCodePoint);
  for (const t of tags) if (!used.has(t)) warnings.push(`tag "${t}" has no example or description and will never be suggested`);
  const withData = tags.filter((t) => used.has(t));
  if (withData.length < 2) {
    return { ok: false, reason: 'one-tag', detail: `training needs examples of at least two tags; found only ${withData.map((t) => `"${t}"`).join(', ') || 'none'}` };
  }
  const multiLabel = options.multiLabel ?? false;
  const tagIndex = new Map(tags.map((t, i) => [t, i]));
  const targets = all.map((e) => (multiLabel ? [...new Set(e.tags)].map((t) => tagIndex.get(t) as number) : [tagIndex.get(e.tags[0] as string) as number]));
  const counts = new Float64Array(tags.length);
  for (const t of targets) for (const c of t) counts[c] = (counts[c] as number) + 1;
  const balance = options.classBalance ?? true;
  const weights = new Float64Array(all.length);
  all.forEach((e, i) => {
    let w = e.weight ?? 1;
    if (balance) {
      let m = 0;
      for (const c of targets[i] as number[]) m = Math.max(m, all.length / (withData.length * (counts[c] as number)));
      w *= m;
    }
    weights[i] = w;
  });
  const language = options.language ?? 'auto';
  const analyzed = all.map((e) => analyzeWith(e.text, language));
  const seed = String(options.seed ?? 'tingsted');
  const prep: Prepared = { analyzed, targets, weights };
  const { vectorizer, linear } = fit(prep, tags, options, seed);
  // Prepare the scorer on the examples' tokens now, so suggesting finds most tokens ready.
  scorerOf(vectorizer, linear).prepare(analyzed);
  let temperature = 1;
  if (options.calibrate ?? all.length >= 30) {
    // 3-fold cross-validation: decision values on held-out folds, then one temperature for all.
    const rng = createRandom(`${seed}:folds`, TEXT_NAMESPACE);
    const fold = all.map(() => randomInt(rng, 3));
    const scores: Float64Array[] = [];
    const tg: number[][] = [];
    for (let f = 0; f < 3; f++) {
      const tr = all.map((_, i) => i).filter((i) => fold[i] !== f);
      const te = all.map((_, i) => i).filter((i) => fold[i] === f);
      if (tr.length === 0 || te.length === 0) continue;
      const sub: Prepared = { analyzed: tr.map((i) => analyzed[i] as Analyzed), targets: tr.map((i) => targets[i] as number[]), weights: new Float64Array(tr.map((i) => weights[i] as number)) };
      const m = fit(sub, tags, options, `${seed}:${f}`);
      for (const i of te) {
        scores.push(decision(m.linear, transform(m.vectorizer, analyzed[i] as Analyzed)));
        tg.push(targets[i] as number[]);
      }
    }
    if (scores.length > 0) temperature = fitTemperature(scores, tg, multiLabel);
  }
  const model: TaggerModel = {
    tags,
    multiLabel,
    vectorizer,
    linear,
    temperature,
    definitions: definitions.slice(),
    examples: examples.slice(),
    corrections: corrections.slice(),
    options: { ...options },
    provider: 'builtin',
  };
  return { ok: true, model, warnings };
}

// One scorer per trained model (see createScorer): it keeps values per distinct token, so tokens it
// has seen cost less the next time. It is made and given the training examples' tokens when the
// model is trained, and kept for later calls while the model lives.
const scorers = new WeakMap<LinearModel, DocumentScorer>();
function scorerOf(vectorizer: Vectorizer, m: LinearModel): DocumentScorer {
  let s = scorers.get(m);
  if (s === undefined) {
    const K = m.classes.length;
    s = createScorer(vectorizer, m.weights, K, m.bias, nonZeroRows(m.weights, m.dim, K));
    scorers.set(m, s);
  }
  return s;
}

/**
 * Indices of the t largest values, largest first; equal values in index order (model.tags is sorted,
 * so ties in confidence fall back to tag order).
 */
function bestIndices(probs: Float64Array, t: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] as number;
    let k: number;
    if (best.length === t) {
      if (t === 0 || !(p > (probs[best[t - 1] as number] as number))) continue;
      k = t - 1;
    } else {
      k = best.length;
      best.push(i);
    }
    while (k > 0 && p > (probs[best[k - 1] as number] as number)) {
      best[k] = best[k - 1] as number;
      k--;
    }
    best[k] = i;
  }
  return best;
}

/**
 * Suggests tags for each input. Single-label: a softmax over tags; multi-label: an independent
 * probability per tag, `tags` = those ≥ 0.5 (or the best one if none is). `ranking` lists the `top`
 * (default 5) most confident tags. Ties in confidence are broken by tag id.
 */
export function suggestTags(model: TaggerModel, inputs: readonly { id: string; text: string }[], options: { top?: number } = {}): TagSuggestion[] {
  const language = model.options.language ?? 'auto';
  const K = model.tags.length;
  // In batches: the batch's new tokens are prepared together (see createScorer), and each input is
  // scored soon after it is analysed.
  const scorer = scorerOf(model.vectorizer, model.linear);
  const scores = new Float64Array(inputs.length * K);
  const batch = 512;
  for (let n0 = 0; n0 < inputs.length; n0 += batch) {
    const docs: Analyzed[] = [];
    for (let n = n0; n < Math.min(inputs.length, n0 + batch); n++) docs.push(analyzeWith((inputs[n] as { text: string }).text, language));
    scorer.prepare(docs);
    docs.forEach((doc, d) => scorer.score(doc, scores, (n0 + d) * K));
  }
  return inputs.map((inp, n) => {
    const d = scores.subarray(n * K, n * K + K);
    let probs: Float64Array;
    if (model.multiLabel) {
      probs = new Float64Array(K);
      for (let i = 0; i < K; i++) probs[i] = 1 / (1 + Math.exp(-(d[i] as number) * model.temperature));
    } else probs = softmax(d, model.temperature);
    const topN = Math.max(1, options.top ?? 5);
    let above = 0;
    if (model.multiLabel) for (let i = 0; i < K; i++) if ((probs[i] as number) >= 0.5) above++;
    const best = bestIndices(probs, Math.min(K, Math.max(topN, above)));
    const ranking = best.slice(0, topN).map((i) => ({ tag: model.tags[i] as string, confidence: probs[i] as number }));
    const top = ranking[0] as { tag: string; confidence: number };
    // Those at or above 0.5 are the first `above` of the ranking.
    const chosen = model.multiLabel ? best.slice(0, above).map((i) => ({ tag: model.tags[i] as string, confidence: probs[i] as number })) : [top];
    return { id: inp.id, tag: top.tag, confidence: top.confidence, tags: chosen.length > 0 ? chosen : [top], ranking, provider: 'builtin' as const };
  });
}

/**
 * Retrains the tagger with staff corrections added (weight `correctionWeight`, default 3). A newer
 * correction for the same input id replaces an older one and any example with that id.
 */
export function learnFromCorrections(model: TaggerModel, corrections: readonly Correction[]): TrainResult {
  const merged = new Map<string, Correction>();
  for (const c of [...model.corrections, ...corrections]) merged.set(c.id, c);
  const list = [...merged.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return trainTagger(model.definitions, model.examples, model.options, list);
}
