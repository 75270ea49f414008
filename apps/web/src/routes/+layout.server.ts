import type { LayoutServerLoad } from './$types';
import { localeNames, locales } from '@tingsted/platform/i18n/locales.ts';
import { accountsPolicy } from '@tingsted/platform/accounts/accounts.policy.ts';

export const load: LayoutServerLoad = ({ locals, url }) => {
  const { ctx } = locals;
  return {
    locale: ctx.locale,
    languages: locales.map((code) => ({ code, name: localeNames[code] })),
    municipality: ctx.municipality,
    user: ctx.user ? { displayName: ctx.user.displayName, roles: [...ctx.user.roles] } : null,
    isAdmin: accountsPolicy.manageUsers(ctx.user),
    csrfToken: ctx.csrfToken,
    oidcName: ctx.oidcName,
    path: url.pathname + url.search,
  };
};
