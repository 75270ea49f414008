// Near-duplicate detection. Each input's similarity vector has two blocks: TF-IDF of hashed character
// n-grams of a Scandinavian-folded spelling (å→a, æ/ä→e, ø/ö→o, accents removed, "hv"→"v", "sjon"→"tion",
// double letters single), so the same idea in bokmål, nynorsk, Danish and Swedish shares many features;
// and a word block: the concepts of a small hand-made municipal lexicon (duplicate-lexicon.ts: "vei",
// "veg", "väg", "vej" and "road" are one concept) and the first letters of every other word that is not a
// stop word, TF-IDF weighted. The similarity is (1 − w)·char cosine + w·word cosine.
// Candidate pairs come from an inverted index over each input's rarest features (prefix filtering,
// Chaudhuri et al. 2006; Bayardo et al. 2007): whole words, char n-grams, lexicon concepts and, for inputs
// with too few of those, adjacent word pairs. Features shared by more than a fixed number of inputs are
// not used, so every input reaches a bounded number of others and the search grows linearly with n (plus
// the pairs reported); every candidate is scored exactly.

import type { SparseVector } from './sparse.ts';
import { sparseDot } from './sparse.ts';
import { createConceptLexicon } from './duplicate-lexicon.ts';
import { STOPWORDS } from './stopwords.ts';

/**
 * The default threshold: the smallest at which precision on the paraphrase set's tuning part reached
 * 0.95 (with the default weights); the held-out part was scored once at it (README).
 */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.35;

/** One input. */
export interface DuplicateInput {
  id: string;
  text: string;
}

/** Options for {@link findDuplicates}. */
export interface DuplicateOptions {
  /** Report pairs with similarity at or above this. Default 0.35 (chosen on the paraphrase set's tuning part; see README). */
  threshold?: number;
  /** Char n-gram length. Default 4. */
  ngram?: number;
  /** Number of rarest features per input used to find candidates (up to half of them whole words, then char n-grams, then adjacent word pairs for slots still empty). Default 16. */
  prefix?: number;
  /** Prefix slots for the word block's rarest terms (concepts and truncated words), on top of `prefix`. Default 8. */
  termSlots?: number;
  /** Features shared by more than this many inputs are not used to find candidates. Default 64. */
  maxPosting?: number;
  /** Prefix features two inputs must share to be compared. Default 2. */
  minShared?: number;
  /** Fold Scandinavian spellings together (cross-language matches). Default true. */
  fold?: boolean;
  /**
   * Share of the similarity given to the word block (concepts of the municipal lexicon and the first
   * `stemLength` letters of other words that are not stop words); the rest is the char n-gram cosine.
   * 0 turns the word block off. Default 0.6.
   */
  wordWeight?: number;
  /** Weight of a lexicon concept against a truncated word in the word block. Default 3. */
  conceptWeight?: number;
  /** Letters of a word kept as its (truncation) stem in the word block. Default 5. */
  stemLength?: number;
}

/** A near-duplicate pair (a before b in input order), with cosine similarity in [0, 1]. */
export interface DuplicatePair {
  a: string;
  b: string;
  similarity: number;
}

/** Result: pairs (most similar first; ties by a, then b in input order) and groups (connected components). */
export interface DuplicateResult {
  pairs: DuplicatePair[];
  groups: string[][];
  candidates: number;
  provider: 'builtin';
  warnings: string[];
}

/** Folds Scandinavian spelling variants together; lower-cases; strips accents. */
export function foldScandinavian(text: string): string {
  return text
    .toLowerCase()
    .replace(/aa/g, 'a')
    .replace(/[æä]/g, 'e')
    .replace(/[øö]/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/hv/g, 'v')
    .replace(/sjon/g, 'tion')
    .replace(/ck/g, 'k')
    .replace(/(\p{L})\1+/gu, '$1');
}

const WORD = /[\p{L}\p{N}]+/gu;

/** A copy of `a` with room for at least `need` values (twice its length by default). */
function grow(a: Int32Array, need = 0): Int32Array {
  const b = new Int32Array(Math.max(a.length * 2, need));
  b.set(a);
  return b;
}

/** The distinct values of a list, ascending (a new array; the list is left as it was). */
function uniqueSorted(values: Int32Array): Int32Array {
  const a = values.slice().sort();
  let m = 0;
  for (let q = 0; q < a.length; q++) if (q === 0 || a[q] !== a[q - 1]) a[m++] = a[q] as number;
  return a.slice(0, m);
}

