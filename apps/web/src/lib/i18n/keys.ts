import type { en } from './messages/en.ts';

// The key type comes from the English catalog and flows one way: messages → keys → translate and the pages.

/** Every key a page can translate: the pages' own text and the platform's shown messages. */
export type MessageKey = keyof typeof en;

/** One language's complete page catalog. */
export type Catalog = Readonly<Record<MessageKey, string>>;
