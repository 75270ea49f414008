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

// Every distinct token seen gets a small integer id, and what the analysers need about it is kept
// by id in flat arrays, computed once: its language evidence (on first need) and, per stemming
// language, its stem or null when the token is dropped (stop word, one letter, a pure number).
// Later stages (features.ts) keep their own per-token values by id too. Tokens are found by a hash
// of their characters in an open-addressing table, straight from the text, so a token already seen
// costs no new string. When the table holds 500,000 tokens it is emptied before the next document
// and ids start again from 0 in a new generation; ids of an older generation must not be used.
const MAX_TOKENS = 500_000;
let texts: string[] = [];
let hashes = new Int32Array(1024);
// Open addressing, two entries per position: the token's hash and its id (−1: empty).
let table = new Int32Array(4096).fill(-1);
let evidence = new Float64Array(6 * 1024);
let evidenceDone = new Uint8Array(1024);
let stemsBy: (string | null | undefined)[][] = [];
let generation = 1;
const SLOT: Record<StemLanguage, number> = { nb: 0, nn: 1, no: 2, sv: 3, da: 4, en: 5, de: 6, none: 7 };
const NUMBER_RE = /^\p{N}+$/u;

/** FNV-1a over the UTF-16 code units of s[start, end), with a final mix. */
function hashRange(s: string, start: number, end: number): number {
  let h = 2166136261;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/**
 * Empties the table when it is full. Called only before a document's tokens are looked up, so all
 * ids of one document are of one generation (a single document may take the table past the limit).
 */
function makeRoom(): void {
  if (texts.length < MAX_TOKENS) return;
  texts = [];
  table = new Int32Array(4096).fill(-1);
  stemsBy = [];
  generation++;
}

/** The id of the token s[start, end) (hash h), adding it if new. */
function idOf(s: string, start: number, end: number, h: number): number {
  const len = end - start;
  const mask = (table.length >> 1) - 1;
  let p = h & mask;
  for (;;) {
    const id = table[2 * p + 1] as number;
    if (id === -1) break;
    if (table[2 * p] === h) {
      const t = texts[id] as string;
      if (t.length === len) {
        let k = 0;
        while (k < len && t.charCodeAt(k) === s.charCodeAt(start + k)) k++;
        if (k === len) return id;
      }
    }
    p = (p + 1) & mask;
  }
  const id = texts.length;
  texts.push(start === 0 && end === s.length ? s : s.slice(start, end));
  if (hashes.length <= id) {
    const h2 = new Int32Array(2 * hashes.length);
    h2.set(hashes);
    hashes = h2;
    const e2 = new Float64Array(12 * hashes.length);
    e2.set(evidence);
    evidence = e2;
    const d2 = new Uint8Array(2 * evidenceDone.length);
    d2.set(evidenceDone);
    evidenceDone = d2;
  }
  hashes[id] = h;
  evidenceDone[id] = 0;
  table[2 * p] = h;
  table[2 * p + 1] = id;
  if (4 * texts.length > table.length) {
    // Grow and re-insert by the stored hashes.
    const t2 = new Int32Array(2 * table.length).fill(-1);
    const m2 = (t2.length >> 1) - 1;
    for (let i = 0; i < texts.length; i++) {
      const hi = hashes[i] as number;
      let q = hi & m2;
      while (t2[2 * q + 1] !== -1) q = (q + 1) & m2;
      t2[2 * q] = hi;
      t2[2 * q + 1] = i;
    }
    table = t2;
  }
  return id;
}

// Character classes by UTF-16 code unit, filled on first sight: 1 other, 2 letter (\p{L}), 3 digit
// (\p{N}).
const CLASS = new Uint8Array(65536);
const LETTER_RE = /\p{L}/u;
const DIGIT_RE = /\p{N}/u;
function classOf(c: number): number {
  let k = CLASS[c] as number;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = LETTER_RE.test(ch) ? 2 : DIGIT_RE.test(ch) ? 3 : 1;
    CLASS[c] = k;
  }
  return k;
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
let idBuf = new Int32Array(256);

/**
 * Ids of the word tokens of a lower-cased text: runs of letters and digits, with inner apostrophes
 * followed by letters kept (the tokens of WORD_RE, which is used instead when the text has
 * characters outside the Basic Multilingual Plane). All ids are of the current generation.
 */
function scanIds(lower: string): Int32Array {
  makeRoom();
  let n = 0;
  const len = lower.length;
  let astral = false;
  let i = 0;
  while (i < len) {
    const c = lower.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      astral = true;
      break;
    }
    if (classOf(c) === 1) {
      i++;
      continue;
    }
    const start = i++;
    let h = Math.imul(2166136261 ^ c, 16777619);
    for (;;) {
      if (i >= len) break;
      const d = lower.charCodeAt(i);
      if (d >= 0xd800 && d <= 0xdfff) {
        astral = true;
        break;
      }
      if (classOf(d) === 1) {
        // An apostrophe followed by a letter continues the token (letters only after it).
        if ((d === 39 || d === 0x2019) && i + 1 < len && classOf(lower.charCodeAt(i + 1)) === 2) {
          h = Math.imul(h ^ d, 16777619);
          i++;
          while (i < len) {
            const e = lower.charCodeAt(i);
            if (e >= 0xd800 && e <= 0xdfff) {
              astral = true;
              break;
            }
            if (classOf(e) !== 2) break;
            h = Math.imul(h ^ e, 16777619);
            i++;
          }
          if (astral) break;
          const e = i < len ? lower.charCodeAt(i) : -1;
          if (e === 39 || e === 0x2019) continue;
        }
        break;
      }
      h = Math.imul(h ^ d, 16777619);
      i++;
    }
    if (astral) break;
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    if (n === idBuf.length) {
      const b2 = new Int32Array(2 * n);
      b2.set(idBuf);
      idBuf = b2;
    }
    idBuf[n++] = idOf(lower, start, i, h);
  }
  if (astral) return idsOfStrings(lower.match(WORD_RE) ?? []);
  return idBuf.slice(0, n);
}

