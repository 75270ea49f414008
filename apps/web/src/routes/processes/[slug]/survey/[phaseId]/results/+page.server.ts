import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { loadProcess } from '$lib/server/process';
import { resolveText } from '@tingsted/platform/shared';
import { formatsOf } from '$lib/format';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await loadProcess(locals, params.slug);
  const phase = found.process.phases.find((p) => p.id === params.phaseId && p.method === 'survey');
  if (!phase) error(404, { message: 'NotFound' });
  const results = await locals.platform.surveys.results(locals.ctx.user, phase.id);
  if (!results.ok) error(results.code === 'Forbidden' ? 403 : 404, { message: results.code });
  const f = formatsOf(locals);
  const resolve = (value: Parameters<typeof resolveText>[0]) => resolveText(value, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text;
  return {
    process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang },
    phase: { id: phase.id, title: resolve(phase.title) },
    respondents: results.value.respondents,
    questions: results.value.questions.map((r) => ({
      id: r.question.id,
      kind: r.question.kind,
      prompt: resolve(r.question.prompt),
      answered: r.answered,
      mean: r.mean === null ? null : f.number(r.mean, { maximumFractionDigits: 1 }),
      texts: r.texts,
      tallies: r.tallies.map((t) => ({ key: t.key, label: resolve(t.label) || t.key, count: t.count, countText: f.number(t.count), percent: t.percent, percentText: f.percent(t.percent / 100) })),
    })),
  };
};
