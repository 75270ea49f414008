import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { textProviderContracts } from '@tingsted/platform/analysis';
import { requireUser } from '$lib/server/session';

// Administrators: the optional language models for analyses (an OpenAI-compatible endpoint of their own), off by default.
export const load: PageServerLoad = async ({ locals }) => {
  const found = await locals.platform.analysis.textProviderOf(locals.ctx.user);
  if (!found.ok) error(found.code === 'NotSignedIn' ? 401 : 403, { message: found.code });
  const { updatedAt: _updatedAt, ...provider } = found.value;
  return { provider };
};

export const actions: Actions = {
  save: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { baseUrl: text(form, 'baseUrl'), embeddingModel: text(form, 'embeddingModel'), chatModel: text(form, 'chatModel'), timeoutMs: text(form, 'timeoutMs'), enabled: form.get('enabled') ? 'on' : '' };
    const input = readForm(textProviderContracts.setTextProvider, form);
    const result = input.ok ? await locals.platform.analysis.setTextProvider(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('models.saved') };
  },
  test: async ({ locals, url }) => {
    const user = requireUser(locals, url);
    const result = await locals.platform.analysis.testTextProvider(user);
    if (!result.ok) return formFailure(locals, result);
    const line = (name: string, probe: { state: string; ms: number; message: string }) =>
      probe.state === 'ok'
        ? locals.t('models.probeOk', { name, ms: probe.ms })
        : probe.state === 'failed'
          ? locals.t('models.probeFailed', { name, ms: probe.ms, reason: probe.message })
          : locals.t('models.probeNotSet', { name });
    return { tested: [line(locals.t('models.embedding'), result.value.embedding), line(locals.t('models.chat'), result.value.chat)] };
  },
};
