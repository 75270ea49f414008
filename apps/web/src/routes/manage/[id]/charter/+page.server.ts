import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { isLocale } from '@tingsted/platform/i18n';
import { resolveText } from '@tingsted/platform/shared';
import { charterFields, processContracts } from '@tingsted/platform/processes';

const textFields = ['title', 'summary', ...charterFields] as const;

/** The charter section of a process's workspace: its texts in one language at a time, and the respond-by date. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const requested = url.searchParams.get('lang');
  const contentLocale = isLocale(requested) ? requested : locals.ctx.locale;
  const texts: Record<string, string> = {};
  for (const field of textFields) {
    const value = field === 'title' ? process.title : field === 'summary' ? process.summary : process.charter[field];
    texts[field] = value[contentLocale] ?? '';
  }
  return {
    managed: { id: process.id, respondBy: process.respondBy ?? '', title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    contentLocale,
    texts,
  };
};

export const actions: Actions = {
  charter: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values: Record<string, string> = { respondBy: text(form, 'respondBy'), contentLocale: text(form, 'contentLocale') };
    const texts: Record<string, string> = {};
    for (const field of textFields) {
      texts[field] = text(form, field);
      values[field] = texts[field];
    }
    const input = readForm(processContracts.updateCharter, form, { id: params.id, locale: values.contentLocale });
    const result = input.ok ? await locals.platform.processes.updateCharter(user, params.id, { locale: input.value.locale, texts, respondBy: input.value.respondBy ?? '' }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('manage.saved') };
  },
};
