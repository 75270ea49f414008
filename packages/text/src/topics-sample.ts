// Topics of many inputs: found on a sample, after which every other input joins the nearest topic.

import { analyzeAuto, type Analyzed } from './tokenize.ts';
import { fitVectorizer, transform, type Vectorizer } from './features.ts';
import { scoreDocuments } from './scorer.ts';
import { hashString } from './order.ts';
import type { SparseVector } from './sparse.ts';
import { findTopicsOnAll, type AnalyzedInput, type Fitted } from './topics-all.ts';
import { cmpStr, TOPIC_FEATURES, type TextInput, type Topic, type TopicOptions, type TopicResult } from './topic-types.ts';

/**
 * Large inputs: topics are found on a sample of `limit` inputs (the first in id-hash order, so the
 * sample does not depend on input order), and every other input joins the topic whose TF-IDF
 * centroid is most similar — or "other" when that similarity is below half the median similarity of
 * the sample's members to their own centroid.
 */
export function findTopicsOnSample(inputs: readonly TextInput[], options: TopicOptions, limit: number): TopicResult {
  const inSample = sampleOf(inputs, limit);
  const sampleIdx = inputs.map((_, i) => i).filter((i) => inSample[i] === 1);
  const sample = sampleIdx.map((i) => inputs[i] as TextInput);
  const language = options.language ?? 'auto';
  const analyzed = inputs.map((inp) => analyzeAuto(inp.text, language));
  const fitted: Fitted = {};
  const base = findTopicsOnAll(sample, options, sampleIdx.map((i) => analyzed[i] as AnalyzedInput), fitted);
  // When every sample input has words, the sample's vectoriser and vectors are exactly those fitted
  // for the sample's topics (same documents, same options): reuse them.
  const reuse = fitted.feat !== undefined && fitted.rows !== undefined && fitted.rows.length === sample.length;
  const feat = reuse
    ? (fitted.feat as Vectorizer)
    : fitVectorizer(
        sampleIdx.map((i) => analyzed[i] as Analyzed),
        options.features ?? TOPIC_FEATURES,
      );
  const samplePos = new Map(sampleIdx.map((i, r) => [i, r]));
  const index = new Map(inputs.map((x, i) => [x.id, i]));
  const vectorOf = (i: number): SparseVector =>
    reuse ? ((fitted.rows as SparseVector[])[samplePos.get(i) as number] as SparseVector) : transform(feat, analyzed[i] as Analyzed);
  const members = base.topics.map((t) => t.members.map((id) => index.get(id) as number));
  const cosines = centroidCosines(feat, members, vectorOf, analyzed);
  const K = base.topics.length;
  const own: number[] = [];
  const sim = new Float64Array(inputs.length);
  const topicOf = new Int32Array(inputs.length).fill(-1);
  members.forEach((rows, ti) => {
    for (const i of rows) {
      sim[i] = cosines[i * K + ti] as number;
      topicOf[i] = ti;
      own.push(sim[i] as number);
    }
  });
  own.sort((a, b) => a - b);
  const floor = 0.5 * (own[Math.floor(own.length / 2)] ?? 0);
  const other = new Set(base.other);
  inputs.forEach((inp, i) => {
    if (inSample[i] === 1) return;
    if ((analyzed[i] as Analyzed).tokens.length === 0) {
      other.add(inp.id);
      base.warnings.push(`input "${inp.id}" has no words and is placed in other`);
      return;
    }
    const { best, bs } = nearestTopic(cosines, i, K);
    if (best < 0 || bs < floor) other.add(inp.id);
    else {
      topicOf[i] = best;
      sim[i] = bs;
    }
  });
  const topics = rankTopics(base.topics, inputs, topicOf, sim, options.representatives ?? 3);
  const assignments: Record<string, string> = {};
  for (const t of topics) for (const m of t.members) assignments[m] = t.id;
  const otherIds = [...other].sort(cmpStr);
  for (const o of otherIds) assignments[o] = 'other';
  base.warnings.push(`topics found on a sample of ${limit} of ${inputs.length} inputs; the rest joined the nearest topic`);
  return { ...base, topics, other: otherIds, assignments };
}

