import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { accountContracts } from '@tingsted/platform/accounts';
import { clearSession, requireUser } from '$lib/server/session';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const account = await locals.platform.accounts.getAccount(user);
  if (!account.ok) redirect(303, '/sign-in');
  const about = await locals.platform.accounts.getResidentProfile(user);
  // What deleting the account would do, shown before the person confirms.
  const preview = await locals.platform.reports.deletionPreview(user);
  if (!preview.ok) redirect(303, '/sign-in');
  return {
    preview: preview.value,
    account: { ...account.value, locale: account.value.locale ?? '' },
    about: { area: about.area ?? '', birthYear: about.birthYear === null ? '' : String(about.birthYear) },
    areas: locals.ctx.municipality.areas,
  };
};

export const actions: Actions = {
  profile: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { displayName: text(form, 'displayName'), locale: text(form, 'locale') };
    const input = readForm(accountContracts.updateProfile, form);
    const result = input.ok ? await locals.platform.accounts.updateProfile(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('account.saved') };
  },
  about: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { area: text(form, 'area'), birthYear: text(form, 'birthYear') };
    const input = readForm(accountContracts.updateResidentProfile, form);
    const result = input.ok ? await locals.platform.accounts.updateResidentProfile(user, { area: input.value.area, birthYear: input.value.birthYear }) : input;
    if (!result.ok) return formFailure(locals, result, { ...values, form: 'about' });
    return { saved: locals.t('account.saved') };
  },
  notify: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(accountContracts.setNotifyMode, form);
    const result = input.ok ? await locals.platform.accounts.setNotifyMode(user, input.value.notifyMode) : input;
    if (!result.ok) return formFailure(locals, result);
    return { saved: locals.t('account.saved') };
  },
  resend: async ({ locals, url }) => {
    const user = requireUser(locals, url);
    const result = await locals.platform.accounts.resendConfirmation(user);
    if (!result.ok) return formFailure(locals, result);
    return { saved: result.value.sent ? locals.t('privacy.resent', { email: user.email }) : locals.t('privacy.alreadyConfirmed') };
  },
  delete: async ({ request, locals, url, cookies }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(accountContracts.deleteMyAccount, form);
    const result = input.ok ? await locals.platform.reports.deleteAccount(user, input.value.confirm) : input;
    if (!result.ok) return formFailure(locals, result);
    clearSession(cookies, locals.ctx.production);
    redirect(303, '/?deleted=1');
  },
};
