import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure } from '$lib/server/forms';
import { loadProcess } from '$lib/server/process';
import { resolveText } from '@tingsted/platform/shared/localized.ts';
import { hasRole } from '@tingsted/platform/accounts/accounts.policy.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await loadProcess(locals, params.slug);
  const phase = found.process.phases.find((p) => p.id === params.phaseId && p.method === 'survey');
  if (!phase) error(404, { message: 'NotFound' });
  const resolve = (value: Parameters<typeof resolveText>[0]) => resolveText(value, locals.ctx.locale, locals.ctx.municipality.defaultLocale);
  // Page breaks split the questions into parts, shown as numbered sections of one form.
  const parts: { id: string; kind: string; prompt: string; lang: string; required: boolean; choices: { key: string; label: string }[]; min: number; max: number }[][] = [[]];
  for (const q of await locals.platform.surveys.questionsOf(phase.id)) {
    if (q.kind === 'page_break') {
      parts.push([]);
      continue;
    }
    const prompt = resolve(q.prompt);
    parts[parts.length - 1]?.push({
      id: q.id,
      kind: q.kind,
      prompt: prompt.text,
      lang: prompt.locale,
      required: q.required,
      choices: (q.options.choices ?? []).map((c) => ({ key: c.key, label: resolve(c.label).text })),
      min: q.options.min ?? 1,
      max: q.options.max ?? 5,
    });
  }
  const title = resolve(phase.title);
  return {
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    phase: { id: phase.id, title: title.text, lang: title.locale, open: phase.state === 'open' && found.process.status === 'published' },
    parts: parts.filter((p) => p.length > 0),
    responded: await locals.platform.surveys.hasResponded(locals.ctx.user, phase.id),
    signedIn: locals.ctx.user !== null,
    resultsVisible: phase.settings.publicResults === true || hasRole(locals.ctx.user, 'process_manager', 'decision_maker'),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, params, url }) => {
    if (!locals.ctx.user) redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname)}`);
    const form = await request.formData();
    const answers: Record<string, unknown> = {};
    const values: Record<string, string> = {};
    for (const [name, value] of form.entries()) {
      if (!name.startsWith('q-') || typeof value !== 'string') continue;
      const id = name.slice(2);
      const all = form.getAll(name).filter((v): v is string => typeof v === 'string');
      answers[id] = all.length > 1 ? all : value;
      values[name] = all.join('\n');
    }
    const result = await locals.platform.surveys.submitResponse(locals.ctx.user, params.phaseId, answers);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: true };
  },
};
