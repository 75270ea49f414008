// Topic labels: a topic's most distinctive terms (class-based TF-IDF: the topic's mean weight minus the
// corpus mean), each stem shown as its most frequent surface word.

import type { Analyzed } from './tokenize.ts';
import type { SparseVector } from './sparse.ts';
import { cmpStr } from './topic-types.ts';

/** Mean weight of each of the V word features over the n rows. */
export function corpusMean(rows: readonly SparseVector[], V: number, n: number): Float64Array {
  const mean = new Float64Array(V);
  for (const r of rows) for (let q = 0; q < r.idx.length; q++) if ((r.idx[q] as number) < V) mean[r.idx[q] as number] = (mean[r.idx[q] as number] as number) + (r.val[q] as number) / n;
  return mean;
}

/**
 * A function that shows a term (a stem or "stem stem") in words: each stem as its most frequent
 * surface form in `docs` (ties: first in code-point order), or the stem itself when never seen.
 */
export function surfaceForms(docs: readonly Analyzed[]): (term: string) => string {
  const surface = new Map<string, Map<string, number>>();
  for (const a of docs) {
    a.stems.forEach((s, j) => {
      const m = surface.get(s) ?? new Map<string, number>();
      const w = a.surfaces[j] as string;
      m.set(w, (m.get(w) ?? 0) + 1);
      surface.set(s, m);
    });
  }
  return (term: string): string =>
    term
      .split(' ')
      .map((s) => {
        const m = surface.get(s);
        if (!m) return s;
        return [...m.entries()].sort((x, y) => y[1] - x[1] || cmpStr(x[0], y[0]))[0]?.[0] ?? s;
      })
      .join(' ');
}

/**
 * The `count` keywords of the topic whose members are the rows `group`: word features by the topic's
 * mean weight minus `mean` (highest first, ties by feature index), shown with `show`; a stem already
 * used (alone or in a pair) is not repeated alone, and no shown keyword twice.
 */
export function topicKeywords(
  group: readonly number[], rows: readonly SparseVector[], terms: readonly string[], mean: Float64Array, show: (term: string) => string, count: number,
): string[] {
  const V = terms.length;
  const own = new Float64Array(V);
  for (const r of group) {
    const row = rows[r] as SparseVector;
    for (let q = 0; q < row.idx.length; q++) if ((row.idx[q] as number) < V) own[row.idx[q] as number] = (own[row.idx[q] as number] as number) + (row.val[q] as number) / group.length;
  }
  const scored: { t: number; s: number }[] = [];
  for (let t = 0; t < V; t++) if ((own[t] as number) > 0) scored.push({ t, s: (own[t] as number) - (mean[t] as number) });
  scored.sort((a, b) => b.s - a.s || a.t - b.t);
  const keywords: string[] = [];
  const usedStems = new Set<string>();
  for (const { t } of scored) {
    const term = terms[t] as string;
    const parts = term.split(' ');
    if (parts.length === 1 && usedStems.has(term)) continue;
    const shown = show(term);
    if (keywords.includes(shown)) continue;
    keywords.push(shown);
    for (const p of parts) usedStems.add(p);
    if (keywords.length >= count) break;
  }
  return keywords;
}
