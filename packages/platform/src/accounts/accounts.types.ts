import type { Locale } from '../i18n/locales.ts';
import type { Actor } from './accounts.policy.ts';

/** The signed-in person and their session, as pages and endpoints see it. */
export interface SessionUser extends Actor {
  readonly email: string;
  readonly displayName: string;
  readonly locale: Locale | null;
  readonly emailVerified: boolean;
}
