import { type Locale, locales } from './locales.ts';
import { interpolate } from './interpolate.ts';
import type { Catalog, MessageKey } from './keys.ts';
import { translation } from './translation.ts';
import { sentDa } from './messages/sent/da.ts';
import { sentEn } from './messages/sent/en.ts';
import { sentNb } from './messages/sent/nb.ts';
import { sentNn } from './messages/sent/nn.ts';
import { sentSv } from './messages/sent/sv.ts';
import { shownDa } from './messages/shown/da.ts';
import { shownEn } from './messages/shown/en.ts';
import { shownNb } from './messages/shown/nb.ts';
import { shownNn } from './messages/shown/nn.ts';
import { shownSv } from './messages/shown/sv.ts';

export type { Catalog, MessageKey };

/**
 * The platform's catalogs by locale: what it returns for the apps to show (shown/) and what it sends itself
 * (sent/). Page text lives in apps/web.
 */
export const catalogs: Readonly<Record<Locale, Catalog>> = {
  nb: { ...shownNb, ...sentNb },
  nn: { ...shownNn, ...sentNn },
  sv: { ...shownSv, ...sentSv },
  da: { ...shownDa, ...sentDa },
  en: { ...shownEn, ...sentEn },
};

export const { isMessageKey, translate, translator } = translation(catalogs);

export { locales, interpolate };
