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

/** The UI text of one language. */
export function loadCatalog(locale: Locale): Promise<Catalog> {
  return loaders[locale]();
}
