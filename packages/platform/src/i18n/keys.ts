import type { sentEn } from './messages/sent/en.ts';
import type { shownEn } from './messages/shown/en.ts';

// The key types come from the English catalogs and flow one way: messages → keys → translate.

/** A message the platform hands to the apps to show: an error code's text, a field message, a shared text. */
export type ShownKey = keyof typeof shownEn;

/** A message only the platform renders: an e-mail, a notification, a letter. */
export type SentKey = keyof typeof sentEn;

/** Every key the platform translates. */
export type MessageKey = ShownKey | SentKey;

/** One language's complete platform catalog. */
export type Catalog = Readonly<Record<MessageKey, string>>;
