// Language identification for Norwegian bokmål (nb), nynorsk (nn), Swedish (sv), Danish (da),
// English (en) and German (de), without any trained model file: function-word lexicons (the stop-word
// lists), hand-picked discriminating words, letters (ä/ö vs æ/ø) and spelling patterns (Norwegian
// "kj/gj/sj", "-sjon", "øy"; Danish "-hed", "ej/øj"; nynorsk "-ar/-ane/-leg"). When bokmål and nynorsk
// cannot be told apart the answer is `no` (Norwegian); when nothing matches, `und`.

import { STOPWORDS } from './stopwords.ts';

/** Language codes the package detects. `no` = Norwegian, written standard undetermined; `und` = unknown. */
export type LanguageCode = 'nb' | 'nn' | 'no' | 'sv' | 'da' | 'en' | 'de' | 'und';

/** Result of detecting one text's language. `scores` holds the raw evidence per candidate language. */
export interface LanguageGuess {
  language: LanguageCode;
  confidence: number;
  scores: Record<'nb' | 'nn' | 'sv' | 'da' | 'en' | 'de', number>;
}

const CANDIDATES = ['nb', 'nn', 'sv', 'da', 'en', 'de'] as const;
type Cand = (typeof CANDIDATES)[number];

function words(list: string): string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}

// Words that (nearly) only one candidate uses. Weight 3 each occurrence.
const MARKERS: Record<Cand, string[]> = {
  nb: words(`meg deg seg hadde ble blir mye noen noe etter nå uten igjen blant sånn litt gjennom
    mellom sier senere hennes vet fikk gikk hverandre nettopp kanskje bort dessuten fortsatt ifølge
    tilbake fremdeles lenger enn å ut`),
  nn: words(`ikkje eg kva korleis kvifor frå berre mykje vere vore nokon noko desse dykk dykkar kvarandre
    då no kjem gjekk fekk veit seier høyrer seinare meir hennar utan difor igjen blant heile eit ein
    nokre noka kven kvar kvart sjølv òg medan sidan hjå ho dei deira vart vorte sjå gong eigen eige
    eigne mellom fleire dessutan enno gjennom blir kjem gjer gjere vert tilbake framleis lenger enn å ut`),
  sv: words(`och inte att är jag från också vara hade mycket sedan över bara även vad
    många hur mer går denna dessa detta någon något några samma själv utan varför varit vem vår våra
    kunde mellan hon honom vilka vilket ska finns`),
  da: words(`af nogle noget meget mig dig sig efter ud op nu blev bliver havde hende hendes mellem uden
    gennem igen lidt endnu blandt sådan hvad været jer thi vores siger fik gik hvilket idet dog
    derudover desuden således frem`),
  en: words(`the and of to is that it with was on be this are from or have not but which they their were
    been has had would will there what when who also can more its into than`),
  de: words(`und die das ist nicht ich ein eine zu mit von auf für sich auch wird werden nach bei aus
    wie wir über oder noch wenn nur kann haben aber sind durch`),
};

