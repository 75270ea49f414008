import type { Locale } from './locales.ts';
import { interpolate } from './interpolate.ts';

/** Values for a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** One catalog per language; English defines the keys and is the fallback. */
export type Catalogs<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

/** The functions that translate with one set of catalogs: the platform's, or the web's. */
export interface Translation<K extends string> {
  /** True when `key` names a message of this set. */
  readonly isMessageKey: (key: string) => key is K;
  /** The text for `key` in `locale` with its placeholders filled. */
  readonly translate: (locale: Locale, key: K, params?: MessageParams) => string;
  /** A translator bound to one locale, as pages use it: `t('nav.home')`. */
  readonly translator: (locale: Locale) => (key: K, params?: MessageParams) => string;
}

/** Binds the translation functions to a set of catalogs. */
export function translation<K extends string>(catalogs: Catalogs<K>): Translation<K> {
  const english = catalogs.en;
  const translate = (locale: Locale, key: K, params?: MessageParams): string =>
    // A key missing at run time (the catalog tests fail the build for it) falls back to English, never a crash.
    interpolate(catalogs[locale][key] ?? english[key], params, locale);
  return {
    isMessageKey: (key: string): key is K => Object.hasOwn(english, key),
    translate,
    translator: (locale) => (key, params) => translate(locale, key, params),
  };
}
