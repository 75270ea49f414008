// Topics found on all the inputs given: TF-IDF → document coordinates (the spectral embedding, or
// external vectors) → unit rows → spherical k-means with several restarts; inputs far from every centre
// and groups too small to stand alone go to "other"; labels are the topics' most distinctive terms.

import { analyzeAuto, type Analyzed } from './tokenize.ts';
import type { LanguageCode } from './language.ts';
import { fitVectorizer, transform, type Vectorizer } from './features.ts';
import { kBySilhouette } from './choose-k.ts';
import { dot, sphericalKMeans } from './kmeans.ts';
import { createRandom } from '@tingsted/random';
import { hashString } from './order.ts';
import { TEXT_NAMESPACE } from './seed.ts';
import { spectralEmbedding, type SpectralEmbedding } from './spectral.ts';
import type { SparseVector } from './sparse.ts';
import { corpusMean, surfaceForms, topicKeywords } from './topic-labels.ts';
import { indexPhrases, topicPhrases, type PhraseDoc } from './topic-phrases.ts';
import { cmpStr, TOPIC_FEATURES, type TextInput, type Topic, type TopicOptions, type TopicResult } from './topic-types.ts';

/** An analysed input, with the language it was analysed in. */
export type AnalyzedInput = Analyzed & { language: LanguageCode | 'none' };

/** The vectoriser and vectors {@link findTopicsOnAll} fitted (rows of the inputs with words, in order). */
export interface Fitted {
  feat?: Vectorizer;
  rows?: SparseVector[];
}

/**
 * Groups all `inputs` into topics (see the file comment and `findTopics` in topics.ts), with the
 * inputs already analysed when `preAnalyzed` is given; the vectoriser and vectors fitted are put in
 * `fitted` when it is given.
 */
export function findTopicsOnAll(inputs: readonly TextInput[], options: TopicOptions = {}, preAnalyzed?: readonly AnalyzedInput[], fitted?: Fitted): TopicResult {
  const warnings: string[] = [];
  const seed = String(options.seed ?? 'tingsted');
  const analyzed = analyzeInputs(inputs, options, preAnalyzed, warnings);
  const usable: number[] = [];
  analyzed.forEach((a, i) => {
    if (a.tokens.length === 0) warnings.push(`input "${(inputs[i] as TextInput).id}" has no words and is placed in other`);
    else usable.push(i);
  });
  const n = usable.length;
  const provider = options.vectors ? (options.provider ?? 'external') : 'builtin';
  if (n < 2) {
    warnings.push('fewer than two inputs with words: no topics');
    const kChosen = options.k !== undefined ? 'given' : options.vectors ? 'silhouette' : 'modularity';
    return { topics: [], other: inputs.map((x) => x.id), k: 0, kChosen, silhouettes: [], modularities: [], eigengaps: [], assignments: {}, provider, warnings };
  }
  const feat = fitVectorizer(
    usable.map((i) => analyzed[i] as Analyzed),
    options.features ?? TOPIC_FEATURES,
  );
  const rows: SparseVector[] = usable.map((i) => transform(feat, analyzed[i] as Analyzed));
  if (fitted) {
    fitted.feat = feat;
    fitted.rows = rows;
  }
  const idOf = (r: number): string => (inputs[usable[r] as number] as TextInput).id;
  // Inputs in the order of a hash of their ids (k-means++ seeding visits them in this order).
  const order = Int32Array.from(
    [...Array(n).keys()].sort((a, b) => {
      const ia = idOf(a);
      const ib = idOf(b);
      return hashString(ia) - hashString(ib) || cmpStr(ia, ib);
    }),
  );
  // Document coordinates: external vectors or the spectral embedding, each row scaled to unit length.
  const embedding: SpectralEmbedding = options.vectors
    ? { ...externalCoordinates(options.vectors, usable), outlier: new Uint8Array(n), graphK: 0, eigengaps: [], modularities: [] }
    : spectralEmbedding(rows, feat.terms.length, options, seed, order);
  const { X, d } = embedding;
  normaliseRows(X, n, d);
  let k: number;
  let silhouettes: { k: number; silhouette: number }[] = [];
  if (options.k !== undefined) {
    k = Math.max(1, Math.min(options.k, n));
  } else if (embedding.graphK > 0) {
    k = embedding.graphK;
  } else {
    const maxK = Math.max(2, Math.min(options.maxK ?? 20, Math.floor(Math.sqrt(n)), n - 1));
    ({ k, silhouettes } = kBySilhouette(X, n, d, maxK, order, seed));
  }
  const km = sphericalKMeans(X, n, d, k, createRandom(`${seed}:kmeans`, TEXT_NAMESPACE), options.restarts ?? 4, order);
  const sims = new Float64Array(n);
  for (let i = 0; i < n; i++) sims[i] = dot(X, i * d, km.centres, (km.assign[i] as number) * d, d);
  const { kept, other } = placeInputs(km.assign, sims, embedding.outlier, k, options);
  const phraseDocs: PhraseDoc[] = usable.map((i) => ({ tokens: (analyzed[i] as Analyzed).tokens, language: (analyzed[i] as AnalyzedInput).language ?? 'none', text: (inputs[i] as TextInput).text }));
  const topics = labelTopics(kept, rows, sims, feat, usable.map((i) => analyzed[i] as Analyzed), idOf, options, phraseDocs);
  const assignments: Record<string, string> = {};
  for (const t of topics) for (const m of t.members) assignments[m] = t.id;
  const otherIds = [...other.map(idOf), ...inputs.filter((_, i) => (analyzed[i] as Analyzed).tokens.length === 0).map((x) => x.id)].sort(cmpStr);
  for (const o of otherIds) assignments[o] = 'other';
  const kChosen = options.k !== undefined ? 'given' : embedding.graphK > 0 ? 'modularity' : 'silhouette';
  return { topics, other: otherIds, k, kChosen, silhouettes, modularities: embedding.modularities, eigengaps: embedding.eigengaps, assignments, provider, warnings };
}