// Spelling patterns on single tokens; each match adds the weight to the language.
const PATTERNS: { re: RegExp; lang: Cand; w: number }[] = [
  { re: /^(kj|gj|skj)/, lang: 'nb', w: 0.6 },
  { re: /^(kj|gj|skj)/, lang: 'nn', w: 0.6 },
  { re: /sjon(en|er|ene|ar|ane)?$/, lang: 'nb', w: 1 },
  { re: /sjon(en|er|ene|ar|ane)?$/, lang: 'nn', w: 1 },
  { re: /øy/, lang: 'nb', w: 0.8 },
  { re: /øy/, lang: 'nn', w: 0.9 },
  { re: /(ej|øj)/, lang: 'da', w: 1 },
  { re: /hed(en|er|erne)?$/, lang: 'da', w: 1 },
  { re: /erne$/, lang: 'da', w: 0.8 },
  { re: /ede$/, lang: 'da', w: 0.4 },
  { re: /het(en|er|ene)?$/, lang: 'nb', w: 0.5 },
  { re: /heit(a|en|ar|ane)?$/, lang: 'nn', w: 1 },
  { re: /..[^e]ane$/, lang: 'nn', w: 0.8 },
  { re: /...ar$/, lang: 'nn', w: 0.4 },
  { re: /...ar$/, lang: 'sv', w: 0.3 },
  { re: /le(g|ge)$/, lang: 'nn', w: 0.6 },
  { re: /..inga$/, lang: 'nn', w: 0.6 },
  { re: /..ene$/, lang: 'nb', w: 0.4 },
  { re: /lige?$/, lang: 'nb', w: 0.3 },
  { re: /lige?$/, lang: 'da', w: 0.3 },
  { re: /tion(en|er|erna|erne)?$/, lang: 'sv', w: 0.5 },
  { re: /tion(en|er|erna|erne)?$/, lang: 'da', w: 0.5 },
  { re: /tion(s)?$/, lang: 'en', w: 0.5 },
  { re: /(erna|orna|arna)$/, lang: 'sv', w: 1 },
  { re: /ing$/, lang: 'en', w: 0.2 },
  { re: /th/, lang: 'en', w: 0.4 },
  { re: /w/, lang: 'en', w: 0.3 },
  { re: /(sch|ß|ü|ung$|ungen$)/, lang: 'de', w: 1 },
];

const LETTERS: { ch: string; langs: Cand[]; w: number }[] = [
  { ch: 'ä', langs: ['sv', 'de'], w: 1.2 },
  { ch: 'ö', langs: ['sv', 'de'], w: 1.2 },
  { ch: 'ü', langs: ['de'], w: 1.5 },
  { ch: 'ß', langs: ['de'], w: 2 },
  { ch: 'æ', langs: ['nb', 'nn', 'da'], w: 1.2 },
  { ch: 'ø', langs: ['nb', 'nn', 'da'], w: 1.2 },
  { ch: 'å', langs: ['nb', 'nn', 'da', 'sv'], w: 0.6 },
  { ch: 'ò', langs: ['nn'], w: 1 },
];

// Token -> evidence per language from the stop-word lexicons, split across the languages sharing it,
// plus the marker weight.
const LEXICON = new Map<string, Partial<Record<Cand, number>>>();
(() => {
  const owners = new Map<string, Cand[]>();
  for (const lang of CANDIDATES) {
    for (const w of STOPWORDS[lang]) {
      const list = owners.get(w) ?? [];
      list.push(lang);
      owners.set(w, list);
    }
  }
  for (const [w, langs] of owners) {
    const entry: Partial<Record<Cand, number>> = {};
    for (const l of langs) entry[l] = 1 / langs.length;
    LEXICON.set(w, entry);
  }
  const markerOwners = new Map<string, Cand[]>();
  for (const lang of CANDIDATES) {
    for (const w of MARKERS[lang]) {
      const list = markerOwners.get(w) ?? [];
      if (!list.includes(lang)) list.push(lang);
      markerOwners.set(w, list);
    }
  }
  for (const [w, langs] of markerOwners) {
    const entry = LEXICON.get(w) ?? {};
    for (const l of langs) entry[l] = (entry[l] ?? 0) + 3 / langs.length;
    LEXICON.set(w, entry);
  }
})();

/**
 * Evidence of one lower-cased token for each candidate (nb, nn, sv, da, en, de in that order): its
 * lexicon weight plus its spelling patterns. Callers may cache it per token.
 */
export function computeTokenEvidence(tok: string): Float64Array {
  const ev = new Float64Array(CANDIDATES.length);
  const entry = LEXICON.get(tok);
  if (entry) CANDIDATES.forEach((l, c) => (ev[c] = entry[l] ?? 0));
  if (tok.length >= 3) {
    for (const p of PATTERNS) {
      if (!p.re.test(tok)) continue;
      const c = CANDIDATES.indexOf(p.lang);
      ev[c] = (ev[c] as number) + p.w;
    }
  }
  return ev;
}

