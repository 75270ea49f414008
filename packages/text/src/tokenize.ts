// Tokenising, stop-word removal and Snowball stemming per language. The stemmers are the Snowball
// algorithms (package `snowball-stemmers`), the same ones PostgreSQL's full-text search configurations
// `norwegian`, `swedish`, `danish`, `english`, `german` use, so a stem here equals a lexeme there.

import { createRequire } from 'node:module';
import type { Factory } from 'snowball-stemmers';
import { STOPWORDS } from './stopwords.ts';
import { computeTokenEvidence, detectFromEvidence, type LanguageCode } from './language.ts';

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

// Everything the analysers need about one token, computed once per distinct token: its language
// evidence (on first need) and, per stemming language, its stem or null when the token is dropped
// (stop word, one letter, a pure number).
interface TokenInfo {
  ev: Float64Array | null;
  stems: (string | null | undefined)[];
}
const TOKENS = new Map<string, TokenInfo>();
const SLOT: Record<StemLanguage, number> = { nb: 0, nn: 1, no: 2, sv: 3, da: 4, en: 5, de: 6, none: 7 };
const NUMBER_RE = /^\p{N}+$/u;

function tokenInfo(t: string): TokenInfo {
  let info = TOKENS.get(t);
  if (info === undefined) {
    info = { ev: null, stems: [] };
    if (TOKENS.size > 500_000) TOKENS.clear();
    TOKENS.set(t, info);
  }
  return info;
}

function stemOrDrop(info: TokenInfo, t: string, lang: StemLanguage): string | null {
  const slot = SLOT[lang];
  let s = info.stems[slot];
  if (s === undefined) {
    s = isStopWord(t, lang) || t.length < 2 || NUMBER_RE.test(t) ? null : stem(t, lang);
    info.stems[slot] = s;
  }
  return s;
}

/**
 * Detects the language (unless `language` is fixed) and analyses the text, tokenising once and
 * looking each token up once.
 */
export function analyzeAuto(text: string, language: StemLanguage | 'auto'): Analyzed & { language: LanguageCode | 'none' } {
  const lower = text.normalize('NFC').toLowerCase();
  const tokens = lower.match(WORD_RE) ?? [];
  const infos: TokenInfo[] = new Array<TokenInfo>(tokens.length);
  for (let i = 0; i < tokens.length; i++) infos[i] = tokenInfo(tokens[i] as string);
  let lang: LanguageCode | 'none';
  if (language === 'auto') {
    const acc = new Float64Array(6);
    for (let i = 0; i < tokens.length; i++) {
      const info = infos[i] as TokenInfo;
      let ev = info.ev;
      if (ev === null) ev = info.ev = computeTokenEvidence(tokens[i] as string);
      for (let c = 0; c < 6; c++) acc[c] = (acc[c] as number) + (ev[c] as number);
    }
    lang = detectFromEvidence(lower, acc).language;
  } else lang = language;
  const sl = lang === 'none' ? 'none' : stemLanguageOf(lang);
  const stems: string[] = [];
  const surfaces: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const s = stemOrDrop(infos[i] as TokenInfo, t, sl);
    if (s === null) continue;
    stems.push(s);
    surfaces.push(t);
  }
  return { tokens, stems, surfaces, language: lang };
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
    const s = stemOrDrop(tokenInfo(t), t, lang);
    if (s === null) continue;
    stems.push(s);
    surfaces.push(t);
  }
  return { tokens, stems, surfaces };
}
