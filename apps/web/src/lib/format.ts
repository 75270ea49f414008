// The one way pages write numbers, money, shares and dates: Intl in the page's language, instants in the
// municipality's time zone, one date style ("29. mars 2026") and one date-and-time style ("29. mars 2026 kl.
// 03:30") across the site. The formatting itself lives in @tingsted/platform/i18n, so e-mails and CSV files
// write the same; this binds it to a request. Safe in the browser too.
import { defaultTimeZone, formatDate as dateIn, formatDateTime as dateTimeIn, formatMoney as moneyIn, formatNumber as numberIn, formatPercent as percentIn, formatsFor, shareParts, type DateInput, type Formats, type Locale } from '@tingsted/platform/i18n';

export type { DateInput, Formats };

/** What a request knows that formatting needs: the page's language and the municipality's time zone. */
interface FormatLocals {
  readonly ctx: { readonly locale: Locale };
  readonly platform: { readonly config: { readonly timeZone?: string | undefined } };
}

/** The municipality's time zone (Europe/Oslo unless the server is configured otherwise). */
export function timeZoneOf(locals: FormatLocals): string {
  return locals.platform.config.timeZone ?? defaultTimeZone;
}

/** Every formatter bound to this request's language and the municipality's time zone: `f.date(p.endsOn)`. */
export function formatsOf(locals: FormatLocals): Formats {
  return formatsFor(locals.ctx.locale, timeZoneOf(locals));
}

/** A calendar date (YYYY-MM-DD) or an instant's date in `timeZone`, in the one date style. */
export function formatDate(value: DateInput | null | undefined, locale: Locale, timeZone = defaultTimeZone): string {
  return dateIn(locale, value, timeZone);
}

/** An instant's date and time in `timeZone`, in the one date-and-time style. */
export function formatDateTime(value: DateInput | null | undefined, locale: Locale, timeZone = defaultTimeZone): string {
  return dateTimeIn(locale, value, timeZone);
}

/** A number as the page's language writes it ("1 234,5", "1.234,5", "1,234.5"). */
export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 2): string {
  return numberIn(locale, value, { maximumFractionDigits });
}

/** An amount in whole currency units ("1 234 kr"). */
export function formatMoney(amount: number, locale: Locale, currency = 'NOK'): string {
  return moneyIn(locale, amount, currency);
}

/** A share between 0 and 1 as a percentage ("30 %"). */
export function formatPercent(share: number, locale: Locale, maximumFractionDigits = 0): string {
  return percentIn(locale, share, maximumFractionDigits);
}

/** A part of a whole for the catalog's `format.share` ("12 av 40 (30 %)"): `t('format.share', formatShare(12, 40, locale))`. */
export function formatShare(part: number, whole: number, locale: Locale): { part: string; whole: string; percent: string } {
  return shareParts(locale, part, whole);
}
