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

/**
 * The embedded conversation's own visitor cookie (docs/decisions/0012-embedded-conversations.md): sent inside
 * another site's frame, so `SameSite=None; Secure`, and `Partitioned` (kept per embedding site where browsers
 * partition third-party cookies). The embed page also carries the token in its forms, so a browser that drops
 * the cookie still keeps one visitor across votes.
 */
export const embedVoterCookieName = (production: boolean) => (production ? '__Host-ts_embed_voter' : 'ts_embed_voter');

/** The embed cookie's attributes: a year, HTTP only, cross-site, secure and partitioned. */
export const embedVoterCookieOptions = () => ({ path: '/', httpOnly: true, sameSite: 'none' as const, secure: true, partitioned: true, maxAge: 365 * 24 * 3600 });

/** A token as the embed page may carry it in a form (the shape `voterCookie` makes), or null. */
export function embedToken(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{20,64}$/.test(value) ? value : null;
}

/** A new anonymous visitor token. */
export function newVisitorToken(): string {
  return randomBytes(24).toString('base64url');
}