/** Ids of given token strings in the current generation. */
function idsOfStrings(tokens: readonly string[]): Int32Array {
  makeRoom();
  const ids = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    ids[i] = idOf(t, 0, t.length, hashRange(t, 0, t.length));
  }
  return ids;
}

// The ids of each analysed document's tokens (keyed by its `tokens` array), so later stages need not
// look every token up again.
const IDS = new WeakMap<readonly string[], { generation: number; ids: Int32Array }>();

/** The token strings of ids, registered as having those ids. */
function tokensOf(ids: Int32Array): string[] {
  const tokens = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) tokens[i] = texts[ids[i] as number] as string;
  IDS.set(tokens, { generation, ids });
  return tokens;
}

/**
 * @internal The current generation of token ids: ids from {@link tokenIds} stay valid while it is
 * unchanged.
 */
export function tokenGeneration(): number {
  return generation;
}

/**
 * @internal Token ids of a document's `tokens` array (from an analyser) in the current generation.
 * Every id is below {@link tokenCount}.
 */
export function tokenIds(tokens: readonly string[]): Int32Array {
  const known = IDS.get(tokens);
  if (known !== undefined && known.generation === generation && known.ids.length === tokens.length) return known.ids;
  const ids = idsOfStrings(tokens);
  IDS.set(tokens, { generation, ids });
  return ids;
}

/** @internal Number of token ids handed out in the current generation. */
export function tokenCount(): number {
  return texts.length;
}

/** @internal The token with an id of the current generation. */
export function tokenText(id: number): string {
  return texts[id] as string;
}

/** The stem of token `id` in a language, or null when the token is dropped (cached). */
function stemOrDrop(id: number, lang: StemLanguage): string | null {
  const slot = SLOT[lang];
  let list = stemsBy[slot];
  if (list === undefined) list = stemsBy[slot] = [];
  // Filled up to the id with undefined, not assigned at scattered indices (which would turn the
  // array into a slow dictionary).
  while (list.length <= id) list.push(undefined);
  let s = list[id];
  if (s === undefined) {
    const t = texts[id] as string;
    s = isStopWord(t, lang) || t.length < 2 || NUMBER_RE.test(t) ? null : stem(t, lang);
    list[id] = s;
  }
  return s;
}

/** Stems and surface words of the tokens `ids` in a language (stop words, one letter and numbers dropped). */
function stemsOf(ids: Int32Array, tokens: readonly string[], lang: StemLanguage): { stems: string[]; surfaces: string[] } {
  const stems: string[] = [];
  const surfaces: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const s = stemOrDrop(ids[i] as number, lang);
    if (s === null) continue;
    stems.push(s);
    surfaces.push(tokens[i] as string);
  }
  return { stems, surfaces };
}

/**
 * Detects the language (unless `language` is fixed) and analyses the text, tokenising once and
 * looking each token up once.
 */
export function analyzeAuto(text: string, language: StemLanguage | 'auto'): Analyzed & { language: LanguageCode | 'none' } {
  const lower = text.normalize('NFC').toLowerCase();
  const ids = scanIds(lower);
  const tokens = tokensOf(ids);
  let lang: LanguageCode | 'none';
  if (language === 'auto') {
    const acc = new Float64Array(6);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (evidenceDone[id] === 0) {
        evidence.set(computeTokenEvidence(texts[id] as string), 6 * id);
        evidenceDone[id] = 1;
      }
      for (let c = 0; c < 6; c++) acc[c] = (acc[c] as number) + (evidence[6 * id + c] as number);
    }
    lang = detectFromEvidence(lower, acc).language;
  } else lang = language;
  const { stems, surfaces } = stemsOf(ids, tokens, lang === 'none' ? 'none' : stemLanguageOf(lang));
  return { tokens, stems, surfaces, language: lang };
}

/** Maps a detected language to the stemming language (`und` → `none`). */
export function stemLanguageOf(lang: LanguageCode): StemLanguage {
  return lang === 'und' ? 'none' : lang;
}

/** Splits a text into lower-cased word tokens (letters and digits; inner apostrophes kept). */
export function tokenize(text: string): string[] {
  return tokensOf(scanIds(text.normalize('NFC').toLowerCase()));
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
  return { tokens, ...stemsOf(tokenIds(tokens), tokens, lang) };
}
