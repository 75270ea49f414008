import type { Locale } from '@tingsted/platform/i18n';
import { translation } from '@tingsted/platform/i18n';
import type { Catalog } from './keys.ts';
import { da } from './messages/da.ts';
import { en } from './messages/en.ts';
import { nb } from './messages/nb.ts';
import { nn } from './messages/nn.ts';
import { sv } from './messages/sv.ts';

// Server only (the `.server` name keeps it out of the browser): it holds all five languages. The browser
// loads one language's catalog through $lib/catalogs.

/** The pages' catalogs by locale. */
export const catalogs: Readonly<Record<Locale, Catalog>> = { nb, nn, sv, da, en };

export const { isMessageKey, translate, translator } = translation(catalogs);
