// Extractive summaries with sources, and keywords per group. Sentences are scored by cosine to the
// centroid of all sentences' TF-IDF vectors (centroid-based summarisation, Radev, Jing, Styś & Tam
// 2004) and picked greedily with maximal marginal relevance (Carbonell & Goldstein 1998) so the summary
// does not repeat itself. Every chosen sentence lists the input it came from and every input with a
// sentence saying nearly the same (cosine ≥ `supportSimilarity`). Group keywords use the weighted
// log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

import { byCodePoint } from './order.ts';
import { analyze, stemLanguageOf, tokenize, type Analyzed, type StemLanguage } from './tokenize.ts';
import { detectLanguage } from './language.ts';
import { fitVectorizer, transform } from './features.ts';
import { sparseDot, type SparseVector } from './sparse.ts';
import type { TextInput, TopicResult } from './topics.ts';

/** Options for {@link summarize}. */
export interface SummaryOptions {
  /** Number of sentences. Default 5. */
  sentences?: number;
  /** MMR trade-off between relevance and novelty (1 = relevance only). Default 0.7. */
  lambda?: number;
  /** Other inputs with a sentence at least this similar count as sources too. Default 0.5. */
  supportSimilarity?: number;
  /** Stemming language or 'auto'. Default 'auto'. */
  language?: StemLanguage | 'auto';
}

/** One summary sentence: the text, the input it was taken from, and all inputs that support it. */
export interface SummarySentence {
  text: string;
  from: string;
  sources: string[];
  score: number;
}

/** A summary. `provider` says which path produced it. */
export interface Summary {
  sentences: SummarySentence[];
  inputs: number;
  provider: string;
  warnings: string[];
}

/** Splits a text into sentences at . ! ? … followed by space, and at line breaks. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=[\p{Lu}\p{N}"«(])|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

interface Sent {
  text: string;
  input: number;
  analyzed: Analyzed;
}

function langOf(text: string, language: StemLanguage | 'auto'): StemLanguage {
  return language === 'auto' ? stemLanguageOf(detectLanguage(text).language) : language;
}

/**
 * Builds an extractive summary of the inputs. Sentences of 4–60 words are candidates; ties in score
 * are broken by input order, then position.
 */
