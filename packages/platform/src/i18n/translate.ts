import { type Locale, locales } from './locales.ts';
import { en, type MessageKey } from './messages/en.ts';
import { interpolate } from './interpolate.ts';
import { nb } from './messages/nb.ts';
import { nn } from './messages/nn.ts';
import { sv } from './messages/sv.ts';
import { da } from './messages/da.ts';

export type { MessageKey };

/** One language's complete catalog. */
export type Catalog = Readonly<Record<MessageKey, string>>;

/** All catalogs by locale. */
export const catalogs: Readonly<Record<Locale, Catalog>> = { nb, nn, sv, da, en };


/** True when `key` names a message. */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

/** The text for `key` in `locale` with its placeholders filled. */
export function translate(locale: Locale, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  // A key missing at run time (the i18n test fails the build for it) falls back to English, never a crash.
  return interpolate(catalogs[locale][key] ?? en[key], params);
}

/** A translator bound to one locale, as pages use it: `t('nav.home')`. */
export function translator(locale: Locale) {
  return (key: MessageKey, params?: Readonly<Record<string, string | number>>): string => translate(locale, key, params);
}

export { locales, interpolate };
