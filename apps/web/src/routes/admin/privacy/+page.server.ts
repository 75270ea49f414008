import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { municipalityContracts } from '@tingsted/platform/accounts';
import { requireUser } from '$lib/server/session';

export const load: PageServerLoad = async ({ locals, url }) => {
  const settings = await locals.platform.municipality.retentionSettings(requireUser(locals, url));
  if (!settings.ok) error(403, { message: 'Forbidden' });
  return { retention: settings.value };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(municipalityContracts.setRetentionSettings, form);
    const result = input.ok ? await locals.platform.municipality.setRetentionSettings(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, { panelRegistrationDays: text(form, 'panelRegistrationDays') });
    return { saved: locals.t('privacy.retentionSaved') };
  },
};
