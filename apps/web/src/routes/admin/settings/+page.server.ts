import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { municipalityContracts } from '@tingsted/platform/accounts';
import { requireUser } from '$lib/server/session';

export const load: PageServerLoad = ({ locals }) => ({ settings: locals.ctx.municipality });

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = {
      name: text(form, 'name'),
      logoUrl: text(form, 'logoUrl'),
      primaryColour: text(form, 'primaryColour'),
      defaultLocale: text(form, 'defaultLocale'),
      areas: text(form, 'areas'),
    };
    const input = readForm(municipalityContracts.updateMunicipality, form);
    const result = input.ok ? await locals.platform.municipality.update(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('admin.settingsSaved') };
  },
};
