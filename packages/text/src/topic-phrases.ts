// Topic labels people recognise: phrases of one to three words taken from the inputs themselves, that
// neither start nor end with a stop or filler word of the input's language (label-words.ts), chosen by
// how much more often the topic's inputs use them than the rest (the topic's share of inputs using the
// phrase times the log of that share over the share in all inputs: its term in the KL divergence of
// the topic from the corpus), and shown in the form people wrote most often (case included).
// Inflections count together: a phrase is keyed by the stems of its first and last words.

import { labelStopWords } from './label-words.ts';
import { analyzeAuto, stem, type StemLanguage } from './tokenize.ts';
import { cmpStr } from './topic-types.ts';

/** One input as the labeller reads it: its lower-cased tokens, its language and its text. */
export interface PhraseDoc {
  tokens: readonly string[];
  language: string;
  text: string;
}

/** Words in more than this share of all inputs are too common to start or end a label. */
const COMMON_SHARE = 0.25;
const NUMBER = /^[\d.,:/-]+$/;

/** Counts of the phrases of a collection: in how many inputs each key occurs, and each input's keys. */
export interface PhraseIndex {
  docKeys: string[][];
  df: Map<string, number>;
  /** The lower-cased words of each key, as met most often (ties: first in code-point order). */
  words: Map<string, Map<string, number>>;
  n: number;
}

/** Lists the phrases (1–3 words, no stop or filler word at either end) of every input. */
export function indexPhrases(docs: readonly PhraseDoc[]): PhraseIndex {
  const wordDf = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.tokens)) wordDf.set(t, (wordDf.get(t) ?? 0) + 1);
  const common = Math.max(3, COMMON_SHARE * docs.length);
  const df = new Map<string, number>();
  const words = new Map<string, Map<string, number>>();
  // Language guesses are wrong now and then (Danish taken for bokmål, a short text for anything): the
  // words of every language that at least a tenth of the inputs are written in are kept from the edges too.
  const langCount = new Map<string, number>();
  for (const d of docs) langCount.set(d.language, (langCount.get(d.language) ?? 0) + 1);
  const main = [...langCount.entries()].filter(([, c]) => c >= 0.1 * docs.length).map(([l]) => labelStopWords(l));
  const stopOf = new Map<string, (w: string) => boolean>();
  const docKeys = docs.map((d) => {
    let isStop = stopOf.get(d.language);
    if (!isStop) {
      const sets = [labelStopWords(d.language), ...main];
      isStop = (w: string): boolean => sets.some((x) => x.has(w));
      stopOf.set(d.language, isStop);
    }
    const lang = stemLanguage(d.language);
    const edge = d.tokens.map((t) => t.length >= 2 && !(isStop as (w: string) => boolean)(t) && !NUMBER.test(t) && (wordDf.get(t) ?? 0) <= common);
    const keys = new Set<string>();
    for (let i = 0; i < d.tokens.length; i++) {
      if (!edge[i]) continue;
      for (let len = 1; len <= 3 && i + len <= d.tokens.length; len++) {
        const j = i + len - 1;
        if (!edge[j]) continue;
        const span = d.tokens.slice(i, j + 1);
        if (len > 1 && span[0] === span[len - 1]) continue;
        const key = span.map((t, q) => (q === 0 || q === len - 1 ? stem(t, lang) : t)).join(' ');
        if (keys.has(key)) continue;
        keys.add(key);
        const seen = words.get(key) ?? new Map<string, number>();
        const shown = span.join(' ');
        seen.set(shown, (seen.get(shown) ?? 0) + 1);
        words.set(key, seen);
      }
    }
    for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
    return [...keys];
  });
  return { docKeys, df, words, n: docs.length };
}

/**
 * The `count` best phrases of the topic made of the inputs `group` (indices into the indexed docs):
 * used by at least two of its inputs (and 2 % of them), more often than in the whole collection;
 * each new phrase shares no word with those already chosen. Shown as written (see {@link surface}).
 */
