// Tokenising, stop-word removal and Snowball stemming per language. The stemmers are the Snowball
// algorithms (package `snowball-stemmers`), the same ones PostgreSQL's full-text search configurations
// `norwegian`, `swedish`, `danish`, `english`, `german` use, so a stem here equals a lexeme there.

import { createRequire } from 'node:module';
import type { Factory } from 'snowball-stemmers';
import { STOPWORDS } from './stopwords.ts';
import { detectFromTokens, type LanguageCode } from './language.ts';

/** Languages with stemming support; `none` keeps lower-cased words as they are (e.g. Icelandic). */
export type StemLanguage = 'nb' | 'nn' | 'no' | 'sv' | 'da' | 'en' | 'de' | 'none';

const ALGORITHM: Record<Exclude<StemLanguage, 'none'>, string> = {
  nb: 'norwegian',
  nn: 'norwegian',
  no: 'norwegian',
  sv: 'swedish',
  da: 'danish',
  en: 'english',
  de: 'german',
};

// Loaded through require: the package is CommonJS without an ES default export in every loader.
const snowball = createRequire(import.meta.url)('snowball-stemmers') as Factory;

const caches = new Map<string, { stem(w: string): string; cache: Map<string, string> }>();

function stemmerFor(lang: Exclude<StemLanguage, 'none'>): { stem(w: string): string; cache: Map<string, string> } {
  const algo = ALGORITHM[lang];
  let s = caches.get(algo);
  if (!s) {
    s = { stem: ((st) => (w: string) => st.stem(w))(snowball.newStemmer(algo)), cache: new Map() };
    caches.set(algo, s);
  }
  return s;
}

/**
 * Detects the language (unless `language` is fixed) and analyses the text, tokenising once.
 */
export function analyzeAuto(text: string, language: StemLanguage | 'auto'): Analyzed & { language: LanguageCode | 'none' } {
  const tokens = tokenize(text);
  if (language !== 'auto') return { ...analyzeTokens(tokens, language), language };
  const lower = text.normalize('NFC').toLowerCase();
  const guess = detectFromTokens(lower, tokens).language;
  return { ...analyzeTokens(tokens, stemLanguageOf(guess)), language: guess };
}

/** Maps a detected language to the stemming language (`und` → `none`). */
export function stemLanguageOf(lang: LanguageCode): StemLanguage {
  return lang === 'und' ? 'none' : lang;
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Splits a text into lower-cased word tokens (letters and digits; inner apostrophes kept). */
export function tokenize(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD_RE) ?? [];
}

/**
 * Stems one lower-cased word with the language's Snowball stemmer (cached). With `none`, returns the
 * word unchanged.
 */
export function stem(word: string, lang: StemLanguage): string {
  if (lang === 'none') return word;
  const s = stemmerFor(lang);
  let out = s.cache.get(word);
  if (out === undefined) {
    out = s.stem(word);
    if (s.cache.size > 500_000) s.cache.clear();
    s.cache.set(word, out);
  }
  return out;
}

/** Whether a lower-cased word is a stop word in the language (`none`: never). */
export function isStopWord(word: string, lang: StemLanguage): boolean {
  if (lang === 'none') return false;
  return STOPWORDS[lang].has(word);
}

/** One analysed text: all tokens, and the stems of the tokens that are not stop words (with their surface forms). */
export interface Analyzed {
  tokens: string[];
  stems: string[];
  surfaces: string[];
}

/**
 * Tokenises, removes stop words and pure numbers, and stems. `stems[i]` came from `surfaces[i]`.
 */
export function analyze(text: string, lang: StemLanguage): Analyzed {
  return analyzeTokens(tokenize(text), lang);
}

/** {@link analyze} for tokens from {@link tokenize}. */
export function analyzeTokens(tokens: string[], lang: StemLanguage): Analyzed {
  const stems: string[] = [];
  const surfaces: string[] = [];
  for (const t of tokens) {
    if (isStopWord(t, lang)) continue;
    if (t.length < 2) continue;
    if (/^\p{N}+$/u.test(t)) continue;
    stems.push(stem(t, lang));
    surfaces.push(t);
  }
  return { tokens, stems, surfaces };
}
