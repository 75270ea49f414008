import { getContext, setContext } from 'svelte';
import { interpolate, type Locale } from '@tingsted/platform/i18n';
import type { Catalog, MessageKey } from './keys.ts';

/** Translates a key with the catalog the layout loaded for this request's language. */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

const key = Symbol('t');

/** Called once by the root layout, with the page's catalog and language (whose plural rules the counts follow). */
export function provideTranslate(messages: () => Catalog, locale: () => Locale): void {
  const t: Translate = (k, params) => interpolate(messages()[k] ?? k, params, locale());
  setContext(key, t);
}

/** The translator for components and pages. */
export function useTranslate(): Translate {
  return getContext<Translate>(key);
}
