import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { ideaDuplicateContracts as c } from '@tingsted/platform/ideas';
import { resolveText } from '@tingsted/platform/shared';
import { formatsOf } from '$lib/format';

/**
 * Suggested near-duplicate ideas of one process (moderators, process managers, administrators): both texts side
 * by side, merge either way, or "not a duplicate". The process is chosen with a plain GET form.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const wanted = url.searchParams.get('process') ?? '';
  const listed = await locals.platform.processes.listProcesses(user, { status: 'all', pageSize: 100 });
  const processes = (listed.ok ? listed.value : []).map((p) => ({ id: p.id, slug: p.slug, title: resolveText(p.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text }));
  if (wanted === '') return { processes, chosen: null, suggestions: null };
  const chosen = processes.find((p) => p.id === wanted);
  const result = await locals.platform.ideas.duplicateSuggestions(user, wanted);
  if (!result.ok) {
    if (result.code === 'NotFound' || result.code === 'ValidationFailed') error(404, { message: 'NotFound' });
    error(result.code === 'NotSignedIn' ? 401 : 403, { message: result.code });
  }
  const { date } = formatsOf(locals);
  const idea = (i: (typeof result.value.pairs)[number]['a']) => ({ ...i, date: date(i.createdAt), createdAt: i.createdAt.toISOString() });
  return {
    processes,
    chosen: chosen ?? null,
    suggestions: { ...result.value, pairs: result.value.pairs.map((p) => ({ similarity: p.similarity, a: idea(p.a), b: idea(p.b) })) },
  };
};

export const actions: Actions = {
  merge: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const input = readForm(c.mergeIdeas, await request.formData());
    const result = input.ok ? await locals.platform.ideas.mergeIdeas(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result);
    return { done: locals.t('duplicates.merged') };
  },
  dismiss: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const input = readForm(c.dismissDuplicate, await request.formData());
    const result = input.ok ? await locals.platform.ideas.dismissDuplicate(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result);
    return { done: locals.t('duplicates.dismissed') };
  },
};
