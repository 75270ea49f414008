import type { Locale } from '@tingsted/platform/i18n/locales.ts';
import type { Catalog } from '@tingsted/platform/i18n/translate.ts';

// One chunk per language: the browser fetches (and caches) only the catalog it needs, instead of every
// page carrying it in its data.
const loaders: Record<Locale, () => Promise<Catalog>> = {
  nb: () => import('@tingsted/platform/i18n/messages/nb.ts').then((m) => m.nb),
  nn: () => import('@tingsted/platform/i18n/messages/nn.ts').then((m) => m.nn),
  sv: () => import('@tingsted/platform/i18n/messages/sv.ts').then((m) => m.sv),
  da: () => import('@tingsted/platform/i18n/messages/da.ts').then((m) => m.da),
  en: () => import('@tingsted/platform/i18n/messages/en.ts').then((m) => m.en),
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