export function topicPhrases(index: PhraseIndex, docs: readonly PhraseDoc[], group: readonly number[], count: number): string[] {
  const inTopic = new Map<string, number>();
  for (const r of group) for (const k of index.docKeys[r] as string[]) inTopic.set(k, (inTopic.get(k) ?? 0) + 1);
  const size = group.length;
  const minCount = Math.max(2, Math.ceil(0.02 * size));
  const scored: { key: string; score: number }[] = [];
  for (const [key, c] of inTopic) {
    if (c < minCount) continue;
    const pIn = c / size;
    const pAll = (index.df.get(key) as number) / index.n;
    if (pIn <= pAll) continue;
    // A phrase of several words that is nearly as common as its parts says more: a small bonus per word.
    const len = key.split(' ').length;
    scored.push({ key, score: pIn * Math.log(pIn / pAll) * (1 + 0.4 * (len - 1)) });
  }
  scored.sort((a, b) => b.score - a.score || cmpStr(a.key, b.key));
  const chosen: string[] = [];
  const used = new Set<string>();
  for (const { key } of scored) {
    const parts = key.split(' ');
    if (parts.some((p) => used.has(p))) continue;
    chosen.push(key);
    for (const p of parts) used.add(p);
    if (chosen.length >= count) break;
  }
  return chosen.map((key) => surface(key, index, docs, group));
}

/**
 * A phrase as people wrote it: the lower-case form met most often, then, among the topic's texts,
 * the spelling (case) met most often for that form; ties to the first in code-point order.
 */
function surface(key: string, index: PhraseIndex, docs: readonly PhraseDoc[], group: readonly number[]): string {
  const forms = [...(index.words.get(key) as Map<string, number>).entries()].sort((a, b) => b[1] - a[1] || cmpStr(a[0], b[0]));
  const lower = (forms[0] as [string, number])[0];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${lower.split(' ').map(escape).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'giu');
  const written = new Map<string, number>();
  for (const r of group) {
    const text = (docs[r] as PhraseDoc).text.normalize('NFC');
    for (const m of text.matchAll(pattern)) {
      // Capitals at the start of a sentence say nothing about how the word is written.
      const before = text.slice(0, m.index).trimEnd();
      if (before === '' || /[.!?:]$/.test(before)) continue;
      const form = m[0].replace(/[^\p{L}\p{N}]+/gu, ' ');
      written.set(form, (written.get(form) ?? 0) + 1);
    }
  }
  const best = [...written.entries()].sort((a, b) => b[1] - a[1] || (a[0] === lower ? -1 : b[0] === lower ? 1 : cmpStr(a[0], b[0])))[0];
  return best && best[0].toLowerCase() === lower ? best[0] : lower;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function stemLanguage(language: string): StemLanguage {
  return language === 'nb' || language === 'nn' || language === 'no' || language === 'sv' || language === 'da' || language === 'en' || language === 'de' ? language : 'none';
}

/**
 * Phrase labels for groups of inputs (each group a list of input ids; ids not among `inputs` are
 * ignored): the `count` best phrases of each group against all `inputs`, e.g. after staff merged or
 * split topics. Inputs are analysed as `findTopics` does (language detected per input).
 */
export function labelGroups(inputs: readonly { id: string; text: string }[], groups: readonly (readonly string[])[], count = 3): string[][] {
  const docs: PhraseDoc[] = inputs.map((x) => {
    const a = analyzeAuto(x.text, 'auto');
    return { tokens: a.tokens, language: a.language, text: x.text };
  });
  const index = indexPhrases(docs);
  const at = new Map(inputs.map((x, i) => [x.id, i]));
  return groups.map((g) => topicPhrases(index, docs, g.flatMap((id) => (at.has(id) ? [at.get(id) as number] : [])), count));
}
