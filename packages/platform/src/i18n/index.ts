// The i18n module's public entry point: the apps import from here, never the module's inner files.
export { catalogProblems, keysDefinedTwice } from './check.ts';
export { interpolate, pluralCategory } from './interpolate.ts';
export { defaultTimeZone, formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, formatsFor, languageName, regionTag, shareParts, type DateInput, type Formats } from './format.ts';
export { type Locale, isLocale, localeNames, locales } from './locales.ts';
export { translation } from './translation.ts';
