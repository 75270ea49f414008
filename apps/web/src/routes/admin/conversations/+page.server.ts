import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { conversationContracts as c } from '@tingsted/platform/conversations';
import { requireUser } from '$lib/server/session';

// The administrator's conversation settings: the machine-translation service and the sites that may embed.
export const load: PageServerLoad = async ({ locals, url }) => {
  const settings = await locals.platform.conversations.conversationSettingsFor(requireUser(locals, url));
  if (!settings.ok) error(403, { message: 'Forbidden' });
  return { settings: { translationUrl: settings.value.translationUrl ?? '', embedOrigins: settings.value.embedOrigins.join('\n') }, origin: url.origin };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { translationUrl: text(form, 'translationUrl'), embedOrigins: text(form, 'embedOrigins') };
    const input = readForm(c.setSettings, form);
    const result = input.ok ? await locals.platform.conversations.setConversationSettings(user, values) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('conversations.settings.saved') };
  },
};
