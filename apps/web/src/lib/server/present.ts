import type { ProcessSummary } from '@tingsted/platform/processes';
import { resolveText } from '@tingsted/platform/shared';
import type { Locale } from '@tingsted/platform/i18n';

/** A process ready for a page: texts in the reader's language (or the nearest one, marked). */
export function presentProcess(process: ProcessSummary, locale: Locale, municipalityDefault: Locale) {
  const title = resolveText(process.title, locale, municipalityDefault);
  const summary = resolveText(process.summary, locale, municipalityDefault);
  return {
    slug: process.slug,
    status: process.status,
    startsOn: process.startsOn,
    endsOn: process.endsOn,
    title: title.text,
    titleLang: title.locale,
    summary: summary.text,
    summaryLang: summary.locale,
    /** The language shown when it is not the reader's, so the page can say so. */
    fallbackLang: title.fallback || summary.fallback ? (summary.fallback ? summary.locale : title.locale) : null,
  };
}

const regionTags: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', sv: 'sv-SE', da: 'da-DK', en: 'en-GB' };
// Building a DateTimeFormat costs far more than using one: keep one per language.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A date as the reader's language writes it. */
export function formatDate(iso: string | null, locale: Locale): string {
  if (!iso) return '';
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(regionTags[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(`${iso}T00:00:00Z`));
}
