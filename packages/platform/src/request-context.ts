// Conventions shared by the server and the web app for one request: cookie names, the CSRF token and
// the context the server resolves once and hands to the pages. No HTTP handling happens here.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Locale } from './i18n/locales.ts';
import type { Municipality } from './municipality/municipality.service.ts';
import type { Platform } from './platform.ts';
import type { SessionUser } from './accounts/accounts.service.ts';

/** Cookie names. In production the CSRF cookie uses the __Host- prefix, so no subdomain can set it. */
export const cookieNames = (production: boolean) => ({
  session: production ? '__Host-ts_session' : 'ts_session',
  csrf: production ? '__Host-ts_csrf' : 'ts_csrf',
  locale: 'ts_locale',
});

/** What every request knows once the server has read its cookies. */
export interface RequestContext {
  readonly user: SessionUser | null;
  readonly sessionToken: string | undefined;
  readonly locale: Locale;
  readonly municipality: Municipality;
  /** The double-submit CSRF token: in a cookie and in every form or X-CSRF-Token header. */
  readonly csrfToken: string;
  /** True when the CSRF cookie was just made and must be set on the response. */
  readonly csrfIsNew: boolean;
  readonly production: boolean;
  readonly oidcName: string | null;
}

/** What the server hands the web app on each request (read in apps/web/src/hooks.server.ts). */
export interface WebBridge {
  readonly platform: Platform;
  readonly ctx: RequestContext;
}

/** Makes a fresh CSRF token. */
export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison of the submitted token with the cookie's. */
export function csrfMatches(expected: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(submitted));
}
