import { locales, type Locale } from './locales.ts';

/** The `{name}` placeholders of a text, sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort((a, b) => a.localeCompare(b));
}

/**
 * What is wrong with one set of catalogs (the platform's or the web's), one line per problem, none when all
 * is well: a key English has that another language lacks, a key English does not have, an empty text, or
 * placeholders that differ from English's. The tests of both sets call it.
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
        const theirs = placeholders(text).join(', ');
        const ours = placeholders(english[key] ?? '').join(', ');
        if (theirs !== ours)
          problems.push(`${locale}.${key} has placeholders [${theirs}] where en has [${ours}]`);
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
