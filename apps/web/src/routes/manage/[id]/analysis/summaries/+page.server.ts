import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { resolveText } from '@tingsted/platform/shared';
import { summaryContracts } from '@tingsted/platform/analysis';
import { formatsOf } from '$lib/format';

// Staff edit the last analysis's summaries (process and topics) sentence by sentence and publish them on the
// "you said, we did" page, keep them as drafts, or take them off it.
export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await locals.platform.analysis.summariesOf(locals.ctx.user, params.id, locals.ctx.locale);
  if (!found.ok) {
    if (found.code === 'NotFound' || found.code === 'ValidationFailed') error(404, { message: 'NotFound' });
    error(found.code === 'NotSignedIn' ? 401 : 403, { message: found.code });
  }
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const time = formatsOf(locals).dateTime;
  return {
    managed: { id: process.id, slug: process.slug, title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    summaries: found.value.summaries.map((s) => ({
      ...s,
      savedAt: s.savedAt ? time(s.savedAt) : null,
      publishedAt: s.publishedAt ? time(s.publishedAt) : null,
    })),
  };
};

async function save(request: Request, locals: App.Locals, params: { id: string }, url: URL, publish: boolean) {
  const user = requireUser(locals, url);
  const form = await request.formData();
  // One text per sentence, empty ones included (an empty one removes its sentence), so not one per line.
  const sentences = form.getAll('sentences').filter((v): v is string => typeof v === 'string');
  const input = readForm(summaryContracts.saveSummary, form, { id: params.id, sentences, publish });
  const result = input.ok ? await locals.platform.analysis.saveSummary(user, input.value, locals.ctx.locale) : input;
  const scope = typeof form.get('scope') === 'string' ? String(form.get('scope')) : '';
  if (!result.ok) return formFailure(locals, result, { scope });
  return { saved: locals.t(publish ? 'summaries.publishedNotice' : 'summaries.savedNotice'), scope };
}

export const actions: Actions = {
  publish: ({ request, locals, params, url }) => save(request, locals, params, url, true),
  draft: ({ request, locals, params, url }) => save(request, locals, params, url, false),
  unpublish: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(summaryContracts.unpublishSummary, form, { id: params.id });
    const result = input.ok ? await locals.platform.analysis.unpublishSummary(user, input.value) : input;
    const scope = typeof form.get('scope') === 'string' ? String(form.get('scope')) : '';
    if (!result.ok) return formFailure(locals, result, { scope });
    return { saved: locals.t('summaries.unpublishedNotice'), scope };
  },
};
