import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { isLocale } from '@tingsted/platform/i18n';
import { cookieNames } from '@tingsted/platform';
import { text } from '$lib/server/forms';
import { safeReturnTo } from '$lib/server/session';

export const load = () => redirect(303, '/');

export const actions: Actions = {
  // The switcher posts here; the choice is kept in a cookie and, when signed in, on the account.
  default: async ({ request, cookies, locals }) => {
    const form = await request.formData();
    const locale = text(form, 'locale');
    if (isLocale(locale)) {
      cookies.set(cookieNames(locals.ctx.production).locale, locale, {
        path: '/',
        httpOnly: false,
        sameSite: 'lax',
        secure: locals.ctx.production,
        maxAge: 365 * 86400,
      });
      const user = locals.ctx.user;
      if (user) await locals.platform.accounts.updateProfile(user, { displayName: user.displayName, locale });
    }
    redirect(303, safeReturnTo(text(form, 'returnTo')));
  },
};
