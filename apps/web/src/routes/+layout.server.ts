import type { LayoutServerLoad } from './$types';
import { localeNames, locales } from '@tingsted/platform/i18n';
import { accountsPolicy } from '@tingsted/platform/accounts';

export const load: LayoutServerLoad = async ({ locals, url }) => {
  const { ctx } = locals;
  return {
    locale: ctx.locale,
    languages: locales.map((code) => ({ code, name: localeNames[code] })),
    municipality: ctx.municipality,
    user: ctx.user ? { displayName: ctx.user.displayName, roles: [...ctx.user.roles], emailVerified: ctx.user.emailVerified } : null,
    isAdmin: accountsPolicy.manageUsers(ctx.user),
    // Every staff role has a /manage page (it shows what that role may do).
    canManage: accountsPolicy.isStaff(ctx.user),
    unread: ctx.user ? await locals.platform.notifications.unreadCount(ctx.user) : 0,
    csrfToken: ctx.csrfToken,
    oidcName: ctx.oidcName,
    path: url.pathname + url.search,
    // An embedded page (framed by another site) shows no site header or footer.
    embedded: url.pathname.startsWith('/embed/'),
  };
};
