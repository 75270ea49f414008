// The i18n module's public entry point: the apps import from here, never the module's inner files.
export { catalogProblems, keysDefinedTwice } from './check.ts';
export { interpolate } from './interpolate.ts';
export { type Locale, isLocale, localeNames, locales } from './locales.ts';
export { translation } from './translation.ts';
