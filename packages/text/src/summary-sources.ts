// Sentences that count and cite their inputs, and sentences a language model writes from cited candidates.
// A count is the raw number of named inputs (no estimate): "7 inputs mention «benker»" lists exactly those 7.
// A model's sentence is kept only if it cites at least one candidate by number; its sources are the union of
// the cited candidates' sources, so every sentence still leads back to the inputs it rests on.

import { detectLanguage } from './language.ts';
import { analyze, stemLanguageOf } from './tokenize.ts';
import type { TextProvider } from './provider.ts';
import type { TextInput } from './topic-types.ts';

/** A phrase and the inputs whose text contains every one of its words (by stem), in input order. */
export interface PhraseSources {
  phrase: string;
  sources: string[];
}

/**
 * For each phrase, the inputs that use all of its words (compared by stem in each input's own language, stop
 * words ignored). Phrases used by fewer than `minCount` inputs (default 2) are left out; the rest are ordered by
 * count, most first, then by their order in `phrases`.
 */
export function inputsSharing(inputs: readonly TextInput[], phrases: readonly string[], options: { minCount?: number } = {}): PhraseSources[] {
  const minCount = options.minCount ?? 2;
  const analysed = inputs.map((input) => {
    const language = stemLanguageOf(detectLanguage(input.text).language);
    return { id: input.id, language, stems: new Set(analyze(input.text, language).stems) };
  });
  const found = phrases.map((phrase, order) => {
    const sources = analysed
      .filter((input) => {
        const stems = analyze(phrase, input.language).stems;
        return stems.length > 0 && stems.every((stem) => input.stems.has(stem));
      })
      .map((input) => input.id);
    return { phrase, sources, order };
  });
  return found
    .filter((f) => f.sources.length >= minCount)
    .sort((a, b) => b.sources.length - a.sources.length || a.order - b.order)
    .map(({ phrase, sources }) => ({ phrase, sources }));
}

/** A candidate sentence for the model: its text and the inputs it comes from. */
export interface Candidate {
  text: string;
  sources: readonly string[];
}

/** What {@link writeWithModel} made: sentences with sources, and the model's sentences it refused. */
export interface ModelWriting {
  /** Kept sentences with their sources and the candidates (0-based) they cite. */
  sentences: { text: string; sources: string[]; cited: number[] }[];
  /** Sentences the model wrote without a valid citation ([n] naming a candidate): dropped. */
  rejected: string[];
}

/**
 * Asks the provider's chat model for at most `want` sentences summarising the numbered candidates, each ending
 * with the numbers of the candidates it rests on ([1][3]). Sentences without a valid citation are rejected.
 * Throws when the provider has no chat model or its call fails (the caller falls back to the candidates).
 */
export async function writeWithModel(provider: TextProvider, candidates: readonly Candidate[], want: number): Promise<ModelWriting> {
  if (!provider.complete) throw new Error(`provider ${provider.name} has no chat model`);
  const numbered = candidates.map((c, i) => `[${i + 1}] ${c.text}`).join('\n');
  const answer = await provider.complete([
    {
      role: 'system',
      content:
        'You summarise citizen input for municipal staff. Write short, neutral sentences in the language of the statements. End every sentence with the numbers of the statements it rests on, like [1][3]. Use only the given statements.',
    },
    { role: 'user', content: `Write at most ${want} sentences summarising these statements:\n${numbered}` },
  ]);
  const sentences: ModelWriting['sentences'] = [];
  const rejected: string[] = [];
  const pieces = answer
    .split(/\n+|(?<=\])\s+(?=\p{Lu})/u)
    .map((s) => s.replace(/^\s*(?:[-*•]|\d+[.)])\s+/u, '').trim())
    .filter((s) => s.length > 0);
  for (const piece of pieces) {
    const cited = [...piece.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) - 1);
    const valid = cited.filter((k) => Number.isInteger(k) && k >= 0 && k < candidates.length);
    const text = piece.replace(/\s*\[\d+\]/g, '').trim();
    if (valid.length === 0 || valid.length !== cited.length || text === '') {
      rejected.push(piece);
      continue;
    }
    const sources: string[] = [];
    for (const k of valid) for (const id of (candidates[k] as Candidate).sources) if (!sources.includes(id)) sources.push(id);
    if (sentences.length < want) sentences.push({ text, sources, cited: [...new Set(valid)] });
  }
  return { sentences, rejected };
}
