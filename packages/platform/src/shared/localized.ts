import { isLocale, type Locale, locales } from '../i18n/locales.ts';

/** Text written by staff, stored per language: `{ nb: '…', en: '…' }`. */
export type LocalizedText = Partial<Record<Locale, string>>;

/** A localized text resolved for one reader, with the language actually shown. */
export interface ResolvedText {
  readonly text: string;
  readonly locale: Locale;
  /** True when the text is not in the language the reader asked for. */
  readonly fallback: boolean;
}

/**
 * Picks the reader's language, then the municipality's default, then any language that has text (in
 * the fixed order of `locales`), so the page can say which language it shows.
 */
export function resolveText(value: LocalizedText, wanted: Locale, municipalityDefault: Locale): ResolvedText {
  const order: Locale[] = [wanted, municipalityDefault, ...locales];
  for (const locale of order) {
    const text = value[locale];
    if (text !== undefined && text.trim() !== '') return { text, locale, fallback: locale !== wanted };
  }
  return { text: '', locale: wanted, fallback: false };
}

/** Drops unknown language keys and empty strings from untrusted input. */
export function cleanLocalized(input: Record<string, unknown>): LocalizedText {
  const out: LocalizedText = {};
  for (const [key, value] of Object.entries(input)) {
    if (isLocale(key) && typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}