/** Each input analysed (or taken from `preAnalyzed`), with a warning listing those whose language was not recognised. */
function analyzeInputs(inputs: readonly TextInput[], options: TopicOptions, preAnalyzed: readonly AnalyzedInput[] | undefined, warnings: string[]): Analyzed[] {
  const language = options.language ?? 'auto';
  const unknown: string[] = [];
  const analyzed: Analyzed[] = inputs.map((inp, i) => {
    const a = preAnalyzed?.[i] ?? analyzeAuto(inp.text, language);
    if (a.language === 'und' && inp.text.trim() !== '') unknown.push(inp.id);
    return a;
  });
  if (unknown.length > 0) {
    warnings.push(`language not recognised for ${unknown.length} input(s) (analysed without stop words or stems): ${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? ', …' : ''}`);
  }
  return analyzed;
}

/** The external vectors of the usable inputs, row-major (d columns); throws when one has the wrong length. */
function externalCoordinates(vectors: readonly (readonly number[])[], usable: readonly number[]): { X: Float64Array; d: number } {
  const d = (vectors[0] ?? []).length;
  const X = new Float64Array(usable.length * d);
  usable.forEach((i, r) => {
    const v = vectors[i] ?? [];
    if (v.length !== d) throw new Error(`vectors[${i}] has length ${v.length}, expected ${d}`);
    X.set(v, r * d);
  });
  return { X, d };
}

/** Scales each of the n rows of X (d columns) to unit length, in place (zero rows stay zero). */
function normaliseRows(X: Float64Array, n: number, d: number): void {
  for (let i = 0; i < n; i++) {
    let nrm = 0;
    for (let j = 0; j < d; j++) nrm += (X[i * d + j] as number) ** 2;
    nrm = Math.sqrt(nrm);
    if (nrm > 0) for (let j = 0; j < d; j++) X[i * d + j] = (X[i * d + j] as number) / nrm;
  }
}

/**
 * The k-means groups that stand as topics (rows in order) and the rows in "other": outliers, inputs
 * below the minimum similarity to their centre (external vectors), and groups smaller than the
 * minimum topic size.
 */
function placeInputs(assign: Int32Array, sims: Float64Array, outlier: Uint8Array, k: number, options: TopicOptions): { kept: number[][]; other: number[] } {
  const n = assign.length;
  const minSim = options.vectors ? (options.minSimilarity ?? 0.2) : -Infinity;
  const minSize = options.minTopicSize ?? Math.max(3, Math.ceil(0.01 * n));
  const groups: number[][] = Array.from({ length: k }, () => []);
  const other: number[] = [];
  for (let i = 0; i < n; i++) {
    if ((sims[i] as number) < minSim || outlier[i] === 1) other.push(i);
    else (groups[assign[i] as number] as number[]).push(i);
  }
  const kept: number[][] = [];
  for (const g of groups) {
    if (g.length >= minSize) kept.push(g);
    else other.push(...g);
  }
  return { kept, other };
}

/**
 * The topics of the kept groups: keywords and label, members by similarity to their centre (ties by
 * id), representatives, cohesion; largest first, ties by the smallest member id; ids t1, t2, ….
 */
function labelTopics(
  kept: readonly number[][], rows: readonly SparseVector[], sims: Float64Array, feat: Vectorizer, docs: readonly Analyzed[], idOf: (r: number) => string, options: TopicOptions,
  phraseDocs: readonly PhraseDoc[],
): Topic[] {
  const mean = corpusMean(rows, feat.terms.length, rows.length);
  const phraseIndex = indexPhrases(phraseDocs);
  const show = surfaceForms(docs);
  const nKeywords = options.keywords ?? 8;
  const nReps = options.representatives ?? 3;
  const topicsRaw = kept.map((g) => {
    const keywords = topicKeywords(g, rows, feat.terms, mean, show, nKeywords);
    const members = g.slice().sort((a, b) => (sims[b] as number) - (sims[a] as number) || cmpStr(idOf(a), idOf(b)));
    const cohesion = g.reduce((s, r) => s + (sims[r] as number), 0) / g.length;
    const phrases = topicPhrases(phraseIndex, phraseDocs, g, 3);
    return { keywords, phrases, members: members.map(idOf), cohesion, minId: members.map(idOf).sort(cmpStr)[0] as string };
  });
  topicsRaw.sort((a, b) => b.members.length - a.members.length || cmpStr(a.minId, b.minId));
  return topicsRaw.map((t, i) => ({
    id: `t${i + 1}`,
    label: t.phrases.length > 0 ? t.phrases.slice(0, 2).join(', ') : t.keywords.slice(0, 3).join(', '),
    phrases: t.phrases,
    keywords: t.keywords,
    size: t.members.length,
    members: t.members,
    representatives: t.members.slice(0, nReps),
    cohesion: t.cohesion,
  }));
}
