import type { Locale } from './locales.ts';

// Numbers, money, shares and dates as each language writes them, with one date style across the site and the
// e-mails: "29. mars 2026", "29. mars 2026 kl. 03:30". Instants are shown in the municipality's time zone;
// calendar dates (YYYY-MM-DD, such as a phase's end) are shown as the date they name. Browser-safe: the web
// app's $lib/format binds these to the page's language and the municipality's zone.

/** The time zone a municipality has when none is configured. */
export const defaultTimeZone = 'Europe/Oslo';

const regionTags: Readonly<Record<Locale, string>> = { nb: 'nb-NO', nn: 'nn-NO', sv: 'sv-SE', da: 'da-DK', en: 'en-GB' };

/** The language tag with region that Intl formats a locale with (en is British English: "29 March 2026"). */
export function regionTag(locale: Locale): string {
  return regionTags[locale];
}

// Building an Intl formatter costs far more than using one: keep each, by language and options.
const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = made.get(key);
  if (!(format instanceof Intl.NumberFormat)) {
    format = new Intl.NumberFormat(regionTag(locale), options);
    made.set(key, format);
  }
  return format;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = made.get(key);
  if (!(format instanceof Intl.DateTimeFormat)) {
    format = new Intl.DateTimeFormat(regionTag(locale), options);
    made.set(key, format);
  }
  return format;
}

/** The one date style: day, month written out, year. */
const dateStyle: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
/** The one date-and-time style: the date style with hours and minutes. */
const dateTimeStyle: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };

/** A date or an instant: a calendar date `YYYY-MM-DD`, an ISO instant, or a Date. */
export type DateInput = string | Date;

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/** A number as `locale` writes it: "1 234,5" (nb, nn, sv), "1.234,5" (da), "1,234.5" (en). */
export function formatNumber(locale: Locale, value: number, options: { maximumFractionDigits?: number } = {}): string {
  return numberFormat(locale, { maximumFractionDigits: options.maximumFractionDigits ?? 2 }).format(value);
}

/** An amount in whole currency units: "1 234 567 kr" (nb), "1.234.567 NOK" (da), "NOK 1,234,567" (en). */
export function formatMoney(locale: Locale, amount: number, currency = 'NOK'): string {
  return numberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(amount);
}

/** A share between 0 and 1 as a percentage: "30 %" (nb, sv, da), "30%" (en). */
export function formatPercent(locale: Locale, share: number, maximumFractionDigits = 0): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits }).format(share);
}

/**
 * A part of a whole as the three figures a page shows ("12 of 40 (30 %)" with the catalog's `format.share`):
 * the part and the whole as numbers, the share as a percentage (0 % of nothing).
 */
export function shareParts(locale: Locale, part: number, whole: number): { part: string; whole: string; percent: string } {
  return { part: formatNumber(locale, part), whole: formatNumber(locale, whole), percent: formatPercent(locale, whole > 0 ? part / whole : 0) };
}

/** A date in the one date style; an instant's date is its date in `timeZone`. Empty for no date. */
export function formatDate(locale: Locale, value: DateInput | null | undefined, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && calendarDate.test(value)) {
    return dateFormat(locale, { ...dateStyle, timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  }
  return dateFormat(locale, { ...dateStyle, timeZone }).format(new Date(value));
}

/** An instant's date and time in `timeZone`, in the one date-and-time style. Empty for none. */
export function formatDateTime(locale: Locale, value: DateInput | null | undefined, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '';
  return dateFormat(locale, { ...dateTimeStyle, timeZone }).format(new Date(value));
}

/** A language's name in the reader's language ("norskt bokmål" for a Swedish reader). */
export function languageName(reader: Locale, language: string): string {
  try {
    return new Intl.DisplayNames([regionTag(reader)], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** Every formatter bound to one reader's language and the municipality's time zone, as pages and e-mails use them. */
export function formatsFor(locale: Locale, timeZone: string) {
  return {
    locale,
    timeZone,
    number: (value: number, options?: { maximumFractionDigits?: number }) => formatNumber(locale, value, options),
    money: (amount: number, currency?: string) => formatMoney(locale, amount, currency),
    percent: (share: number, maximumFractionDigits?: number) => formatPercent(locale, share, maximumFractionDigits),
    share: (part: number, whole: number) => shareParts(locale, part, whole),
    date: (value: DateInput | null | undefined) => formatDate(locale, value, timeZone),
    dateTime: (value: DateInput | null | undefined) => formatDateTime(locale, value, timeZone),
    languageName: (language: string) => languageName(locale, language),
  };
}

/** The formatters for one reader. */
export type Formats = ReturnType<typeof formatsFor>;
