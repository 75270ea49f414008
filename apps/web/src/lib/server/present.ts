import type { ProcessSummary } from '@tingsted/platform/processes';
import { resolveText } from '@tingsted/platform/shared';
import { defaultTimeZone, formatDate as dateIn, languageName, type DateInput, type Locale } from '@tingsted/platform/i18n';

/**
 * A process ready for a page: texts in the reader's language (or the nearest one, marked), and where it stands
 * today (`state`: draft, upcoming, open or closed by its dates), which its badge shows.
 */
export function presentProcess(process: ProcessSummary, locale: Locale, municipalityDefault: Locale) {
  const title = resolveText(process.title, locale, municipalityDefault);
  const summary = resolveText(process.summary, locale, municipalityDefault);
  // The language note names the language the text is shown in, when that is not the page's, in the page's language.
  const shownIn = [title, summary].find((text) => text.text !== '' && text.locale !== locale)?.locale ?? null;
  return {
    slug: process.slug,
    status: process.status,
    state: process.state,
    startsOn: process.startsOn,
    endsOn: process.endsOn,
    title: title.text,
    titleLang: title.locale,
    summary: summary.text,
    summaryLang: summary.locale,
    /** The language shown when it is not the reader's, so the page can say so. */
    fallbackLang: shownIn,
    /** That language's name in the reader's language ("norskt bokmål" on a Swedish page). */
    fallbackLangName: shownIn ? languageName(locale, shownIn) : null,
  };
}

/** A date as the reader's language writes it, in the one date style (see $lib/format). */
export function formatDate(value: DateInput | null, locale: Locale, timeZone = defaultTimeZone): string {
  return dateIn(locale, value, timeZone);
}