export function summarize(inputs: readonly TextInput[], options: SummaryOptions = {}): Summary {
  const warnings: string[] = [];
  const language = options.language ?? 'auto';
  const sents: Sent[] = [];
  inputs.forEach((inp, i) => {
    if (inp.text.trim() === '') {
      warnings.push(`input "${inp.id}" has an empty text`);
      return;
    }
    const lang = langOf(inp.text, language);
    for (const s of splitSentences(inp.text)) {
      const words = tokenize(s).length;
      if (words < 4 || words > 60) continue;
      sents.push({ text: s, input: i, analyzed: analyze(s, lang) });
    }
  });
  if (sents.length === 0) return { sentences: [], inputs: inputs.length, provider: 'builtin', warnings: [...warnings, 'no sentence of 4–60 words to summarise'] };
  const vec = fitVectorizer(
    sents.map((s) => s.analyzed),
    { charNgrams: [3, 5], charWeight: 0.4, hashBits: 16, minDf: 1 },
  );
  const rows = sents.map((s) => transform(vec, s.analyzed));
  // Centroid over inputs (each input weighs the same however many sentences it has).
  const perInput = new Map<number, number>();
  for (const s of sents) perInput.set(s.input, (perInput.get(s.input) ?? 0) + 1);
  const centroid = new Map<number, number>();
  rows.forEach((r, k) => {
    const w = 1 / (perInput.get((sents[k] as Sent).input) as number);
    for (let q = 0; q < r.idx.length; q++) centroid.set(r.idx[q] as number, (centroid.get(r.idx[q] as number) ?? 0) + w * (r.val[q] as number));
  });
  const keys = [...centroid.keys()].sort((a, b) => a - b);
  let nrm = 0;
  for (const k of keys) nrm += (centroid.get(k) as number) ** 2;
  nrm = Math.sqrt(nrm) || 1;
  const c: SparseVector = { idx: Int32Array.from(keys), val: Float32Array.from(keys, (k) => (centroid.get(k) as number) / nrm) };
  const relevance = rows.map((r) => sparseDot(r, c));
  const want = Math.min(options.sentences ?? 5, sents.length);
  const lambda = options.lambda ?? 0.7;
  const chosen: number[] = [];
  const maxSim = new Float64Array(sents.length);
  for (let t = 0; t < want; t++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let k = 0; k < sents.length; k++) {
      if (chosen.includes(k)) continue;
      // A sentence nearly identical to a chosen one is already represented (as one of its sources).
      if (chosen.length > 0 && (maxSim[k] as number) >= (options.supportSimilarity ?? 0.5)) continue;
      const score = lambda * (relevance[k] as number) - (1 - lambda) * (maxSim[k] as number);
      if (score > bestScore + 1e-12) {
        bestScore = score;
        best = k;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    for (let k = 0; k < sents.length; k++) maxSim[k] = Math.max(maxSim[k] as number, sparseDot(rows[k] as SparseVector, rows[best] as SparseVector));
  }
  const support = options.supportSimilarity ?? 0.5;
  const sentences = chosen.map((k) => {
    const s = sents[k] as Sent;
    const src = new Set<number>([s.input]);
    rows.forEach((r, j) => {
      if (sparseDot(r, rows[k] as SparseVector) >= support) src.add((sents[j] as Sent).input);
    });
    return {
      text: s.text,
      from: (inputs[s.input] as TextInput).id,
      sources: [...src].sort((a, b) => a - b).map((i) => (inputs[i] as TextInput).id),
      score: Math.round((relevance[k] as number) * 1e6) / 1e6,
    };
  });
  return { sentences, inputs: inputs.length, provider: 'builtin', warnings };
}

/** Distinctive keywords of one group, each with the ids of the inputs that use it. */
export interface GroupKeywords {
  group: string;
  size: number;
  keywords: { term: string; z: number; count: number; inputs: string[] }[];
}

/**
 * Keywords per value of a metadata field (an area, an age band…): stems ranked by the z-score of the
 * log-odds ratio of the group against all other inputs, with an informative Dirichlet prior
 * (500 pseudo-counts spread in proportion to corpus frequency). Inputs without the field are left out and
 * counted in `missing`. Groups ordered by name.
 */
export function keywordsByGroup(
  inputs: readonly TextInput[],
  field: string,
  options: { top?: number; language?: StemLanguage | 'auto'; minCount?: number } = {},
): { groups: GroupKeywords[]; missing: number } {
  const language = options.language ?? 'auto';
  const top = options.top ?? 10;
  const minCount = options.minCount ?? 2;
  const docs = inputs.map((inp) => analyze(inp.text, langOf(inp.text, language)));
  const byGroup = new Map<string, number[]>();
  let missing = 0;
  inputs.forEach((inp, i) => {
    const g = inp.meta?.[field];
    if (g === undefined || g.trim() === '') {
      missing++;
      return;
    }
    const list = byGroup.get(g) ?? [];
    list.push(i);
    byGroup.set(g, list);
  });
  const total = new Map<string, number>();
  const surface = new Map<string, Map<string, number>>();
  for (const d of docs) {
    d.stems.forEach((s, j) => {
      total.set(s, (total.get(s) ?? 0) + 1);
      const m = surface.get(s) ?? new Map<string, number>();
      m.set(d.surfaces[j] as string, (m.get(d.surfaces[j] as string) ?? 0) + 1);
      surface.set(s, m);
    });
  }
  const N = [...total.values()].reduce((a, b) => a + b, 0) || 1;
  const A0 = 500;
  const show = (s: string): string => [...(surface.get(s) ?? new Map<string, number>()).entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0] ?? s;
  const groups: GroupKeywords[] = [];
  for (const g of [...byGroup.keys()].sort(byCodePoint)) {
    const members = byGroup.get(g) as number[];
    const memberSet = new Set(members);
    const cg = new Map<string, number>();
    for (const i of members) for (const s of (docs[i] as Analyzed).stems) cg.set(s, (cg.get(s) ?? 0) + 1);
    const ng = [...cg.values()].reduce((a, b) => a + b, 0);
    const nr = N - ng;
    const scored: { s: string; z: number; count: number }[] = [];
    for (const [s, yi] of cg) {
      if (yi < minCount) continue;
      const a = (A0 * (total.get(s) as number)) / N;
      const yj = (total.get(s) as number) - yi;
      const d = Math.log((yi + a) / (ng + A0 - yi - a)) - Math.log((yj + a) / (nr + A0 - yj - a));
      const v = 1 / (yi + a) + 1 / (yj + a);
      scored.push({ s, z: d / Math.sqrt(v), count: yi });
    }
    scored.sort((x, y) => y.z - x.z || (x.s < y.s ? -1 : x.s > y.s ? 1 : 0));
    groups.push({
      group: g,
      size: members.length,
      keywords: scored.slice(0, top).map(({ s, z, count }) => ({
        term: show(s),
        z: Math.round(z * 1000) / 1000,
        count,
        inputs: inputs.filter((_, i) => memberSet.has(i) && (docs[i] as Analyzed).stems.includes(s)).map((x) => x.id),
      })),
    });
  }
  return { groups, missing };
}

/**
 * One extractive summary per topic (from the topic's members, in input order) plus one for the whole
 * process. Sentences' `sources` name the inputs, as in {@link summarize}.
 */
export function summarizeTopics(
  inputs: readonly TextInput[],
  topics: TopicResult,
  options: SummaryOptions = {},
): { process: Summary; topics: { topic: string; label: string; summary: Summary }[] } {
  const byId = new Map(inputs.map((x, i) => [x.id, i]));
  return {
    process: summarize(inputs, options),
    topics: topics.topics.map((t) => {
      const members = t.members
        .map((id) => byId.get(id))
        .filter((i): i is number => i !== undefined)
        .sort((a, b) => a - b)
        .map((i) => inputs[i] as TextInput);
      return { topic: t.id, label: t.label, summary: summarize(members, options) };
    }),
  };
}
