// The anonymous voter's cookie, in one place for the API and the pages: its name, its attributes, and when a
// new token is made. Each app sets it with its own cookie API from what `voterCookie` returns.
import { randomBytes } from 'node:crypto';

/** The cookie's name (`__Host-` in production, so no subdomain can set it). */
export const voterCookieName = (production: boolean) => (production ? '__Host-ts_voter' : 'ts_voter');

/** The cookie's attributes: a year, HTTP only, same-site lax, secure in production. */
export const voterCookieOptions = (production: boolean) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: production, maxAge: 365 * 24 * 3600 });

/**
 * The voter's token, and the cookie to set when a new one was made: only for someone not signed in, only when
 * the request writes (`create`), and only when the visitor has no usable token yet.
 */
export function voterCookie(input: { production: boolean; signedIn: boolean; existing: string | undefined; create: boolean }) {
  const name = voterCookieName(input.production);
  if (input.signedIn || !input.create || (input.existing !== undefined && input.existing.length >= 20)) {
    return { token: input.existing ?? null, set: null };
  }
  const token = randomBytes(24).toString('base64url');
  return { token, set: { name, value: token, options: voterCookieOptions(input.production) } };
}