/**
 * Finds near-duplicate pairs among inputs. Empty texts are skipped and named in `warnings`.
 */
export function findDuplicates(inputs: readonly DuplicateInput[], options: DuplicateOptions = {}): DuplicateResult {
  const threshold = options.threshold ?? DEFAULT_DUPLICATE_THRESHOLD;
  const ng = options.ngram ?? 4;
  const fold = options.fold ?? true;
  const wordWeight = Math.min(1, Math.max(0, options.wordWeight ?? 0.6));
  const conceptWeight = options.conceptWeight ?? 3;
  const stemLength = options.stemLength ?? 5;
  const lexicon = wordWeight > 0 ? lexiconFor(fold) : null;
  const stop = stopWordsFor(fold);
  const n = inputs.length;
  const warnings: string[] = [];
  const BITS = 22;
  const MASK = (1 << BITS) - 1;
  const docKeys: Int32Array[] = [];
  const docCounts: Int32Array[] = [];
  const df = new Int32Array(1 << BITS);
  const wdf = new Int32Array(1 << BITS);
  const docWords: Int32Array[] = [];
  const pdf = new Int32Array(1 << BITS);
  const docPairs: Int32Array[] = [];
  // The word block: concepts and truncated words per input (sorted hashes, counts), with their document frequencies.
  const bdf = new Int32Array(wordWeight > 0 ? 1 << BITS : 0);
  const docTerms: Int32Array[] = [];
  const docTermWeights: Float32Array[] = [];
  const docConcepts: Int32Array[] = [];
  let terms: Int32Array = new Int32Array(1024);
  let termWeights: Float32Array = new Float32Array(1024);
  let conceptHashes: Int32Array = new Int32Array(256);
  // Hashes of one input, reused from input to input (grown when an input is longer).
  let grams: Int32Array = new Int32Array(4096);
  let wordHashes: Int32Array = new Int32Array(1024);
  let pairHashes: Int32Array = new Int32Array(1024);
  for (const inp of inputs) {
    const t = fold ? foldScandinavian(inp.text) : inp.text.toLowerCase();
    const toks = t.match(WORD) ?? [];
    let ngrams = 0;
    let nw = 0;
    let np = 0;
    let prev = 0;
    let nt = 0;
    let nc = 0;
    for (const tok of toks) {
      if (lexicon) {
        // Concepts of the lexicon, then the word's first letters unless it is a stop word.
        const concepts = lexicon.conceptsOf(tok);
        if (nt + concepts.length + 1 > terms.length) {
          terms = grow(terms, nt + concepts.length + 1);
          const w = new Float32Array(terms.length);
          w.set(termWeights);
          termWeights = w;
        }
        if (nc + concepts.length > conceptHashes.length) conceptHashes = grow(conceptHashes, nc + concepts.length);
        for (const c of concepts) {
          const h = (Math.imul(c + 1, 0x9e3779b1) ^ 0x3c6ef372) & MASK;
          conceptHashes[nc++] = h;
          terms[nt] = h;
          termWeights[nt++] = conceptWeight;
        }
        if (!stop.has(tok)) {
          const stem = tok.slice(0, stemLength);
          let hs = 0x01000193;
          for (let q = 0; q < stem.length; q++) hs = Math.imul(hs ^ stem.charCodeAt(q), 16777619);
          terms[nt] = (hs ^ (hs >>> 15)) & MASK;
          termWeights[nt++] = 1;
        }
      }
      // The whole (folded) word is used to find candidates (rare words make the search selective) but
      // not in the similarity itself.
      let hw = 0x811c9dc5 ^ 0x5bd1e995;
      for (let q = 0; q < tok.length; q++) {
        hw ^= tok.charCodeAt(q);
        hw = Math.imul(hw, 16777619);
      }
      if (nw === wordHashes.length) wordHashes = grow(wordHashes);
      wordHashes[nw++] = (Math.imul(hw ^ (hw >>> 15), 0x2c1b3c6d) ^ 0x68e31da4) & MASK;
      // Adjacent word pairs: far rarer than their words, so an input made only of common words still
      // has rare features (used only for prefix slots the words and n-grams leave empty).
      if (prev !== 0) {
        if (np === pairHashes.length) pairHashes = grow(pairHashes);
        pairHashes[np++] = (Math.imul(prev, 0x297a2d39) ^ Math.imul(hw ^ (hw >>> 16), 0x85ebca6b)) & MASK;
      }
      prev = hw | 1;
      // Char n-grams of the word with a space before and after it.
      const L = tok.length + 2;
      const last = Math.max(0, L - ng);
      if (ngrams + last + 1 > grams.length) grams = grow(grams, ngrams + last + 1);
      for (let st = 0; st <= last; st++) {
        let h = 2166136261;
        const end = Math.min(L, st + ng);
        for (let q = st; q < end; q++) {
          h ^= q === 0 || q === L - 1 ? 32 : tok.charCodeAt(q - 1);
          h = Math.imul(h, 16777619);
        }
        grams[ngrams++] = (h ^ (h >>> 13)) & MASK;
      }
    }
    // Distinct n-grams in ascending order with their counts.
    const sorted = grams.subarray(0, ngrams).sort();
    let distinct = 0;
    for (let q = 0; q < ngrams; q++) if (q === 0 || sorted[q] !== sorted[q - 1]) distinct++;
    const keys = new Int32Array(distinct);
    const counts = new Int32Array(distinct);
    let m = -1;
    for (let q = 0; q < ngrams; q++) {
      const h = sorted[q] as number;
      if (q === 0 || h !== sorted[q - 1]) {
        keys[++m] = h;
        df[h] = (df[h] as number) + 1;
      }
      counts[m] = (counts[m] as number) + 1;
    }
    docKeys.push(keys);
    docCounts.push(counts);
    if (lexicon) {
      // Sorted distinct terms, each with the largest weight it was given times 1 + ln(count).
      // Sorted by (hash, position), packed in one number so the typed array sorts itself.
      const order = new Float64Array(nt);
      for (let q = 0; q < nt; q++) order[q] = (terms[q] as number) * 2 ** 24 + q;
      order.sort();
      const tk: number[] = [];
      const tw: number[] = [];
      let count = 0;
      for (let q = 0; q < nt; q++) {
        const at = (order[q] as number) % 2 ** 24;
        const h = terms[at] as number;
        const w = termWeights[at] as number;
        if (tk.length > 0 && tk[tk.length - 1] === h) {
          count++;
          tw[tw.length - 1] = Math.max(tw[tw.length - 1] as number, w);
        } else {
          if (tw.length > 0) tw[tw.length - 1] = (tw[tw.length - 1] as number) * (1 + Math.log(count));
          tk.push(h);
          tw.push(w);
          count = 1;
          bdf[h] = (bdf[h] as number) + 1;
        }
      }
      if (tw.length > 0) tw[tw.length - 1] = (tw[tw.length - 1] as number) * (1 + Math.log(count));
      docTerms.push(Int32Array.from(tk));
      docConcepts.push(uniqueSorted(conceptHashes.subarray(0, nc)));
      docTermWeights.push(Float32Array.from(tw));
    }
    const wk = uniqueSorted(wordHashes.subarray(0, nw));
    for (const h of wk) wdf[h] = (wdf[h] as number) + 1;
    docWords.push(wk);
    const pk = uniqueSorted(pairHashes.subarray(0, np));
    for (const h of pk) pdf[h] = (pdf[h] as number) + 1;
    docPairs.push(pk);
  }
  // Inverse document frequency per bucket, computed once per bucket in use.
  const logN = Math.log(n + 1);
  const idf = new Float64Array(1 << BITS);
  for (let h = 0; h < idf.length; h++) if ((df[h] as number) > 0) idf[h] = logN - Math.log(df[h] as number) + 1;
  const rows: SparseVector[] = [];
  for (let i = 0; i < n; i++) {
    const keys = docKeys[i] as Int32Array;
    const counts = docCounts[i] as Int32Array;
    if (keys.length === 0) warnings.push(`input "${(inputs[i] as DuplicateInput).id}" has no text and is skipped`);
    const val = new Float32Array(keys.length);
    let ss = 0;
    for (let q = 0; q < keys.length; q++) {
      const c = counts[q] as number;
      const w = (c === 1 ? 1 : 1 + Math.log(c)) * (idf[keys[q] as number] as number);
      val[q] = w;
      ss += w * w;
    }
    const nr = Math.sqrt(ss) || 1;
    for (let q = 0; q < val.length; q++) val[q] = (val[q] as number) / nr;
    const block = lexicon ? wordBlock(docTerms[i] as Int32Array, docTermWeights[i] as Float32Array, bdf, logN) : null;
    if (block && block.idx.length > 0 && keys.length > 0) {
      // Both blocks unit length, scaled so the cosine is (1 − w)·char cosine + w·word cosine.
      const a = Math.sqrt(1 - wordWeight);
      const b = Math.sqrt(wordWeight);
      const idx = new Int32Array(keys.length + block.idx.length);
      const both = new Float32Array(idx.length);
      idx.set(keys);
      for (let q = 0; q < keys.length; q++) both[q] = (val[q] as number) * a;
      for (let q = 0; q < block.idx.length; q++) {
        idx[keys.length + q] = (1 << BITS) + (block.idx[q] as number);
        both[keys.length + q] = (block.val[q] as number) * b;
      }
      rows.push({ idx, val: both });
    } else rows.push({ idx: keys, val });
    docCounts[i] = keys.subarray(0, 0);
  }
  // Prefix: the `prefix` rarest features of each input (ties by feature id) among those with document
  // frequency ≥ 2 (a unique feature cannot be shared) and ≤ maxPosting: up to half whole words, then
  // char n-grams, then word pairs for any slots still empty. Each prefix feature reaches at most
  // maxPosting inputs, so the search visits at most n·prefix·maxPosting postings: linear in n.
  const P = options.prefix ?? 16;
  const termSlots = options.termSlots ?? 8;
  const maxPosting = options.maxPosting ?? 64;
  // Prefix features are keyed as (hash << 2) | kind so char, word and word-pair hashes never meet.
  const byDf = (x: { key: number; df: number }, y: { key: number; df: number }): number => x.df - y.df || x.key - y.key;
  /** Keys of the `limit` rarest usable features among `hashes` (document frequencies in `table`). */
  const rarest = (hashes: Int32Array, table: Int32Array, kind: number, limit: number): number[] => {
    if (limit <= 0) return [];
    const usable: { key: number; df: number }[] = [];
    for (const h of hashes) {
      const d = table[h] as number;
      if (d >= 2 && d <= maxPosting) usable.push({ key: h * 4 + kind, df: d });
    }
    return usable.sort(byDf).slice(0, limit).map((c) => c.key);
  };
  // Prefixes are stored flat: input i's are prefixKeys[prefixStart[i] … prefixStart[i + 1]).
  const prefixStart = new Int32Array(n + 1);
  const prefixKeys: number[] = [];
  rows.forEach((_, i) => {
    const words = rarest(docWords[i] as Int32Array, wdf, 1, Math.floor(P / 2));
    const chars = rarest(docKeys[i] as Int32Array, df, 0, P - words.length);
    const pairs = rarest(docPairs[i] as Int32Array, pdf, 2, P - words.length - chars.length);
    // Terms of the word block (concepts, truncated words) have slots of their own: two inputs in
    // different languages share them where they share few spellings.
    const own = lexicon ? rarest(docConcepts[i] as Int32Array, bdf, 3, termSlots) : [];
    prefixKeys.push(...words, ...chars, ...pairs, ...own);
    prefixStart[i + 1] = prefixKeys.length;
  });
  // Posting lists from the (feature, input) pairs sorted: the inputs having feature f are
  // postingInputs[postingStart[f] … postingStart[f + 1]), ascending; prefixFeature holds each prefix
  // slot's feature number.
  const SHIFT = 2 ** 27;
  if (n >= SHIFT) throw new RangeError(`findDuplicates: at most ${SHIFT - 1} inputs`);
  const total = prefixKeys.length;
  const byFeature = new Float64Array(total);
  for (let i = 0; i < n; i++) for (let a = prefixStart[i] as number; a < (prefixStart[i + 1] as number); a++) byFeature[a] = (prefixKeys[a] as number) * SHIFT + i;
  byFeature.sort();
  const postingInputs = new Int32Array(total);
  const prefixFeature = new Int32Array(total);
  const postingStart: number[] = [];
  const slot = prefixStart.slice(0, n);
  let lastKey = -1;
  for (let q = 0; q < total; q++) {
    const v = byFeature[q] as number;
    const key = Math.floor(v / SHIFT);
    const i = v - key * SHIFT;
    if (key !== lastKey) {
      postingStart.push(q);
      lastKey = key;
    }
    postingInputs[q] = i;
    const at = slot[i] as number;
    slot[i] = at + 1;
    prefixFeature[at] = postingStart.length - 1;
  }
  postingStart.push(total);
  // A candidate must share `minShared` prefix features (1 when either prefix is very short).
  const minShared = options.minShared ?? 2;
  const shared = new Int32Array(n);
  const touched = new Int32Array(n);
  const found: { i: number; j: number; s: number }[] = [];
  let candidates = 0;
  for (let i = 0; i < n; i++) {
    let nt = 0;
    for (let a = prefixStart[i] as number; a < (prefixStart[i + 1] as number); a++) {
      const f = prefixFeature[a] as number;
      // Only later inputs: the list is ascending, so walk it from its end down to i.
      for (let b = (postingStart[f + 1] as number) - 1; b >= (postingStart[f] as number); b--) {
        const j = postingInputs[b] as number;
        if (j <= i) break;
        if (shared[j] === 0) touched[nt++] = j;
        shared[j] = (shared[j] as number) + 1;
      }
    }
    const pi = (prefixStart[i + 1] as number) - (prefixStart[i] as number);
    for (let t = 0; t < nt; t++) {
      const j = touched[t] as number;
      const c = shared[j] as number;
      shared[j] = 0;
      const need = Math.min(minShared, pi, (prefixStart[j + 1] as number) - (prefixStart[j] as number));
      if (c < need) continue;
      candidates++;
      const s = sparseDot(rows[i] as SparseVector, rows[j] as SparseVector);
      if (s >= threshold) found.push({ i, j, s: Math.min(1, s) });
    }
  }
  found.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const pairs = found.map((p) => ({ a: (inputs[p.i] as DuplicateInput).id, b: (inputs[p.j] as DuplicateInput).id, similarity: Math.round(p.s * 1e6) / 1e6 }));
  // Groups: connected components of the pairs (union–find), members in input order.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  for (const p of found) {
    const a = root(p.i);
    const b = root(p.j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const comp = new Map<number, number[]>();
  const inPair = new Set(found.flatMap((p) => [p.i, p.j]));
  for (let i = 0; i < n; i++) {
    if (!inPair.has(i)) continue;
    const r = root(i);
    const list = comp.get(r) ?? [];
    list.push(i);
    comp.set(r, list);
  }
  const groups = [...comp.values()].sort((a, b) => (a[0] as number) - (b[0] as number)).map((g) => g.map((i) => (inputs[i] as DuplicateInput).id));
  return { pairs, groups, candidates, provider: 'builtin', warnings };
}

const lexicons = new Map<boolean, ReturnType<typeof createConceptLexicon>>();
/** The municipal lexicon, built once per folding. */
function lexiconFor(fold: boolean): ReturnType<typeof createConceptLexicon> {
  let lexicon = lexicons.get(fold);
  if (!lexicon) {
    lexicon = createConceptLexicon(fold ? foldScandinavian : (w) => w.toLowerCase());
    lexicons.set(fold, lexicon);
  }
  return lexicon;
}

const stopSets = new Map<boolean, ReadonlySet<string>>();
/** Stop words of all five languages, folded like the text. */
function stopWordsFor(fold: boolean): ReadonlySet<string> {
  let set = stopSets.get(fold);
  if (!set) {
    const all = [STOPWORDS.no, STOPWORDS.sv, STOPWORDS.da, STOPWORDS.en].flatMap((s) => [...s]);
    set = new Set(all.map((w) => (fold ? foldScandinavian(w) : w.toLowerCase())));
    stopSets.set(fold, set);
  }
  return set;
}

/** An input's word block: its terms' weights times their IDF, unit length. */
function wordBlock(keys: Int32Array, weights: Float32Array, bdf: Int32Array, logN: number): SparseVector {
  const val = new Float32Array(keys.length);
  let ss = 0;
  for (let q = 0; q < keys.length; q++) {
    const w = (weights[q] as number) * (logN - Math.log(bdf[keys[q] as number] as number) + 1);
    val[q] = w;
    ss += w * w;
  }
  const nr = Math.sqrt(ss) || 1;
  for (let q = 0; q < val.length; q++) val[q] = (val[q] as number) / nr;
  return { idx: keys, val };
}