// Per-token evidence, memoised: the same words recur across inputs.
const EVIDENCE = new Map<string, Float64Array>();
function tokenEvidence(tok: string): Float64Array {
  let ev = EVIDENCE.get(tok);
  if (ev) return ev;
  ev = computeTokenEvidence(tok);
  if (EVIDENCE.size > 500_000) EVIDENCE.clear();
  EVIDENCE.set(tok, ev);
  return ev;
}

const TOKEN_RE = /[\p{L}\p{M}]+/gu;

/**
 * Detects the language of one text. Returns `und` when there is too little evidence (fewer than ~1.5
 * points: roughly two function words), and `no` when the text is Norwegian but bokmål and nynorsk
 * evidence is within 1 point of each other. `confidence` is the winner's share of a softmax over the
 * scores (for `no`, the two Norwegian scores pooled).
 */
export function detectLanguage(text: string): LanguageGuess {
  const lower = text.toLowerCase();
  return detectFromTokens(lower, lower.match(TOKEN_RE) ?? []);
}

/**
 * The same as {@link detectLanguage} for a text already lower-cased and split into word tokens (lets
 * the analysers tokenise once).
 */
export function detectFromTokens(lower: string, tokens: readonly string[]): LanguageGuess {
  const acc = new Float64Array(CANDIDATES.length);
  for (let t = 0; t < tokens.length; t++) {
    const ev = tokenEvidence(tokens[t] as string);
    for (let c = 0; c < ev.length; c++) acc[c] = (acc[c] as number) + (ev[c] as number);
  }
  return detectFromEvidence(lower, acc);
}

/**
 * The decision of {@link detectFromTokens} from the summed token evidence `acc` (as from
 * {@link computeTokenEvidence}, in the order nb, nn, sv, da, en, de) and the lower-cased text.
 */
export function detectFromEvidence(lower: string, acc: Float64Array): LanguageGuess {
  const scores: Record<Cand, number> = { nb: acc[0] as number, nn: acc[1] as number, sv: acc[2] as number, da: acc[3] as number, en: acc[4] as number, de: acc[5] as number };
  for (const { ch, langs, w } of LETTERS) {
    let count = 0;
    for (let i = lower.indexOf(ch); i >= 0; i = lower.indexOf(ch, i + 1)) count++;
    if (count > 0) {
      const add = w * Math.min(count, 6);
      for (const l of langs) scores[l] += add;
    }
  }
  // ä/ö never occur in Norwegian or Danish orthography; æ/ø never in Swedish.
  if (/[äö]/.test(lower)) {
    scores.nb -= 2;
    scores.nn -= 2;
    scores.da -= 2;
  }
  if (/[æø]/.test(lower)) {
    scores.sv -= 3;
    scores.de -= 3;
    scores.en -= 2;
  }
  // Pick the best; tie-break by the fixed order nb, nn, sv, da, en, de.
  let best: Cand = 'nb';
  for (const l of CANDIDATES) if (scores[l] > scores[best]) best = l;
  const top = scores[best];
  const max = Math.max(...CANDIDATES.map((l) => scores[l]));
  const exps = CANDIDATES.map((l) => Math.exp(scores[l] - max));
  const total = exps.reduce((a, b) => a + b, 0);
  const share = (l: Cand): number => (exps[CANDIDATES.indexOf(l)] as number) / total;
  if (top < 1.5) return { language: 'und', confidence: 0, scores };
  if (best === 'nb' || best === 'nn') {
    if (Math.abs(scores.nb - scores.nn) < 1) {
      return { language: 'no', confidence: share('nb') + share('nn'), scores };
    }
  }
  return { language: best, confidence: share(best), scores };
}

/** Detects the language of several texts, one guess per text, in input order. */
export function detectLanguages(texts: readonly string[]): LanguageGuess[] {
  return texts.map((t) => detectLanguage(t));
}
