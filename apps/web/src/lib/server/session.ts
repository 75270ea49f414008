import { redirect, type Cookies } from '@sveltejs/kit';
import { cookieNames } from '@tingsted/platform';
import type { SessionUser } from '@tingsted/platform/accounts';

/** Sets the session cookie after a sign-in: httpOnly, SameSite=Lax, Secure in production. */
export function setSession(cookies: Cookies, production: boolean, token: string, expiresAt: Date) {
  cookies.set(cookieNames(production).session, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: production, expires: expiresAt });
}

/** Removes the session cookie. */
export function clearSession(cookies: Cookies, production: boolean) {
  cookies.delete(cookieNames(production).session, { path: '/', httpOnly: true, sameSite: 'lax', secure: production });
}

/** The signed-in person, or a redirect to sign-in that comes back here. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
  if (!locals.ctx.user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
  return locals.ctx.user;
}

/** Only local paths are followed after sign-in. */
export function safeReturnTo(value: string | null): string {
  return value && /^\/(?!\/)/.test(value) ? value : '/';
}
