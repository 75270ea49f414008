import type { Locale } from '@tingsted/platform/i18n';
import type { Catalog } from './i18n/keys.ts';

// One chunk per language: the browser fetches (and caches) only the catalog it needs, instead of every
// page carrying it in its data.
const loaders: Record<Locale, () => Promise<Catalog>> = {
  nb: () => import('./i18n/messages/nb.ts').then((m) => m.nb),
  nn: () => import('./i18n/messages/nn.ts').then((m) => m.nn),
  sv: () => import('./i18n/messages/sv.ts').then((m) => m.sv),
  da: () => import('./i18n/messages/da.ts').then((m) => m.da),
  en: () => import('./i18n/messages/en.ts').then((m) => m.en),
};

const loaded = new Map<Locale, Catalog>();

/**
 * The UI text of one language. Kept once loaded: on the server a dynamic import() per request costs a
 * round trip through the module loader.
 */
export async function loadCatalog(locale: Locale): Promise<Catalog> {
  const cached = loaded.get(locale);
  if (cached) return cached;
  const catalog = await loaders[locale]();
  loaded.set(locale, catalog);
  return catalog;
}
