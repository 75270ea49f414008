import { regionTag } from './format.ts';
import type { Locale } from './locales.ts';

// A message is plain text with `{name}` placeholders and, for counts, ICU-style plural blocks:
//   '{count, plural, one {# kommentar} other {# kommentarer}}'
// The branch is chosen by the CLDR rules of the message's language (Intl.PluralRules); `=0 {…}` picks an exact
// number first; `#` is the number written as the language writes it ("1 234"). A branch may hold placeholders.

/** One piece of a parsed message. */
export type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly name: string }
  | { readonly kind: 'plural'; readonly name: string; readonly branches: ReadonlyMap<string, readonly Part[]> };

/** The index just past the `}` that closes the `{` at `open`, or -1 when it is never closed. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The branches of a plural block's body (`one {…} other {…}`), or null when it is not well formed. */
function branchesOf(body: string, hash: boolean): Map<string, Part[]> | null {
  const branches = new Map<string, Part[]>();
  let at = 0;
  while (at < body.length) {
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(at));
    if (!selector) return body.slice(at).trim() === '' ? branches : null;
    const open = at + selector[0].length - 1;
    const end = closing(body, open);
    if (end < 0) return null;
    branches.set(selector[1] ?? '', parse(body.slice(open + 1, end - 1), hash));
    at = end;
  }
  return branches;
}

/** Parses a message into text, placeholders and plural blocks; anything unrecognised stays text. */
export function parse(text: string, hash = false): Part[] {
  const parts: Part[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') parts.push({ kind: 'text', text: plain });
    plain = '';
  };
  for (let i = 0; i < text.length; ) {
    const char = text[i] ?? '';
    if (char === '#' && hash) {
      flush();
      parts.push({ kind: 'value', name: '#' });
      i++;
      continue;
    }
    if (char !== '{') {
      plain += char;
      i++;
      continue;
    }
    const simple = /^\{(\w+)\}/.exec(text.slice(i));
    if (simple) {
      flush();
      parts.push({ kind: 'value', name: simple[1] ?? '' });
      i += simple[0].length;
      continue;
    }
    const plural = /^\{(\w+),\s*plural,/.exec(text.slice(i));
    const end = plural ? closing(text, i) : -1;
    const branches = plural && end > 0 ? branchesOf(text.slice(i + plural[0].length, end - 1), true) : null;
    if (plural && branches && branches.has('other')) {
      flush();
      parts.push({ kind: 'plural', name: plural[1] ?? '', branches });
      i = end;
      continue;
    }
    plain += char;
    i++;
  }
  flush();
  return parts;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numbers = new Map<Locale, Intl.NumberFormat>();

function cached<T>(map: Map<Locale, T>, locale: Locale, make: () => T): T {
  let value = map.get(locale);
  if (value === undefined) {
    value = make();
    map.set(locale, value);
  }
  return value;
}

/** The plural category (`one`, `other`, …) of `count` in `locale`. */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  return cached(pluralRules, locale, () => new Intl.PluralRules(regionTag(locale))).select(count);
}

/** The plural categories a language's messages must cover (always including `other`). */
export function pluralCategories(locale: Locale): readonly string[] {
  return cached(pluralRules, locale, () => new Intl.PluralRules(regionTag(locale))).resolvedOptions().pluralCategories;
}

function render(parts: readonly Part[], params: Readonly<Record<string, string | number>>, locale: Locale, hash: string): string {
  return parts
    .map((part) => {
      if (part.kind === 'text') return part.text;
      if (part.kind === 'value') {
        if (part.name === '#') return hash;
        return Object.hasOwn(params, part.name) ? String(params[part.name]) : `{${part.name}}`;
      }
      const value = params[part.name];
      if (value === undefined) return `{${part.name}}`;
      const count = typeof value === 'number' ? value : Number(value);
      // A count already written as text ("1 234,5") is not a number here: it takes the "other" form as written.
      if (!Number.isFinite(count)) return render(part.branches.get('other') ?? [], params, locale, String(value));
      const branch = part.branches.get(`=${count}`) ?? part.branches.get(pluralCategory(locale, count)) ?? part.branches.get('other') ?? [];
      const written = cached(numbers, locale, () => new Intl.NumberFormat(regionTag(locale))).format(count);
      return render(branch, params, locale, written);
    })
    .join('');
}

/**
 * Fills a message's `{name}` placeholders and picks each plural block's branch by `locale`'s plural rules. An
 * unknown placeholder is left visible so a test can catch it.
 */
export function interpolate(text: string, params: Readonly<Record<string, string | number>> | undefined, locale: Locale): string {
  if (!params) return text;
  if (!text.includes(',')) return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
  return render(parse(text), params, locale, '#');
}
