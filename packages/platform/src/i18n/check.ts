import { parse, pluralCategories, type Part } from './interpolate.ts';
import { locales, type Locale } from './locales.ts';

/** The names a message fills (`{name}` placeholders and plural counts), each once, sorted. */
function placeholders(parts: readonly Part[]): string[] {
  const names = new Set<string>();
  const walk = (list: readonly Part[]) => {
    for (const part of list) {
      if (part.kind === 'value' && part.name !== '#') names.add(part.name);
      if (part.kind === 'plural') {
        names.add(part.name);
        for (const branch of part.branches.values()) walk(branch);
      }
    }
  };
  walk(parts);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** The plural blocks of a message, outermost first. */
function plurals(parts: readonly Part[]): Extract<Part, { kind: 'plural' }>[] {
  return parts.flatMap((part) => (part.kind === 'plural' ? [part, ...[...part.branches.values()].flatMap(plurals)] : []));
}

/** What is wrong with one language's plural blocks: a category its plural rules need and the block lacks. */
function pluralProblems(locale: Locale, key: string, parts: readonly Part[], english: readonly Part[]): string[] {
  const problems: string[] = [];
  const ours = plurals(parts);
  const written = parts.filter((part) => part.kind === 'text' && /\{\w+,\s*plural,/.test(part.text)).length;
  if (written > 0) problems.push(`${locale}.${key} has a plural block that is not well formed (each form in braces, "other" required)`);
  for (const block of ours) {
    const missing = pluralCategories(locale).filter((category) => !block.branches.has(category));
    if (missing.length > 0) problems.push(`${locale}.${key} lacks the plural forms [${missing.join(', ')}] of {${block.name}}`);
  }
  const counted = new Set(ours.map((block) => block.name));
  for (const block of plurals(english)) {
    if (!counted.has(block.name)) problems.push(`${locale}.${key} writes {${block.name}} without plural forms, where en has them`);
  }
  return problems;
}

/**
 * What is wrong with one set of catalogs (the platform's or the web's), one line per problem, none when all
 * is well: a key English has that another language lacks, a key English does not have, an empty text,
 * placeholders that differ from English's, a plural block without the forms its language's CLDR plural rules
 * need (Intl.PluralRules), or a count English writes with plural forms and another language without. The
 * tests of both sets call it.
 */
export function catalogProblems(
  catalogs: Readonly<Record<Locale, Readonly<Record<string, string>>>>,
): string[] {
  const english = catalogs.en;
  const problems: string[] = [];
  for (const locale of locales) {
    const catalog = catalogs[locale];
    for (const key of Object.keys(english)) {
      if (!Object.hasOwn(catalog, key)) problems.push(`${locale} lacks ${key}`);
    }
    for (const [key, text] of Object.entries(catalog)) {
      if (!Object.hasOwn(english, key)) problems.push(`${locale} has ${key}, which en does not`);
      else if (text.trim() === '') problems.push(`${locale}.${key} is empty`);
      else {
        const parts = parse(text);
        const englishParts = parse(english[key] ?? '');
        const theirs = placeholders(parts).join(', ');
        const ours = placeholders(englishParts).join(', ');
        if (theirs !== ours)
          problems.push(`${locale}.${key} has placeholders [${theirs}] where en has [${ours}]`);
        problems.push(...pluralProblems(locale, key, parts, englishParts));
      }
    }
  }
  return problems;
}

/** Keys that more than one of `parts` defines (a later spread would silently replace the earlier text). */
export function keysDefinedTwice(
  parts: Readonly<Record<string, Readonly<Record<string, string>>>>,
): string[] {
  const owner = new Map<string, string>();
  const twice: string[] = [];
  for (const [part, catalog] of Object.entries(parts)) {
    for (const key of Object.keys(catalog)) {
      const first = owner.get(key);
      if (first === undefined) owner.set(key, part);
      else twice.push(`${key} is in ${first} and ${part}`);
    }
  }
  return twice;
}
