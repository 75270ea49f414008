import { getContext, setContext } from 'svelte';
import { interpolate } from '@tingsted/platform/i18n';
import type { Catalog, MessageKey } from './keys.ts';

/** Translates a key with the catalog the layout loaded for this request's language. */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

const key = Symbol('t');

/** Called once by the root layout. */
export function provideTranslate(messages: () => Catalog): void {
  const t: Translate = (k, params) => interpolate(messages()[k] ?? k, params);
  setContext(key, t);
}

/** The translator for components and pages. */
export function useTranslate(): Translate {
  return getContext<Translate>(key);
}