/** The sample: 1 for each of the first `limit` inputs in the order of a hash of their ids (ties by id). */
function sampleOf(inputs: readonly TextInput[], limit: number): Uint8Array {
  const order = inputs.map((x, i) => i).sort((a, b) => {
    const ia = (inputs[a] as TextInput).id;
    const ib = (inputs[b] as TextInput).id;
    return hashString(ia) - hashString(ib) || cmpStr(ia, ib);
  });
  const inSample = new Uint8Array(inputs.length);
  for (const i of order.slice(0, limit)) inSample[i] = 1;
  return inSample;
}

/**
 * Cosine of every analysed input to the TF-IDF centroid of each topic (`members[t]`: the inputs of
 * topic t, whose vectors `vectorOf` gives): `out[i·K + t]`. The centroids are dense and stored
 * feature-major (the K values of feature f at [f·K, f·K + K)), so scoring an input touches one cache
 * line per feature; only the members are turned into vectors, and every input is scored without
 * building its vector (scoreDocuments).
 */
function centroidCosines(feat: Vectorizer, members: readonly (readonly number[])[], vectorOf: (i: number) => SparseVector, analyzed: readonly Analyzed[]): Float64Array {
  const K = members.length;
  const cent = new Float32Array(feat.dim * K);
  // A row is used when some member has the feature (vector values are positive).
  const used = new Uint8Array(feat.dim);
  members.forEach((rows, ti) => {
    for (const i of rows) {
      const r = vectorOf(i);
      for (let q = 0; q < r.idx.length; q++) {
        const f = r.idx[q] as number;
        const at = f * K + ti;
        cent[at] = (cent[at] as number) + (r.val[q] as number);
        used[f] = 1;
      }
    }
  });
  const norms = new Float64Array(K);
  for (let f = 0; f < feat.dim; f++) {
    if (used[f] === 0) continue;
    for (let c = 0; c < K; c++) norms[c] = (norms[c] as number) + (cent[f * K + c] as number) ** 2;
  }
  const all = scoreDocuments(feat, analyzed, cent, K, new Float64Array(K), used);
  for (let i = 0; i < analyzed.length; i++) for (let c = 0; c < K; c++) all[i * K + c] = (all[i * K + c] as number) / (Math.sqrt(norms[c] as number) || 1);
  return all;
}

/** The topic with the largest cosine for input i (the first on ties; −1 when there is none) and that cosine. */
function nearestTopic(cosines: Float64Array, i: number, K: number): { best: number; bs: number } {
  let best = -1;
  let bs = -Infinity;
  for (let ti = 0; ti < K; ti++) {
    const c = cosines[i * K + ti] as number;
    if (c > bs) {
      bs = c;
      best = ti;
    }
  }
  return { best, bs };
}

/**
 * The sample's topics with every input that joined them: members by similarity (ties by id), largest
 * topic first (ties by the smallest member id), renumbered t1, t2, …, with new representatives and
 * cohesion.
 */
function rankTopics(sampleTopics: readonly Topic[], inputs: readonly TextInput[], topicOf: Int32Array, sim: Float64Array, nReps: number): Topic[] {
  const groups = sampleTopics.map((t, ti) => ({ t, members: inputs.map((_, i) => i).filter((i) => topicOf[i] === ti) }));
  const ranked = groups
    .map(({ t, members }) => {
      const sorted = members.sort((a, b) => (sim[b] as number) - (sim[a] as number) || cmpStr((inputs[a] as TextInput).id, (inputs[b] as TextInput).id)).map((i) => (inputs[i] as TextInput).id);
      return { t, ids: sorted, minId: sorted.slice().sort(cmpStr)[0] as string, cohesion: members.reduce((acc, i) => acc + (sim[i] as number), 0) / Math.max(1, members.length) };
    })
    .sort((a, b) => b.ids.length - a.ids.length || cmpStr(a.minId, b.minId));
  return ranked.map((r, i) => ({ ...r.t, id: `t${i + 1}`, size: r.ids.length, members: r.ids, representatives: r.ids.slice(0, nReps), cohesion: r.cohesion }));
}
