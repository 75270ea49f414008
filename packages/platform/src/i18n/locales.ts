/** The languages of the whole UI: Norwegian bokmål and nynorsk, Swedish, Danish, English. */
export const locales = ['nb', 'nn', 'sv', 'da', 'en'] as const;

export type Locale = (typeof locales)[number];

/** Each language's name in itself, for the language switcher. */
export const localeNames: Record<Locale, string> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  sv: 'Svenska',
  da: 'Dansk',
  en: 'English',
};

/** True when `value` is one of the supported locales. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * Parses an Accept-Language header into supported locales, best first. `no` and `nb-NO` map to
 * bokmål, `nn-NO` to nynorsk, any `sv-*`, `da-*`, `en-*` to that language.
 */
export function fromAcceptLanguage(header: string | undefined): Locale[] {
  if (!header) return [];
  const ranked: { locale: Locale; q: number; index: number }[] = [];
  header.split(',').forEach((part, index) => {
    const [tag = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number.parseFloat(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) return;
    const primary = tag.toLowerCase().split('-')[0] ?? '';
    const mapped: Locale | undefined = primary === 'no' ? 'nb' : isLocale(primary) ? primary : undefined;
    if (mapped) ranked.push({ locale: mapped, q, index });
  });
  ranked.sort((a, b) => b.q - a.q || a.index - b.index);
  return [...new Set(ranked.map((r) => r.locale))];
}

/**
 * The locale for a request: the person's own choice, then the browser's Accept-Language, then the
 * municipality's default.
 */
export function negotiateLocale(input: {
  readonly chosen?: string | null | undefined;
  readonly acceptLanguage?: string | undefined;
  readonly municipalityDefault: Locale;
}): Locale {
  if (isLocale(input.chosen)) return input.chosen;
  return fromAcceptLanguage(input.acceptLanguage)[0] ?? input.municipalityDefault;
}
