// Test and benchmark helper (not part of the package's API): the hand-written paraphrase set in
// testdata/paraphrases-*.json and the precision/recall of near-duplicate detection on it.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { findDuplicates, type DuplicateOptions } from './duplicates.ts';

/** One text of the set, with the idea (request) it states and the topic (place or subject) it is about. */
export interface ParaphraseText {
  id: string;
  idea: string;
  topic: string;
  lang: 'nb' | 'nn' | 'sv' | 'da' | 'en';
  text: string;
}

/** The two parts: `tune` (written first, used to choose settings) and `heldout` (only reported). */
export type ParaphrasePart = 'tune' | 'heldout';

interface FileShape {
  topics: { id: string; ideas: { id: string; texts: { lang: ParaphraseText['lang']; text: string }[] }[] }[];
}

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../testdata');

/** The texts of one part, in file order, with ids `<idea>-<n>`. */
export function loadParaphrases(part: ParaphrasePart): ParaphraseText[] {
  const file = JSON.parse(readFileSync(join(DIR, `paraphrases-${part}.json`), 'utf8')) as FileShape;
  return file.topics.flatMap((topic) => topic.ideas.flatMap((idea) => idea.texts.map((t, n) => ({ id: `${idea.id}-${n + 1}`, idea: idea.id, topic: topic.id, lang: t.lang, text: t.text }))));
}

/** Counts of the set's pairs: duplicates (same idea) and hard non-duplicates (same topic, different idea). */
export function pairCounts(texts: readonly ParaphraseText[]): { duplicates: number; hardNegatives: number } {
  let duplicates = 0;
  let hardNegatives = 0;
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i] as ParaphraseText;
      const b = texts[j] as ParaphraseText;
      if (a.idea === b.idea) duplicates++;
      else if (a.topic === b.topic) hardNegatives++;
    }
  }
  return { duplicates, hardNegatives };
}

/** Precision and recall of one run, with the pairs behind them. */
export interface ParaphraseScore {
  threshold: number;
  reported: number;
  correct: number;
  duplicates: number;
  /** Reported pairs of the same topic but different ideas (the hard non-duplicates). */
  hardFalse: number;
  precision: number;
  recall: number;
  /** Duplicate pairs not reported, by language pair (e.g. `en-nb`). */
  missedByLanguages: Record<string, number>;
}

/**
 * Runs `findDuplicates` on all texts of a part at once (every text against every other, so a false pair
 * may join texts of any two topics) and scores the reported pairs at each threshold: a pair is correct
 * when both texts state the same idea. Precision = correct / reported (1 when nothing is reported),
 * recall = correct / all duplicate pairs of the part.
 */
export function scoreParaphrases(texts: readonly ParaphraseText[], thresholds: readonly number[], options: DuplicateOptions = {}): ParaphraseScore[] {
  const lowest = Math.min(...thresholds);
  const result = findDuplicates(texts.map((t) => ({ id: t.id, text: t.text })), { ...options, threshold: lowest });
  const byId = new Map(texts.map((t) => [t.id, t]));
  const { duplicates } = pairCounts(texts);
  return thresholds.map((threshold) => {
    let reported = 0;
    let correct = 0;
    let hardFalse = 0;
    const found = new Set<string>();
    for (const p of result.pairs) {
      if (p.similarity < threshold) continue;
      const a = byId.get(p.a) as ParaphraseText;
      const b = byId.get(p.b) as ParaphraseText;
      reported++;
      if (a.idea === b.idea) {
        correct++;
        found.add(`${p.a}|${p.b}`);
      } else if (a.topic === b.topic) hardFalse++;
    }
    const missedByLanguages: Record<string, number> = {};
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i] as ParaphraseText;
        const b = texts[j] as ParaphraseText;
        if (a.idea !== b.idea || found.has(`${a.id}|${b.id}`)) continue;
        const key = [a.lang, b.lang].sort((x, y) => x.localeCompare(y)).join('-');
        missedByLanguages[key] = (missedByLanguages[key] ?? 0) + 1;
      }
    }
    return { threshold, reported, correct, duplicates, hardFalse, precision: reported === 0 ? 1 : correct / reported, recall: correct / duplicates, missedByLanguages };
  });
}
